"""The foundation: the site builds strictly, every page sits at its fixed URL in its language,
the language switch and edit links point where they should, and nothing loads from another origin."""

from __future__ import annotations

import re
import socket
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROOT, build_env, mkdocs_build
from tests.html_tools import elements, find, html_pages

# A section's URL never changes when its title or its place in the order does.
SECTION_SLUGS = (
    "inference-bottlenecks",
    "inference-optimization",
    "overfitting",
    "training-acceleration",
    "evaluation-metrics",
    "long-range-dependencies",
    "data-privacy",
    "computational-efficiency",
    "interpretability",
    "ethics",
    "energy-consumption",
    "knowledge-representation",
    "transfer-learning",
    "multilingual-processing",
    "zero-shot-learning",
    "generative-vs-discriminative",
    "pretraining-and-fine-tuning",
    "self-supervised-learning",
    "reinforcement-learning",
    "transfer-learning-challenges",
)
LANG_DIRS = {"zh": "", "en": "en/"}
OTHER = {"zh": "en", "en": "zh"}


def page_path(site: Path, lang: str, slug: str = "") -> Path:
    return site / LANG_DIRS[lang] / (f"{slug}/" if slug else "") / "index.html"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_build_is_strict_and_quiet(site_build):
    _, result = site_build
    output = result.stdout + result.stderr
    assert not re.search(r"^(WARNING|ERROR)\b", output, flags=re.M), output
    assert "Traceback" not in output


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_home_and_sections_at_fixed_urls_in_their_language(built_site, lang):
    for slug in ("", *SECTION_SLUGS):
        path = page_path(built_site, lang, slug)
        assert path.is_file(), f"missing {path.relative_to(built_site)}"
        html_tag = find(read(path), "html")[0]
        assert html_tag.get("lang") == lang, (
            f"{path.relative_to(built_site)}: <html lang={html_tag.get('lang')}>"
        )


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_sections_have_four_blocks_in_order(built_site, lang):
    for slug in SECTION_SLUGS:
        html = read(page_path(built_site, lang, slug))
        ids = [a["id"] for t, a in elements(html) if t == "h2" and "id" in a]
        blocks = [i for i in ids if i in ("question", "answer", "example", "analysis")]
        assert blocks == ["question", "answer", "example", "analysis"], f"{lang}/{slug}: {ids}"
        toc = {a.get("href") for a in find(html, "a", class_="md-nav__link")}
        for anchor in blocks:
            assert f"#{anchor}" in toc, f"{lang}/{slug}: #{anchor} is not in the table of contents"


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_language_switch_points_at_counterpart(built_site, site_prefix, lang):
    other = OTHER[lang]
    for slug in ("", *SECTION_SLUGS):
        path = page_path(built_site, lang, slug)
        links = find(read(path), "a", class_="md-select__link")
        by_lang = {a["hreflang"]: a["href"] for a in links}
        assert set(by_lang) == {"zh", "en"}, f"{path}: {by_lang}"
        here = path.parent.relative_to(built_site).as_posix()
        page_url = f"https://x.test{site_prefix}{'' if here == '.' else here + '/'}"
        target = urlsplit(urljoin(page_url, by_lang[other])).path
        expected = site_prefix + LANG_DIRS[other] + (f"{slug}/" if slug else "")
        assert target == expected, f"{lang}/{slug}: the switch goes to {target}, expected {expected}"


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_navigation_and_ui_are_in_the_page_language(built_site, lang):
    html = read(page_path(built_site, lang, SECTION_SLUGS[0]))
    nav_labels = re.findall(r'<label class="md-nav__link"[^>]*>\s*([^<]+?)\s*<', html)
    nav_links = re.findall(r'class="md-nav__link"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', html)
    text = " ".join(nav_labels + nav_links)
    search_placeholder = find(html, "input", class_="md-search__input")[0]["placeholder"]
    if lang == "zh":
        assert "首页" in text and "Home" not in text, text
        assert search_placeholder == "搜索"
    else:
        assert "Home" in text and "首页" not in text, text
        assert search_placeholder == "Search"
        assert re.search(r"[\u4e00-\u9fff]", " ".join(nav_links)) is None, nav_links


