"""The section check of one build: the sources before anything is rendered, each page's content once
every transform has run, each finished page as written, the search and tags indexes; one report.

1. Before anything is rendered: the files of docs/, then every page's source (input limits, front
   matter, structure, parity, drift: llmqa.sections). Errors stop the build there.
2. Each page's content as its Markdown rendered (with its term hints): the content allowlist and the
   section structure (rendered.py), so that a contribution is refused as written.
3. The same content as the pipeline writes it, once every transform has run (the block wrappers):
   the content allowlist again, the wrappers' own markup told apart (site_markup.py).
4. Each finished page, as it is written: the page allowlist, theme included. A page with a problem is
   not written to the site.
5. After the last language: each language's search index and the tags index; then one report of
   every problem found since step 1, which fails the build.

Problems are PluginErrors (no traceback). A translation that is behind its original is a notice,
logged at INFO: it never fails a build. On GitHub Actions every error is also printed as an
annotation on the pull request's diff. The state of one build is a BuildCheck, kept by the pipeline.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

from llmqa.safety.rendered import (
    content_problems,
    page_problems,
    search_index_problems,
    tags_index_problems,
    written_content_problems,
)
from llmqa.safety.site_markup import Controls
from llmqa.safety.urls import Site
from llmqa.sections.model import NON_SECTION_PAGES
from llmqa.sections.project import check_project
from llmqa.sections.report import Problem, Project, Report


@dataclass
class BuildCheck:
    """What the check found in one build (every language), and how long it took."""

    project: Project
    report: Report
    render_seconds: float  # a page that takes longer to render stops the build
    seconds: float = 0.0  # the source check
    rendered_seconds: float = 0.0  # the rendered checks, in the whole build
    refused: set[str] = field(default_factory=set)  # source files whose rendered page has a problem
    reported_markup: dict[str, set[str]] = field(default_factory=dict)  # source -> markup refused in it
    rendering: str = ""  # the source file being rendered
    reported: bool = False  # the report of this build was given
    sources_by_url: dict[str, str] = field(default_factory=dict)  # site path of a page -> its source

    @property
    def docs_folder(self) -> str:
        return self.project.rel(self.project.docs_dir) + "/"

    def add(self, problems: list[Problem]) -> None:
        if problems:
            self.report.problems.extend(problems)
            self.refused.update(problem.file for problem in problems)

    def final_report(self) -> str:
        """The report of every problem found since the build began, once per build."""
        self.reported = True
        print_annotations(self.report.errors)
        return self.report.format()


def print_annotations(problems: list[Problem]) -> None:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems):
            print(problem.annotation(), flush=True)


def check_sources(project: Project, render_seconds: float) -> BuildCheck:
    """Step 1: every page's source; raises the report when it has errors."""
    start = time.perf_counter()
    check = BuildCheck(project, check_project(project), render_seconds)
    check.seconds = time.perf_counter() - start
    if check.report.errors:
        print_annotations(check.report.errors)
        raise PluginError(check.report.format())
    return check


def source_of(check: BuildCheck, file) -> str:
    """The page's source file from the project root (docs/en/overfitting.md).

    A page the pipeline generated has no file in docs/: it is checked like the others, under the name
    of what it was made from (`file.generated_from`), or else of what generated it."""
    if not file.abs_src_path:
        return getattr(file, "generated_from", None) or f"{file.generated_by} ({file.src_uri})"
    return check.docs_folder + file.src_uri


def check_meta_read_alike(check: BuildCheck, source: str, meta: dict) -> None:
    """The fields MkDocs read from a page are the ones the check read: where the two readings of a
    front matter differ (a case the check does not know of), the page is refused, not built."""
    read = check.report.sources.get(source)
    if read is None or not read.readable:
        return
    unseen = sorted(str(key) for key in meta if key not in (read.front_matter or {}))
    if unseen:
        check.add(
            [
                Problem(
                    source,
                    1,
                    "identity",
                    f"MkDocs reads the field(s) {', '.join(unseen)} from this page, which the section check "
                    "did not: write the front matter as '---', the fields, '---', at the top of the page",
                )
            ]
        )


# --- rendering time -------------------------------------------------------------------------------


def start_render_timer(check: BuildCheck, source: str) -> None:
    check.rendering = source
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):

        def too_slow(signum, frame) -> None:
            raise PluginError(
                f"{check.rendering}: rendering this page took more than {check.render_seconds:g} s: it "
                "holds something Markdown reads very slowly (deep nesting, thousands of brackets or "
                "footnotes); simplify it"
            )

        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, check.render_seconds)


@contextlib.contextmanager
def time_budget(seconds: float, what: str):
    """Stop the build when the work inside takes longer than `seconds` (the passes over every page
    before rendering: a last guard behind the linear passes and the input limits)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def too_slow(signum, frame) -> None:
        raise PluginError(
            f"{what} took more than {seconds:g} s: a page holds something the checks read very slowly; "
            "the pages changed last are where to look (run 'python hooks/check_sections.py' to see them)"
        )

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def stop_render_timer() -> None:
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)


# --- rendered pages -------------------------------------------------------------------------------


def check_contribution(check: BuildCheck, source: str, tree) -> None:
    """Step 2: a page's content as its Markdown rendered (parsed once, and shared with the wrappers):
    what the contributor wrote is refused as written, never silently mended by a transform."""
    start = time.perf_counter()
    read = check.report.sources.get(source)
    problems, markup = content_problems(source, read, tree, Path(source).name not in NON_SECTION_PAGES)
    check.add(problems)
    check.reported_markup[source] = markup
    check.rendered_seconds += time.perf_counter() - start


def check_written_content(check: BuildCheck, source: str, html: str, controls: Controls | None) -> None:
    """Step 3: the content as written, after every transform (`controls`: the block wrappers' own
    markup, for a section)."""
    start = time.perf_counter()
    read = check.report.sources.get(source)
    known = check.reported_markup.setdefault(source, set())
    problems, markup = written_content_problems(source, read, html, controls, known)
    check.add(problems)
    known |= markup
    check.rendered_seconds += time.perf_counter() - start


def check_output(check: BuildCheck, output: str, source: str, site_path: str, site_url: str) -> str:
    """Step 4: a finished page; what is written ("" for a refused page: MkDocs writes nothing)."""
    start = time.perf_counter()
    read = check.report.sources.get(source)
    known = check.reported_markup.get(source, set())
    check.add(page_problems(source, read, output, site_path, Site(site_url or "/"), known))
    check.rendered_seconds += time.perf_counter() - start
    if source in check.refused:
        return ""
    return output


def check_indexes(check: BuildCheck, indexes: dict[str, dict], tags: dict | None) -> None:
    """Step 5: each language's search index (by its folder, '' or 'en/') and the tags index."""
    start = time.perf_counter()
    problems: list[Problem] = []
    for folder, index in indexes.items():

        def source(location: str, folder: str = folder) -> str | None:
            return check.sources_by_url.get(folder + location.split("#", 1)[0])

        problems += search_index_problems(f"site/{folder}search/search_index.json", index, source)
    if tags is not None:
        problems += tags_index_problems("site/tags.json", tags, check.sources_by_url.get)
    check.add(problems)
    check.rendered_seconds += time.perf_counter() - start
