"""MkDocs hook: check every section page of every language once per build, before any page is rendered.

mkdocs-static-i18n builds the default language, then runs one nested build per other language through
the same plugin objects; the check runs in the outer build only (`i18n.building` is set during the
nested ones), so each `mkdocs build` and each `mkdocs serve` rebuild checks every page exactly once.
Errors abort the build with one report (a PluginError: no traceback); warnings go through MkDocs'
logger, so `--strict` makes them fatal. A translation whose original changed gets a visible notice.
"""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from section_rules import Project, Report, check_project

log = get_plugin_logger("section_check")

ORIGINAL_LANGUAGE_NAMES = {"zh": "Chinese"}


class _LastCheck:
    """What the latest outer build found; also read by benchmarks/bench_validator.py."""

    project: Project | None = None
    report: Report | None = None
    seconds: float = 0.0  # time the last check took
    runs: int = 0  # checks run since the hook was loaded: one per build (and per serve rebuild)


last_check = _LastCheck()


def on_pre_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("hooks/validate_hook.py needs the i18n plugin (mkdocs-static-i18n, folder layout)")
    if i18n.building:
        return  # a nested per-language build of the same `mkdocs build`: every page was checked already
    start = time.perf_counter()
    project = Project(
        root=Path(config.config_file_path).resolve().parent,
        docs_dir=Path(config.docs_dir),
        languages=[locale for locale in i18n.all_languages if locale != "null"],
        default=i18n.default_language,
    )
    report = check_project(project)
    last_check.project, last_check.report = project, report
    last_check.seconds = time.perf_counter() - start
    last_check.runs += 1
    if report.errors:
        raise PluginError(report.format())
    for problem in report.warnings:
        log.warning(str(problem))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    """Put an 'out of date' notice under the title of a translation whose original changed."""
    if last_check.report is None or last_check.project is None or not page.file.abs_src_path:
        return markdown
    original = last_check.report.outdated.get(last_check.project.rel(Path(page.file.abs_src_path)))
    if original is None:
        return markdown
    default = last_check.project.default
    name = ORIGINAL_LANGUAGE_NAMES.get(default, default)
    notice = (
        "/// outdated | This translation may be out of date\n\n"
        f"The {name} original of this page has changed since this translation was last brought up to date, "
        f"so parts of it may no longer match. The {name} page is one click away in the language switch.\n"
        "///\n"
    )
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: title + 1], "", notice, *lines[title + 1 :]])
