"""What a reviewer of a pull request needs on one screen: the section check's result, the pages the
change touches (both languages, with their addresses), and the translations that are out of date.

Written as Markdown into the pull-request workflow's job summary (`check_sections.py --summary`).
Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from llmqa.sections.model import DIFF_COMMAND
from llmqa.sections.report import Project, Report
from llmqa.translation.history import git


def code(text: str) -> str:
    """`text` as a Markdown code span that nothing in it can end: fenced with one backtick more than its
    longest run, on one line, so no Markdown, link or image from a page reaches the summary."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def changed_pages(project: Project, base: str) -> list[str]:
    """Pages (docs/<language>/<name>.md) that differ between `base` and HEAD, or None-safe empty."""
    docs = project.rel(project.docs_dir)
    output = git(project.root, "diff", "--name-only", f"{base}...HEAD", "--", docs) or ""
    return sorted(path for path in output.splitlines() if path.endswith(".md"))


def page_address(project: Project, path: str, site_url: str) -> tuple[str, str] | None:
    """(language, URL) of a page's source file, e.g. ('en', 'https://…/en/overfitting/')."""
    parts = PurePosixPath(path).parts
    docs = PurePosixPath(project.rel(project.docs_dir)).parts
    if parts[: len(docs)] != docs or len(parts) != len(docs) + 2:
        return None
    language, name = parts[len(docs)], PurePosixPath(parts[-1]).stem
    folder = "" if language == project.default else f"{language}/"
    page = "" if name == "index" else f"{name}/"
    return language, f"{site_url.rstrip('/')}/{folder}{page}"


def summary(project: Project, report: Report, changed: list[str], site_url: str) -> str:
    """The job summary, in Markdown."""
    lines = ["## Section check", ""]
    if report.errors:
        lines += [f"**{len(report.errors)} problem(s)** to fix (each is also marked on the diff):", ""]
        errors = [problem for problem in report.ordered() if problem.severity == "error"]
        lines += [f"- {code(str(problem))}" for problem in errors[:50]]
    else:
        lines += [f"No problem in {report.section_count} section pages."]
    lines += ["", "## Pages this pull request changes", ""]
    slugs = sorted({PurePosixPath(path).stem for path in changed})
    if not slugs:
        lines.append("None: the pull request changes no page.")
    else:
        lines += [
            "The run attaches `pages-built-by-the-base-branch`: this pull request's pages built by the "
            "base branch's code (serve it with `python -m http.server`, never open it from the pull "
            "request's own build). After merge the pages are at:",
            "",
            "| page | " + " | ".join(project.languages) + " |",
            "| --- |" + " --- |" * len(project.languages),
        ]
        for slug in slugs:
            cells = []
            for language in project.languages:
                path = f"{project.rel(project.docs_dir)}/{language}/{slug}.md"
                address = page_address(project, path, site_url)
                mark = " (changed)" if path in changed else ""
                cells.append(f"[{language}]({address[1]}){mark}" if address else "-")
            lines.append(f"| `{slug}` | " + " | ".join(cells) + " |")
    lines += ["", "## Translations", ""]
    if report.outdated:
        lines += [
            "Out of date (this does not block the merge: the English page says so until it is updated):",
            "",
        ]
        for translation, original in sorted(report.outdated.items()):
            command = code(DIFF_COMMAND.format(path=translation))
            lines.append(f"- {code(translation)} is behind {code(original)}: {command}")
    else:
        lines.append("Every translation is up to date.")
    return "\n".join(lines) + "\n"
