"""What a check finds: a Problem (file, line, rule, message), the Project it looked at, the Report of it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from llmqa.safety.messages import report_line, shown
from llmqa.sections.model import CHECK_COMMAND
from llmqa.sections.page import SectionPage


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    rule: str
    message: str
    # "error" stops the build; "warning" stops it with --strict; "notice" (a translation out of date)
    # never does: a fix to the original must reach readers even before its translation is updated.
    severity: str = "error"

    def __str__(self) -> str:
        level = "" if self.severity == "error" else f"{self.severity}: "
        return report_line(f"{self.file}:{self.line}: {level}{self.message} [{self.rule}]")

    def annotation(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the pull request's diff."""

        def escape(value: str, is_property: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if is_property else value

        title = escape(f"section check ({self.rule})", is_property=True)
        level = "warning" if self.severity == "notice" else self.severity  # shown on the diff, not failing
        return (
            f"::{level} file={escape(shown(self.file), True)},line={self.line},title={title}::"
            f"{escape(shown(self.message))}"
        )


@dataclass
class Project:
    """Where the pages are: docs/<language>/<slug>.md, the default language holding the originals."""

    root: Path
    docs_dir: Path
    languages: list[str]
    default: str

    def rel(self, path: Path) -> str:
        """The path from the project root, for messages: never an absolute path of this machine."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(os.path.relpath(path.resolve(), self.root.resolve())).as_posix()


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, dict[str, SectionPage]] = field(default_factory=dict)  # language -> file name -> page
    outdated: dict[str, str] = field(default_factory=dict)  # translation path -> its original's path
    sources: dict[str, SectionPage] = field(default_factory=dict)  # every page read, by its path
    unread: set[str] = field(default_factory=set)  # pages there but refused unread (too big), by path

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "notice"]

    @property
    def section_count(self) -> int:
        return sum(len(pages) for pages in self.pages.values())

    def format(self) -> str:
        """One report: a summary line, then every problem as `file:line: message [rule]`."""
        errors, warnings = len(self.errors), len(self.warnings)
        head = f"Section check: {count(errors, 'error')}, {count(warnings, 'warning')}"
        if self.notices:
            head += f", {count(len(self.notices), 'translation')} out of date"
        head += f" in {count(self.section_count, 'section page')}"
        body = [str(p) for p in sorted(self.problems)]  # one line each, whatever the text quotes
        tail = (
            f"Run '{CHECK_COMMAND}' to check again without building; "
            "CONTRIBUTING.md describes the section format."
        )
        return "\n".join([head + ":", *body, tail] if body else [head])


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def source_path(project: Project, language: str, name: str) -> str:
    return project.rel(project.docs_dir / language / name)
