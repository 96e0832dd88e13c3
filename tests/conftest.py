"""Shared fixtures: the real site, built once per test session, served as GitHub Pages serves it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.shared import Builds, completed, key, process, run_folder

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh", "en")


# A test that uses one of these fixtures, itself or through another, builds the site, drives chromium or
# renders a PDF: it is marked `slow`, and `make test-fast` (-m "not slow") leaves it out. A test that
# builds on its own carries the mark itself; in a fast run, mkdocs_build and pdf_build say so.
SLOW_FIXTURES = {"builds", "browser_instance", "project"}
FAST_RUN = False


def pytest_configure(config: pytest.Config) -> None:
    global FAST_RUN
    FAST_RUN = config.getoption("markexpr") == "not slow"


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.slow)


def refuse_in_a_fast_run(what: str) -> None:
    if FAST_RUN:
        pytest.fail(f"{what} in a test that is not marked slow: add @pytest.mark.slow", pytrace=False)


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` tags as their default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_EnvLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)


def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    # pytest-xdist's workers run with COLUMNS=80 and LINES=24 set: MkDocs would wrap its log lines there.
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    # Every build shares the repository's cache of cards and PDFs (content-keyed, as `make build` uses
    # it), unless a test gives its own: a copy of the project would draw all its cards again.
    env.setdefault("LLM_QA_CACHE_DIR", str(ROOT / ".cache"))
    env.pop("SITE_URL", None)
    env.pop("REPO_URL", None)
    env.pop("REPO_NAME", None)
    return env


def mkdocs_run(
    project_dir: Path,
    *argv: str,
    env: dict[str, str] | None = None,
    timeout: int = 600,
    fresh_process: bool = False,
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs <argv>` in a project folder (`env` adds variables), forked from a process
    that has MkDocs and its plugins imported already (tests/build_runs.py), or with `fresh_process` in
    a new interpreter, as a user runs it (what the benchmarks time)."""
    from tests import build_runs

    refuse_in_a_fast_run("mkdocs " + " ".join(argv[:1]))
    args, full_env = ["-m", "mkdocs", *argv], build_env() | (env or {})
    if fresh_process:
        return subprocess.run(
            [sys.executable, *args],
            cwd=project_dir,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    return build_runs.run(args, project_dir, full_env, timeout)


def mkdocs_build(
    project_dir: Path,
    site_dir: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    timeout: int = 600,
    fresh_process: bool = False,
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on a project folder (`env` adds variables)."""
    return mkdocs_run(
        project_dir,
        "build",
        "--strict",
        "--site-dir",
        str(site_dir),
        *extra,
        env=env,
        timeout=timeout,
        fresh_process=fresh_process,
    )


LEFT_OUT = {".git", ".venv", "node_modules", "site", "test-results", "tests", "benchmarks"}


def copy_project(target: Path) -> Path:
    """A copy of the project (config, pages, theme overrides, hooks, data) to change in a test."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in ROOT.iterdir():
        if entry.name in LEFT_OUT or entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, target / entry.name)
    return target


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the project for one test to break."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_config() -> dict:
    return mkdocs_config()


def pdf_build(site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m pdf` (what `make pdf` runs after the build) on a built site."""
    refuse_in_a_fast_run("python -m pdf")
    return subprocess.run(
        [sys.executable, "-m", "pdf", str(site_dir), *extra],
        cwd=ROOT,
        env=build_env() | (env or {}),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    """Builds made once per run, whichever xdist worker asks first (tests/shared.py)."""
    return Builds(run_folder(tmp_path_factory) / "builds")


SITE = key("site")
SITE_PDFS = key("site-pdfs")


def _build_the_site(folder: Path) -> dict:
    """The real site, built strictly (run in a thread: no pytest.fail here, the fixture reads the
    outcome)."""
    site_dir = folder / "site"
    return {"site": str(site_dir), "build": completed(mkdocs_build(ROOT, site_dir))}


def _add_the_pdfs(builds: Builds) -> dict:
    """Each language's PDF added to the built site, as `make pdf` does."""
    made = builds.once(SITE, _build_the_site)
    if made["build"]["returncode"] != 0:
        return {"pdf": None}
    return {"pdf": completed(pdf_build(Path(made["site"])))}


def _site_and_pdfs(builds: Builds) -> dict:
    return builds.once(SITE_PDFS, lambda folder: _add_the_pdfs(builds))


@pytest.fixture(scope="session", autouse=True)
def _site_started(request) -> None:
    """Start building the site, then its PDFs, as the run starts, if a test of the run needs it, so
    that the first tests need not wait for it (another worker's thread waits on the lock and reads it
    back)."""
    if any("site_build" in item.fixturenames for item in request.session.items):
        builds = request.getfixturevalue("builds")
        threading.Thread(target=_site_and_pdfs, args=(builds,), daemon=True).start()


@pytest.fixture(scope="session")
def site_build(builds) -> tuple[Path, subprocess.CompletedProcess]:
    """The real site built once with `mkdocs build --strict`, its PDFs not yet added: its folder and
    the build's output. The browser tests need only this; what reads the whole folder (or a PDF) takes
    `built_site`."""
    made = builds.once(SITE, _build_the_site)
    result = process(made["build"])
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}\n{result.stdout}")
    return Path(made["site"]), result


@pytest.fixture(scope="session")
def built_site(site_build, builds) -> Path:
    """The built site with its PDFs as `make pdf` adds them."""
    pdf = process(_site_and_pdfs(builds)["pdf"])
    if pdf.returncode != 0:
        pytest.fail(f"python -m pdf failed:\n{pdf.stderr}\n{pdf.stdout}")
    return site_build[0]


@pytest.fixture(scope="session")
def site_prefix(site_config) -> str:
    return urlsplit(site_config["site_url"]).path or "/"


@pytest.fixture(scope="session")
def served_site(site_build, site_prefix):
    """Base URL of the built site served under site_url's path, gzipped (its PDFs may still be on
    their way: a test that opens one takes `built_site` too)."""
    from tests import site_server

    server, base = site_server.start(site_build[0], site_prefix)
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def site_origin(served_site) -> str:
    """The served site's origin (http://127.0.0.1:port): what a request to another site is told from."""
    return "{0.scheme}://{0.netloc}".format(urlsplit(served_site))


@pytest.fixture(scope="session")
def browser_instance():
    playwright_api = pytest.importorskip("playwright.sync_api")
    from tests import browser as browser_mod

    if not Path(browser_mod.CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{browser_mod.CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{browser_mod.CHROMIUM} is not installed")
    with playwright_api.sync_playwright() as p:
        b = browser_mod.launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def render_markdown(tmp_path_factory):
    """Render one page's Markdown exactly as the build does (the site's extensions and their settings)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    docs = tmp_path_factory.mktemp("docs")
    (docs / "en").mkdir()

    def render(markdown: str) -> str:
        (docs / "en" / "page.md").write_text(markdown, encoding="utf-8")
        file = File("en/page.md", str(docs), config.site_dir, config.use_directory_urls)
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, Files([file]))
        return page.content

    return render


@pytest.fixture
def browse(page_pool, served_site):
    """Open a page in a tab of its own: `browse(viewport, path, **context options)` returns (page,
    watch); path None opens nothing yet. The tab may be one an earlier test used, reset
    (tests/page_pool.py); it goes back to the pool after the test."""
    from tests.reading import PHONE, VIEWPORTS, Watch

    tabs = []

    def open_page(viewport: str, path: str | None = "", **context_options):
        size = VIEWPORTS[viewport]
        phone = size is PHONE
        tab = page_pool.take(viewport=size, is_mobile=phone, has_touch=phone, **context_options)
        watch = Watch(tab.page, page_pool.origin)
        tab.changed.clear()  # the watch's own listeners, which go when the test is over
        tabs.append((tab, watch))
        if path is not None:
            tab.page.goto(served_site + path, wait_until="load")
        return tab.page, watch

    yield open_page
    for tab, watch in tabs:
        if not tab.page.is_closed():
            watch.stop()
        page_pool.give_back(tab)


@pytest.fixture(scope="session")
def page_pool(browser_instance, site_origin):
    """Tabs shared by the tests of this worker, reset between tests (tests/page_pool.py)."""
    from tests.page_pool import PagePool

    pool = PagePool(browser_instance, site_origin)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def pages(site_build):
    """`pages(lang, slug)`: a built section page read as text (tests/page_text.py), read once."""
    from tests.page_text import LANG_DIRS, Page

    cache: dict[tuple[str, str], Page] = {}

    def get(lang: str, slug: str) -> Page:
        if (lang, slug) not in cache:
            path = site_build[0] / LANG_DIRS[lang] / slug / "index.html"
            cache[lang, slug] = Page(path.read_text(encoding="utf-8"))
        return cache[lang, slug]

    return get


@pytest.fixture(scope="session")
def every_page_visit(browser_instance, site_build, served_site, site_origin, builds):
    """`every_page_visit(size)`: every built page opened once at that screen size (tests/every_page.py),
    by the first worker that asks; the others read what it found."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    from dataclasses import asdict

    from tests.every_page import Visit, page_urls, visit_every_page

    axe_script = axe_module.Axe().axe_script

    def visit(size: str) -> Visit:
        def make(folder: Path) -> dict:
            urls = page_urls(site_build[0], served_site)
            return asdict(visit_every_page(browser_instance, urls, size, axe_script, site_origin))

        return Visit(**builds.once(key("every-page-visit", size), make))

    return visit
