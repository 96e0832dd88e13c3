"""MkDocs hook: check every page before and after it is rendered; refuse the build on any problem.

1. Before anything is rendered (on_pre_build): the files of docs/, then every page's source: input
   limits, front matter, structure, parity and drift (section_rules.py). Errors stop the build here.
2. Each page's rendered Markdown (on_page_content): the content allowlist and the section structure
   as rendered (rendered_rules.py).
3. Each finished page (on_post_page, and the 404 template): the page allowlist, theme included. A
   page with a problem is not written to the site.
4. After the last language (on_post_build): each language's search index and the tags index; then
   one report of every problem found since step 1, which fails the build.

mkdocs-static-i18n builds the default language, then runs one nested build per other language through
the same hooks; steps 1 and 4 run in the outer build only (`i18n.building` is set in the nested ones), so
each `mkdocs build` and each `mkdocs serve` rebuild checks every page exactly once. Problems are
PluginErrors (no traceback). A translation that is behind its original is a notice, logged at INFO:
it never fails a build (hooks/translation_status_hook.py shows it on the page and the status pages).
On GitHub Actions every error is also printed as an annotation on the pull request's diff.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

from build_report import last_check
from html_check import Site
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.pages import Page
from rendered_rules import (
    content_problems,
    page_problems,
    search_index_problems,
    tags_index_problems,
)
from section_rules import NON_SECTION_PAGES, Problem, Project, check_project

log = get_plugin_logger("section_check")

# A page that takes longer to render stops the build: a last guard behind input_limits.py. The
# variable is for tests, which need a limit that any page goes over.
RENDER_SECONDS = float(os.environ.get("LLM_QA_RENDER_SECONDS", "10"))


def _print_annotations(problems: list[Problem]) -> None:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems):
            print(problem.annotation(), flush=True)


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
    last_check.docs_folder = project.rel(project.docs_dir) + "/"
    last_check.seconds = time.perf_counter() - start
    last_check.rendered_seconds = 0.0
    last_check.runs += 1
    last_check.refused = set()
    last_check.reported = False
    last_check.reported_markup = {}
    last_check.sources_by_url = {}
    if report.errors:
        _print_annotations(report.errors)
        raise PluginError(report.format())
    for problem in report.warnings:
        log.warning(str(problem))
    for problem in report.notices:
        log.info(str(problem))  # reported, but it never fails a build: the page shows it is out of date


def _source(page: Page) -> str | None:
    """The page's source file, from the project root (docs/en/overfitting.md).

    A page a hook generated has no file in docs/: it is checked like the others, under the name of
    what it was made from (`file.generated_from`, set by the hook), or else of the hook."""
    if last_check.project is None:
        return None
    if not page.file.abs_src_path:
        return getattr(page.file, "generated_from", None) or f"{page.file.generated_by} ({page.file.src_uri})"
    return last_check.docs_folder + page.file.src_uri


def _add(problems: list[Problem]) -> None:
    if problems and last_check.report is not None:
        last_check.report.problems.extend(problems)
        last_check.refused.update(problem.file for problem in problems)


# --- rendering time -------------------------------------------------------------------------------


def _too_slow(signum, frame) -> None:
    raise PluginError(
        f"{last_check.rendering}: rendering this page took more than {RENDER_SECONDS:g} s: it holds "
        "something Markdown reads very slowly (deep nesting, thousands of brackets or footnotes); "
        "simplify it"
    )


def _start_timer() -> None:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _too_slow)
        signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS)


def _stop_timer() -> None:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)


# --- events ---------------------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    last_check.rendering = _source(page) or page.file.src_uri
    _start_timer()
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    _stop_timer()
    source = _source(page)
    if source is None or last_check.report is None:
        return html
    start = time.perf_counter()
    read = last_check.report.sources.get(source)
    is_section = Path(source).name not in NON_SECTION_PAGES
    problems, markup = content_problems(source, read, html, is_section)
    _add(problems)
    last_check.reported_markup[source] = markup
    last_check.rendered_seconds += time.perf_counter() - start
    return html


def _check_output(output: str, source: str, site_path: str, config: MkDocsConfig) -> str:
    start = time.perf_counter()
    read = last_check.report.sources.get(source) if last_check.report else None
    known = last_check.reported_markup.get(source, set())
    _add(page_problems(source, read, output, site_path, Site(config.site_url or "/"), known))
    last_check.rendered_seconds += time.perf_counter() - start
    if source in last_check.refused:
        log.info(f"{source}: not written to the site (see the report at the end of the build)")
        return ""  # MkDocs writes nothing for an empty page
    return output


@event_priority(100)  # before any other hook sees the finished page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    source = _source(page)
    if source is None:
        return output
    last_check.sources_by_url[page.url] = source
    return _check_output(output, source, page.file.dest_uri, config)


@event_priority(100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    language = config.theme.get("language")
    i18n = config.plugins.get("i18n")
    folder = "" if i18n is None or language == i18n.default_language else f"{language}/"
    return _check_output(output_content, f"overrides/{template_name}", folder + template_name, config)


@event_priority(-400)  # after every other hook has written the search indexes
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or i18n.building or last_check.report is None:
        return
    start = time.perf_counter()
    site = Path(config.site_dir)
    problems: list[Problem] = []
    for language in i18n.build_languages:
        folder = "" if language == i18n.default_language else f"{language}/"
        index_path = site / folder / "search" / "search_index.json"
        if index_path.is_file():

            def source_of(location: str, folder: str = folder) -> str | None:
                return last_check.sources_by_url.get(folder + location.split("#", 1)[0])

            index = json.loads(index_path.read_text(encoding="utf-8"))
            problems += search_index_problems(f"site/{folder}search/search_index.json", index, source_of)
    tags_path = site / "tags.json"
    if tags_path.is_file():
        problems += tags_index_problems("site/tags.json", json.loads(tags_path.read_text(encoding="utf-8")))
    _add(problems)
    last_check.rendered_seconds += time.perf_counter() - start
    if last_check.report.errors:
        raise PluginError(_final_report())


def _final_report() -> str:
    """The report of every problem found since the build began, once per build."""
    last_check.reported = True
    _print_annotations(last_check.report.errors)
    return last_check.report.format()


def on_build_error(error: Exception, **kwargs) -> None:
    """Another error ends the build (a strict-mode warning in a language's build, say): report first."""
    _stop_timer()
    report = last_check.report
    if (
        report is not None
        and report.errors
        and not last_check.reported
        and not isinstance(error, PluginError)
    ):
        log.error(_final_report())
