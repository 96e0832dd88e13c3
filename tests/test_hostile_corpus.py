"""Hostile contributions (tests/hostile/): the real build refuses each, naming its file and line.

- content.yml: page text that renders to script, frames, forms, styles or foreign URLs, through every
  Markdown extension the site enables; refused after rendering (hooks/rendered_rules.py).
- source.yml: front matter, '///' block options and input limits; refused before rendering.
- files: what docs/ may not hold (other file types, links, devices); refused before rendering.
- defused.yml: markup that Markdown turns into text; it builds, and its pages run nothing.

Each case is checked twice: alone, through MkDocs' own page renderer with the site's configuration
(fast, exact), and all together in real `mkdocs build --strict` runs of a copy of the project.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_project, mkdocs_build
from tests.shared import key

sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.safety.rendered import content_problems, page_problems
from llmqa.sections.page import read_page

HOSTILE = Path(__file__).resolve().parent / "hostile"
CONTENT = yaml.safe_load((HOSTILE / "content.yml").read_text(encoding="utf-8"))
SOURCE = yaml.safe_load((HOSTILE / "source.yml").read_text(encoding="utf-8"))
DEFUSED = yaml.safe_load((HOSTILE / "defused.yml").read_text(encoding="utf-8"))
SLUGS = sorted(
    path.stem for path in (ROOT / "docs" / "zh").glob("*.md") if path.stem not in ("index", "tags")
)
SLOTS = [(language, slug) for slug in SLUGS for language in ("en", "zh")]
REPORT_LINE = re.compile(r"^(docs/[^:\n]+?):(\d+): (.*)$", re.M)


def test_the_corpus_is_large_and_covers_every_enabled_extension():
    assert len(CONTENT) + len(SOURCE) + len(HOSTILE_FILES) + len(HOSTILE_LINKS) + 1 >= 60
    names = " ".join([*CONTENT, *SOURCE])
    for kind in (
        "admonition",
        "details",
        "footnote",
        "definition-list",
        "attr-list",
        "table",
        "caption",
        "markdown-in-html",
        "fence",
        "heading",
        "quote",
        "list",
        "comment",
        "block",
        "yaml",
        "tag",
    ):
        assert kind in names, f"no hostile case for {kind}"


# --- where a case goes -----------------------------------------------------------------------------


def append_case(path: Path, markdown: str) -> tuple[int, int]:
    """Append a case to a page; return the lines it occupies."""
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    start = text.count("\n") + 1
    markdown = markdown.rstrip("\n")
    path.write_text(text + markdown + "\n", encoding="utf-8")
    return start, start + markdown.count("\n")


def front_matter_case(path: Path, case: dict) -> tuple[int, int]:
    """Put a case's fields first in a page's front matter (taking out `remove`); return their lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)
    fields = lines[1:end]
    remove = case.get("remove")
    if remove == "all":
        fields = []
    elif remove:
        keep, skipping = [], False
        for line in fields:
            if line.startswith(f"{remove}:"):
                skipping = True
                continue
            if skipping and line.startswith(" "):
                continue
            skipping = False
            keep.append(line)
        fields = keep
    added = case["front_matter"].split("\n")
    path.write_text("\n".join(["---", *added, *fields, *lines[end:]]), encoding="utf-8")
    return 2, 1 + len(added)


def place(project: Path, cases: dict, apply) -> dict[str, tuple[str, int, int]]:
    """Each case in a page of its own: name -> (source file, first line, last line)."""
    assert len(cases) <= len(SLOTS)
    placed = {}
    for (name, case), (language, slug) in zip(cases.items(), SLOTS, strict=False):
        rel = f"docs/{language}/{slug}.md"
        placed[name] = (rel, *apply(project / rel, case))
    return placed


def place_in_both_languages(project: Path, cases: dict) -> dict[str, tuple[str, int, int]]:
    """Each case at the end of one section, in both languages (so the pages stay parallel)."""
    assert len(cases) <= len(SLUGS)
    placed = {}
    for (name, case), slug in zip(cases.items(), SLUGS, strict=False):
        append_case(project / f"docs/zh/{slug}.md", case["markdown"])
        rel = f"docs/en/{slug}.md"
        placed[name] = (rel, *append_case(project / rel, case["markdown"]))
    return placed


