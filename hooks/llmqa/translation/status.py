"""How up to date each translation is, on the translation status pages and on the page itself.

A Chinese page can be fixed before its English page is brought up to date (the section check reports
that as a notice, never as a failure: hooks/validate_hook.py). Readers of the English page then see a
note that the page may be out of date, since when, with links to the Chinese original and to the
status page; the status pages (/translations/, /en/translations/, template overrides/translations.html)
list every section, the out-of-date ones first. The dates come from git history (git_history.py);
without it (a shallow clone, no git) the pages say the date is not known.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from llmqa.sections.model import DIFF_COMMAND, RECORD_FIELD
from llmqa.sections.report import Project, Report
from llmqa.translation.history import recorded_version

STATUS_PAGE = "translations.md"


@dataclass(frozen=True)
class Outdated:
    translation: str  # docs/en/overfitting.md
    original: str  # docs/zh/overfitting.md
    since: str | None  # YYYY-MM-DD the original changed after the recorded version, if known


def outdated_translations(project: Project, report: Report) -> dict[str, Outdated]:
    """Translation's source file -> since when it is behind its original (from the section check)."""
    outdated: dict[str, Outdated] = {}
    for translation, original in report.outdated.items():
        page = report.sources.get(translation)
        record = (page.front_matter or {}).get(RECORD_FIELD) if page else None
        found = recorded_version(project.root, original, record) if isinstance(record, str) else None
        outdated[translation] = Outdated(translation, original, found.changed_on if found else None)
    return outdated


def is_status_page(page: Page) -> bool:
    return PurePosixPath(page.file.src_uri).name == STATUS_PAGE


def status_rows(nav: Navigation, outdated: dict[str, Outdated]) -> list[dict]:
    """Every section of the page's language: its page, whether its translation is behind, since when.

    Out-of-date sections first (the longest out of date first), then the rest in section order."""
    rows = []
    for page in nav.pages:
        number = page.meta.get("id")
        if not isinstance(number, int) or PurePosixPath(page.file.src_uri).name == STATUS_PAGE:
            continue
        slug = PurePosixPath(page.file.src_uri).stem
        state = next((s for s in outdated.values() if PurePosixPath(s.translation).stem == slug), None)
        rows.append(
            {
                "page": page,
                "number": number,
                "outdated": state is not None,
                "since": state.since if state else None,
                "diff": DIFF_COMMAND.format(path=state.translation) if state else None,
            }
        )
    return sorted(rows, key=lambda row: (not row["outdated"], row["since"] or "9999", row["number"]))