@pytest.mark.parametrize("lang", LANG_DIRS)
def test_edit_link_opens_the_page_source_on_main(built_site, site_config, lang):
    repo = site_config["repo_url"].rstrip("/")
    for slug in ("", *SECTION_SLUGS):
        html = read(page_path(built_site, lang, slug))
        edits = [a["href"] for a in find(html, "a") if "md-content__button" in a.get("class", "")]
        source = f"docs/{lang}/{slug or 'index'}.md"
        assert edits == [f"{repo}/edit/main/{source}"], edits
        assert (ROOT / source).is_file()


ASSET_ATTRS = {"script": "src", "link": "href", "img": "src", "source": "srcset", "iframe": "src"}
ASSET_RELS = {"stylesheet", "preload", "modulepreload", "icon", "preconnect", "dns-prefetch", "manifest"}


def test_nothing_loads_from_another_origin(built_site):
    offenders = []
    for path in html_pages(built_site):
        for tag, attrs in elements(read(path)):
            attr = ASSET_ATTRS.get(tag)
            if not attr or attr not in attrs:
                continue
            if tag == "link" and not (set(attrs.get("rel", "").split()) & ASSET_RELS):
                continue  # canonical, alternate: links, not loads
            if re.match(r"^(https?:)?//", attrs[attr]):
                offenders.append(f"{path.relative_to(built_site)}: <{tag} {attr}={attrs[attr]}>")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", read(css)):
            offenders.append(f"{css.relative_to(built_site)}: url({url})")
    assert not offenders, "\n".join(offenders)


def test_repository_widget_makes_no_api_call(built_site):
    html = read(page_path(built_site, "zh"))
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html


@pytest.mark.slow
def test_fork_build_uses_its_own_urls(tmp_path):
    """The deploy workflow sets SITE_URL / REPO_URL from the repository it runs in."""
    result = mkdocs_build(
        ROOT,
        tmp_path / "site",
        env={
            "SITE_URL": "https://someone.github.io/fork-of-llm-qa/",
            "REPO_URL": "https://github.com/someone/fork-of-llm-qa",
            "REPO_NAME": "someone/fork-of-llm-qa",
        },
    )
    assert result.returncode == 0, result.stderr
    html = read(tmp_path / "site" / "en" / SECTION_SLUGS[0] / "index.html")
    assert f'href="https://someone.github.io/fork-of-llm-qa/en/{SECTION_SLUGS[0]}/"' in html
    assert f"https://github.com/someone/fork-of-llm-qa/edit/main/docs/en/{SECTION_SLUGS[0]}.md" in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
@pytest.mark.xdist_group("preview-server")  # one preview server at a time: each takes a port
def test_serve_uses_directory_urls(site_prefix, tmp_path):
    """`make serve` (`python -m preview`) serves pages at the same URLs as the build.

    Guards against a click release that silently switched MkDocs to `.../index.html` URLs (mkdocs#4014).
    """
    from tests import build_runs

    port = _free_port()
    log = tmp_path / "serve.log"
    proc = build_runs.start(["-m", "preview", "--dev-addr", f"127.0.0.1:{port}"], ROOT, build_env(), log)
    try:
        base = f"http://127.0.0.1:{port}{site_prefix}"
        deadline = time.monotonic() + 120
        html = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(base + f"en/{SECTION_SLUGS[0]}/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert html is not None, f"make serve did not answer: {log.read_text(encoding='utf-8')[-3000:]}"
        nav_hrefs = [a["href"] for a in find(html, "a", class_="md-nav__link") if "href" in a]
        assert nav_hrefs and not any(h.endswith("index.html") for h in nav_hrefs), nav_hrefs
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.geturl().startswith(base)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