def reported(output: str) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for file, line, message in REPORT_LINE.findall(output):
        found.setdefault(file, []).append((int(line), message))
    return found


def assert_each_refused(output: str, placed: dict, cases: dict) -> None:
    found = reported(output)
    for name, (file, first, last) in placed.items():
        messages = found.get(file, [])
        assert any(
            first <= line <= last and cases[name]["expect"] in message for line, message in messages
        ), (
            f"{name}: expected '{cases[name]['expect']}' on {file}:{first}-{last}; the build said:\n"
            + "\n".join(f"{file}:{line}: {message}" for line, message in messages)
        )


# --- each case alone, through MkDocs' page renderer -------------------------------------------------------


@pytest.mark.parametrize("name", CONTENT)
def test_content_case_is_refused_on_its_own_lines(name, render_markdown):
    case = CONTENT[name]
    base = (ROOT / "docs" / "en" / "overfitting.md").read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    first = base.count("\n") + 1
    last = first + case["markdown"].rstrip("\n").count("\n")
    text = base + case["markdown"]
    problems, _ = content_problems(
        "docs/en/overfitting.md", read_page("x.md", text.encode()), render_markdown(text), True
    )
    assert any(case["expect"] in p.message and first <= p.line <= last for p in problems), [
        str(p) for p in problems
    ]


@pytest.mark.parametrize("name", DEFUSED)
def test_defused_case_renders_to_allowed_markup(name, render_markdown):
    text = (
        (ROOT / "docs" / "en" / "overfitting.md").read_text(encoding="utf-8")
        + "\n\n"
        + DEFUSED[name]["markdown"]
    )
    problems, _ = content_problems(
        "docs/en/overfitting.md", read_page("x.md", text.encode()), render_markdown(text), True
    )
    assert problems == []


# --- all cases together, through the real build ------------------------------------------------------------


