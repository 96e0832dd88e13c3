"""What a check finds: a Problem (file, line, rule, message), the Project it looked at, the Report of it.

The report reads in the order a contributor fixes things: errors before notices, and within each the
files the change touched first (changes.py says which), each consequence of a problem right after it.
Translations behind their originals that the change did not touch are one line, not one each.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from llmqa.safety.messages import report_line, shown
from llmqa.sections.changes import Changes
from llmqa.sections.model import CHECK_COMMAND, DIFF_COMMAND, language_name
from llmqa.sections.page import SectionPage

SEVERITY_ORDER = {"error": 0, "warning": 1, "notice": 2}
FOLLOWS_NOTE = " (follows from the problem above)"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    rule: str
    message: str
    # "error" stops the build; "warning" stops it with --strict; "notice" (a translation out of date)
    # never does: a fix to the original must reach readers even before its translation is updated.
    severity: str = "error"
    # What the problem is about, for a later pass that words it better (e.g. 'missing-block:analysis').
    key: str = field(default="", compare=False)
    # The problem this one follows from (the same mistake seen from another rule or the other language):
    # reported right after it, and marked as such.
    follows: Problem | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        level = "" if self.severity == "error" else f"{self.severity}: "
        note = FOLLOWS_NOTE if self.follows is not None else ""
        return report_line(f"{self.file}:{self.line}: {level}{self.message}{note} [{self.rule}]")

    def annotation(self) -> str:
        """A GitHub Actions workflow command that puts the problem on the pull request's diff."""

        def escape(value: str, is_property: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return value.replace(":", "%3A").replace(",", "%2C") if is_property else value

        title = escape(f"section check ({self.rule})", is_property=True)
        level = "warning" if self.severity == "notice" else self.severity  # shown on the diff, not failing
        cause = f" (follows from {self.follows.file}:{self.follows.line})" if self.follows else ""
        return (
            f"::{level} file={escape(shown(self.file), True)},line={self.line},title={title}::"
            f"{escape(shown(self.message + cause))}"
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
    changes: Changes = field(default_factory=Changes)  # what the contributor changed
    unrecorded: list[str] = field(default_factory=list)  # new translations, in sync, with no record yet

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

    def in_change(self, problem: Problem) -> bool:
        """Whether the problem is in a file the change touched (a translation's drift: or its original)."""
        return self.changes.changed(problem.file) or self.changes.changed(self.outdated.get(problem.file))

    def ordered(self) -> list[Problem]:
        """Every problem in reading order: errors, warnings, then notices; in each, the changed files
        first, then by file and line; a problem that follows from another right after that one."""
        present = set(self.problems)
        after: dict[Problem, list[Problem]] = defaultdict(list)
        primaries = []
        for problem in self.problems:
            if problem.follows is not None and problem.follows in present:
                after[problem.follows].append(problem)
            else:
                primaries.append(problem)
        order: list[Problem] = []
        for problem in sorted(primaries, key=self._rank):
            order.append(problem)
            order.extend(sorted(after.pop(problem, [])))
        order += sorted((p for rest in after.values() for p in rest), key=self._rank)  # a chain's tail
        return order

    def _rank(self, problem: Problem) -> tuple:
        return (SEVERITY_ORDER.get(problem.severity, 0), not self.in_change(problem), problem)

    def lines(self, severities: tuple[str, ...] = ("error", "warning", "notice")) -> list[str]:
        """The problems of these severities as printed, one line each whatever the text quotes; the
        translations behind that the change did not touch summed up in the last line."""
        shown_lines: list[str] = []
        behind: list[Problem] = []
        for problem in self.ordered():
            if problem.severity not in severities:
                continue
            if problem.rule == "drift" and problem.severity == "notice" and not self.in_change(problem):
                behind.append(problem)
            else:
                shown_lines.append(str(problem))
        if behind:
            shown_lines.append(report_line(behind_line(behind, self.outdated)))
        return shown_lines

    def notice_lines(self) -> list[str]:
        """The notices as the build logs them (drift the change did not touch in one line)."""
        return self.lines(("notice",))

    def format(self) -> str:
        """One report: a summary line, then every problem as `file:line: message [rule]`."""
        errors, warnings = len(self.errors), len(self.warnings)
        head = f"Section check: {count(errors, 'error')}, {count(warnings, 'warning')}"
        if self.notices:
            head += f", {count(len(self.notices), 'translation')} out of date"
        head += f" in {count(self.section_count, 'section page')}"
        body = self.lines()
        tail = (
            f"Run '{CHECK_COMMAND}' to check again without building; "
            "CONTRIBUTING.md describes the section format."
        )
        return "\n".join([head + ":", *body, tail] if body else [head])


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def behind_line(problems: list[Problem], outdated: dict[str, str]) -> str:
    """'12 English pages are behind their Chinese originals (...)': drift outside the change, in one line."""
    translations = [PurePosixPath(p.file) for p in problems]
    originals = {PurePosixPath(outdated.get(p.file, p.file)).parent.name for p in problems}
    languages = {path.parent.name for path in translations}
    folders = sorted({path.parent.as_posix() for path in translations})
    many = len(problems) != 1
    if len(languages) == 1 and len(originals) == 1:
        pages = f"{language_name(languages.pop())} page{'s' * many}"
        whose = f"{'their' if many else 'its'} {language_name(originals.pop())} original{'s' * many}"
    else:
        pages, whose = f"translation{'s' * many}", f"{'their' if many else 'its'} original{'s' * many}"
    command = DIFF_COMMAND.format(path=f"{folders[0]}/<slug>.md")
    return (
        f"{len(problems)} {pages} {'are' if many else 'is'} behind {whose} (listed on the translation "
        f"status page; `{command}` shows what changed)"
    )


def source_path(project: Project, language: str, name: str) -> str:
    return project.rel(project.docs_dir / language / name)