@pytest.fixture(scope="session")
def content_builds(builds) -> list[tuple[Path, Path, dict, str, int]]:
    """The content corpus in real builds, one case per section: (project, site, placed, output, exit code)."""

    def make(folder: Path) -> list:
        names = list(CONTENT)
        made = []
        # As few builds as there must be, with the cases shared out evenly: each build then writes few
        # pages that are not refused, and the browser test opens fewer.
        size = -(-len(names) // -(-len(names) // len(SLUGS)))
        for index in range(0, len(names), size):
            chunk = {name: CONTENT[name] for name in names[index : index + size]}
            project = copy_project(folder / str(index) / "project")
            placed = place_in_both_languages(project, chunk)
            site = project.parent / "site"
            result = mkdocs_build(project, site)
            made.append((str(project), str(site), placed, result.stdout + result.stderr, result.returncode))
        return made

    made = builds.once(key("hostile-content", CONTENT), make)
    return [(Path(project), Path(site), placed, output, code) for project, site, placed, output, code in made]


def test_content_corpus_is_refused_by_the_build(content_builds):
    for _, site, placed, output, code in content_builds:
        assert code == 1
        assert "Traceback" not in output
        assert output.count("Section check: ") == 1
        assert_each_refused(output, placed, CONTENT)
        for file, _, _ in placed.values():
            for folder in ("", "en"):
                page = site / folder / Path(file).stem / "index.html"
                assert not page.exists(), f"{file} was refused but {page} was written"


def test_source_corpus_is_refused_before_rendering(project, tmp_path):
    def apply(path: Path, case: dict) -> tuple[int, int]:
        if "front_matter" in case:
            return front_matter_case(path, case)
        return append_case(path, case["markdown"])

    placed = place(project, SOURCE, apply)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists(), "nothing is rendered when a source is refused"
    assert_each_refused(output, placed, SOURCE)


# Files docs/ may not hold: path -> (content, what the build must say); links: path -> target.
HOSTILE_FILES = {
    "docs/zh/page.html": ("<script>alert(1)</script>", "files of type '.html' are not allowed"),
    "docs/assets/app.js": ("alert(1)", "files of type '.js' are not allowed"),
    "docs/assets/images/icon.svg": ("<svg onload=alert(1)/>", "files of type '.svg' are not allowed"),
    "docs/en/theme.css": ("body{}", "files of type '.css' are not allowed"),
    "docs/en/images/chart.png": ("<html>not a png</html>", "is not a PNG image"),
    "docs/assets/images/big.png": (b"\x89PNG\r\n\x1a\n" + bytes(600 * 1024), "over the limit of 500 KB"),
    "docs/zh/figure.png": (b"\x89PNG\r\n\x1a\n", "images live in docs/assets/images/"),
    "docs/zh/.htaccess": ("Redirect / https://evil.example/", "hidden file '.htaccess'"),
    "docs/zh/Notes Page.md": ("# x\n", "file name 'Notes Page.md' is not allowed"),
    "docs/readme.md": ("# x\n", "pages live in a language folder"),
    "docs/en/huge.md": ("x" * (101 * 1024), "over the limit of 100 KB"),
    "docs/zh/404.md": ("---\ntemplate: main.html\n---\n# x\n", "'404.md' is the site's own page"),
    "docs/en/glossary.md": ("# Glossary\n", "'glossary.md' is the site's own page"),
}
HOSTILE_LINKS = {
    "docs/zh/passwd.md": "/etc/passwd",
    "docs/en/zero.md": "/dev/zero",
    "docs/zh/loop": "..",
    "docs/assets/outside": "../../..",
}
HOSTILE_PIPE = "docs/en/pipe.md"


def make_hostile_files(project: Path) -> dict[str, str]:
    """Every hostile file in a copy of the project: path -> what the build must say of it."""
    expected = {}
    for rel, (content, message) in HOSTILE_FILES.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        expected[rel] = message
    for rel, target in HOSTILE_LINKS.items():
        os.symlink(target, project / rel)
        expected[rel] = "symbolic links are not allowed"
    os.mkfifo(project / HOSTILE_PIPE)
    expected[HOSTILE_PIPE] = "this is not a regular file"
    return expected


def test_hostile_files_are_refused_before_rendering(project, tmp_path):
    expected = make_hostile_files(project)
    result = mkdocs_build(project, tmp_path / "site", timeout=120)  # a pipe or /dev/zero read would hang
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    found = reported(output)
    for rel, message in expected.items():
        assert any(message in text for _, text in found.get(rel, [])), f"{rel}: {found.get(rel)}"


def test_a_page_that_renders_too_slowly_stops_the_build(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "site", env={"LLM_QA_RENDER_SECONDS": "0.000001"})
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert re.search(r"docs/zh/\S+\.md: rendering this page took more than", output)


def test_checking_the_sources_too_slowly_stops_the_build(project, tmp_path):
    """The passes before rendering have a time budget too (a page of 96 KB once kept them 131 s)."""
    result = mkdocs_build(project, tmp_path / "site", env={"LLM_QA_SOURCES_SECONDS": "0.000001"})
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "Reading and checking the pages took more than" in output


@pytest.fixture(scope="session")
def defused_build(builds) -> tuple[Path, dict, str, int]:
    def make(folder: Path) -> tuple:
        project = copy_project(folder / "project")
        placed = place_in_both_languages(project, DEFUSED)
        record = [sys.executable, "hooks/check_sections.py", "--update-translation-record"]
        subprocess.run(record, cwd=project, check=True, capture_output=True)  # no drift: the build must pass
        site = project.parent / "site"
        result = mkdocs_build(project, site)
        return str(site), placed, result.stdout + result.stderr, result.returncode

    site, placed, output, code = builds.once(key("hostile-defused", DEFUSED), make)
    return Path(site), placed, output, code


def test_defused_markup_builds_and_its_pages_pass_the_page_check(defused_build):
    from llmqa.safety.urls import Site

    site, placed, output, code = defused_build
    assert code == 0, output
    for file, _, _ in placed.values():
        language, slug = file.split("/")[1], Path(file).stem
        path = ("" if language == "zh" else "en/") + f"{slug}/index.html"
        html = (site / path).read_text(encoding="utf-8")
        assert page_problems(file, None, html, path, Site("https://llm-qa.github.io/llm-qa/"), set()) == []


# --- in a browser -------------------------------------------------------------------------------------


@contextmanager
def served(site: Path):
    """The built site served as GitHub Pages serves it; yields its base URL."""
    from tests import site_server

    server, base = site_server.start(site, "/llm-qa/")
    try:
        yield base
    finally:
        server.shutdown()


def assert_not_found(site: Path, base: str, url: str) -> None:
    """The address answers 404 with the site's 404 page (the root's, as GitHub Pages serves it)."""
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(url, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 404, url
        assert error.read() == (site / "404.html").read_bytes(), url
    else:
        raise AssertionError(f"{url} answers, but its page was refused")


def section_urls(base: str, placed: dict) -> list[str]:
    return [base + f"{folder}{Path(file).stem}/" for file, _, _ in placed.values() for folder in ("", "en/")]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_what_hostile_builds_wrote_runs_no_script(browser_instance, content_builds):
    """Every page a refused build wrote, and the addresses of the refused pages (now 404s).

    A refused build stops before it writes the search indexes, so the theme's search fails to load
    them: script errors are expected here; dialogs and script attributes are not."""
    from tests.browser import script_that_runs

    opened: set[tuple[str, str, str]] = set()
    for _, site, placed, _, _ in content_builds:
        with served(site) as base:
            pages = sorted(site.rglob("*.html"))
            assert len(pages) >= 6  # the home, topic and 404 pages of each language; every section is refused
            # A page the same, byte for byte, at the same address, with the same files beside it as one
            # opened for an earlier build is not opened again. The search index is left out of that
            # comparison: it holds each build's refused text, escaped, and reaches no page until a search.
            assets = _digest(site, [path for path in sorted(site.rglob("*")) if _an_asset(path)])
            written = []
            for path in pages:
                seen = (path.relative_to(site).as_posix(), _digest(site, [path]), assets)
                if seen not in opened:
                    opened.add(seen)
                    written.append(base + seen[0])
            refused = section_urls(base, placed)
            # Each refused address answers with the 404 page (opened below, among what was written),
            # byte for byte; one address of each language is opened as well.
            for url in refused:
                assert_not_found(site, base, url)
            one_each = [
                next(url for url in refused if ("/en/" in url) is english) for english in (False, True)
            ]
            assert script_that_runs(browser_instance, written + one_each, errors=False) == []


def _an_asset(path: Path) -> bool:
    return path.is_file() and path.suffix != ".html" and path.parent.name != "search"


def _digest(site: Path, paths: list[Path]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_defused_markup_runs_no_script(browser_instance, defused_build):
    from tests.browser import script_that_runs

    site, placed, _, _ = defused_build
    with served(site) as base:
        assert script_that_runs(browser_instance, section_urls(base, placed)) == []


def test_a_glossary_that_is_a_link_is_refused(project, tmp_path):
    """data/glossary.tsv reaches the glossary pages: a link to a file elsewhere must not publish it."""
    glossary = project / "data" / "glossary.tsv"
    glossary.unlink()
    os.symlink("/etc/passwd", glossary)
    result = mkdocs_build(project, tmp_path / "site", timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "data/glossary.tsv: not a regular file (a link or a device)" in output
    assert not (tmp_path / "site" / "glossary").exists()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_defused_markup_leaves_the_site_ui_alone(browser_instance, defused_build, built_site):
    """Each page with the defused contributions, against the same page of the site without them: no
    dialog, no request to another site, no navigation, and the same header, navigation, footer,
    controls and notices; practice mode still hides the answer, the example and the analysis."""
    from tests.browser import site_ui_watch

    site, placed, _, _ = defused_build
    with served(site) as base:
        urls = section_urls(base, placed)
        hostile, found = site_ui_watch(browser_instance, urls, base)
    with served(built_site) as base:
        clean, _ = site_ui_watch(browser_instance, section_urls(base, placed), base)
    assert found == []
    for (url, seen), expected in zip(hostile.items(), clean.values(), strict=True):
        for part in expected:
            assert seen[part] == expected[part], (url, part, _first_difference(seen[part], expected[part]))
        assert seen["hidden"] == 3, url


def _first_difference(a: object, b: object) -> str:
    a, b = str(a), str(b)
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"...{a[max(0, at - 150) : at + 150]}... != ...{b[max(0, at - 150) : at + 150]}..."
