"""Reading and sharing, checked on the built site: link-preview tags, numbered section titles, fixed
section URLs, related sections, a 404 page and a sitemap per language, and the block wrappers. The
search index is checked in test_search_index.py, the browser side in test_search_browser.py and
test_block_links_browser.py."""

from __future__ import annotations

import html
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import ROOT, copy_project, mkdocs_build
from tests.html_tools import url_of

sys.path.insert(0, str(ROOT / "hooks"))
import llmqa.pages.related as related_sections_hook
import llmqa.pages.wrappers as block_wrappers
from llmqa.safety.html_check import parse_body_fragment

GLOSSARY = "data/glossary.tsv"
LANGUAGES = {"zh": "", "en": "en/"}
LOCALES = {"zh": "zh_CN", "en": "en_US"}
ISSUE_TERMS = ["困惑度", "知识蒸馏", "差分隐私", "混合精度训练"]
BLOCK_IDS = ["question", "answer", "example", "analysis"]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Head(HTMLParser):
    """The <html lang>, <title>, <meta> and <link> tags of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.metas: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attr = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attr.get("lang", "")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            self.metas.append(attr)
        elif tag == "link":
            self.links.append(attr)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def meta(self, key: str) -> list[str]:
        return [m.get("content", "") for m in self.metas if key in (m.get("name"), m.get("property"))]

    def hreflang(self) -> dict[str, str]:
        return {
            lk["hreflang"]: lk["href"]
            for lk in self.links
            if lk.get("rel") == "alternate" and "hreflang" in lk
        }


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def listed_title(meta: dict, h1: str, lang: str) -> str:
    """A section's title where titles are listed: its number, its heading and its note, if it has one
    (§13 and §20 share their Chinese heading: tests/test_titles_told_apart.py)."""
    note = meta.get("title_note")
    title = f"{meta['id']}. {h1}"
    return title if not note else (f"{title}（{note}）" if lang == "zh" else f"{title} ({note})")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}


def section_sources() -> dict[str, dict[str, dict]]:
    """lang -> slug -> front matter, for every page with a section number."""
    found: dict[str, dict[str, dict]] = {}
    for lang in LANGUAGES:
        for path in sorted((ROOT / "docs" / lang).glob("*.md")):
            meta = front_matter(path)
            if isinstance(meta.get("id"), int):
                found.setdefault(lang, {})[path.stem] = meta
    return found


def h1_text(page_html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page_html, re.S)
    assert match, "no <h1>"
    return html.unescape(
        re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", match.group(1)))
    ).strip()


def question_block_text(page_html: str) -> str:
    match = re.search(r'<h2 id="question".*?</h2>(.*?)<h2', page_html, re.S)
    assert match, "no question block"
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))).strip()


def page_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


# --- link previews ---------------------------------------------------------------------------------


def test_every_page_has_link_preview_tags(built_site, site_config):
    site_url = site_config["site_url"]
    problems = []
    for path in page_files(built_site):
        page = head(path)
        where = path.relative_to(built_site).as_posix()
        url = url_of(built_site, path, site_url)
        lang = page.lang
        other = next(code for code in LANGUAGES if code != lang)
        checks = {
            "title": bool(page.title.strip()),
            "description": page.meta("description") and all(page.meta("description")),
            "canonical": [lk.get("href") for lk in page.links if lk.get("rel") == "canonical"] == [url],
            "og:url": page.meta("og:url") == [url],
            "og:title": page.meta("og:title") and page.meta("og:title")[0] in page.title,
            "og:description": page.meta("og:description") == page.meta("description"),
            "og:site_name": len(page.meta("og:site_name")) == 1,
            "og:locale": page.meta("og:locale") == [LOCALES[lang]],
            "og:locale:alternate": page.meta("og:locale:alternate") == [LOCALES[other]],
            "twitter:card": page.meta("twitter:card") == ["summary_large_image"],
            "twitter:title": page.meta("twitter:title") == page.meta("og:title"),
            "twitter:description": page.meta("twitter:description") == page.meta("description"),
            "hreflang": set(page.hreflang()) == {"zh", "en", "x-default"},
        }
        problems += [f"{where}: {name}" for name, ok in checks.items() if not ok]
        alternates = page.hreflang()
        if alternates.get(lang) != url:
            problems.append(f"{where}: hreflang {lang} is {alternates.get(lang)}, not the page itself")
        if alternates.get("x-default") != alternates.get("zh"):
            problems.append(f"{where}: x-default is not the default (zh) page")
        target = alternates.get(other, "")
        if not target.startswith(site_url):
            problems.append(f"{where}: hreflang {other} is not absolute: {target}")
            continue
        rel = urlsplit(target).path[len(urlsplit(site_url).path) :]
        twin = built_site / rel / "index.html"
        if not twin.is_file() or head(twin).lang != other or head(twin).hreflang().get(lang) != url:
            problems.append(f"{where}: hreflang {other} {target} is not this page's translation")
    assert not problems, "\n".join(problems)


def test_a_section_is_described_by_its_question(built_site):
    for lang, folder in LANGUAGES.items():
        for slug in section_sources()[lang]:
            page_html = (built_site / folder / slug / "index.html").read_text(encoding="utf-8")
            question = question_block_text(page_html)
            assert question
            assert head(built_site / folder / slug / "index.html").meta("description") == [question], (
                f"{lang} {slug}"
            )


def test_section_titles_carry_their_number_and_headings_do_not(built_site):
    titles = {}
    for lang, folder in LANGUAGES.items():
        for slug, meta in section_sources()[lang].items():
            page_html = (built_site / folder / slug / "index.html").read_text(encoding="utf-8")
            h1 = h1_text(page_html)
            numbered = listed_title(meta, h1, lang)
            assert head(built_site / folder / slug / "index.html").title.startswith(numbered + " - "), (
                f"{lang} {slug}"
            )
            assert not h1.startswith(f"{meta['id']}. ")
            link = re.search(
                r'<a href="\./" class="md-nav__link md-nav__link--active">\s*<span[^>]*>\s*(.*?)\s*</span>',
                page_html,
                re.S,
            )
            assert link and html.unescape(link.group(1)) == numbered, f"{lang} {slug}: nav entry"
            titles[(lang, meta["id"])] = numbered
    # §13 and §20 share their Chinese title; the numbers tell them apart.
    assert titles[("zh", 13)] != titles[("zh", 20)]


def test_section_urls_are_the_file_names_in_both_languages(built_site, site_config):
    sources = section_sources()
    assert set(sources["zh"]) == set(sources["en"]) and len(sources["zh"]) == 20
    for lang, folder in LANGUAGES.items():
        for slug in sources[lang]:
            path = built_site / folder / slug / "index.html"
            assert path.is_file()
            page_html = path.read_text(encoding="utf-8")
            assert [lk["href"] for lk in head(path).links if lk.get("rel") == "canonical"] == [
                f"{site_config['site_url']}{folder}{slug}/"
            ]
            assert re.findall(r'<h2 id="([^"]+)"', page_html) == BLOCK_IDS


@pytest.mark.slow
def test_a_new_title_keeps_the_url_and_anchors(tmp_path):
    """Retitle a section in both languages: it is built at the same address with the same anchors."""
    project = tmp_path / "project"
    copy_project(project)
    for lang, title in (("zh", "# 过拟合：新标题"), ("en", "# Overfitting, Retitled")):
        page = project / "docs" / lang / "overfitting.md"
        page.write_text(
            re.sub(r"^# .*$", title, page.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8"
        )
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for folder, title in (("", "过拟合：新标题"), ("en/", "Overfitting, Retitled")):
        page_html = (site / folder / "overfitting" / "index.html").read_text(encoding="utf-8")
        assert h1_text(page_html) == title
        assert f"<title>3. {html.escape(title, quote=False)} - " in page_html
        assert re.findall(r'<h2 id="([^"]+)"', page_html) == BLOCK_IDS


# --- related sections ------------------------------------------------------------------------------


def test_related_sections_are_listed_with_their_titles_in_the_same_language(built_site):
    sources = section_sources()
    listed = 0
    for lang, folder in LANGUAGES.items():
        for slug, meta in sources[lang].items():
            page_html = (built_site / folder / slug / "index.html").read_text(encoding="utf-8")
            nav = re.search(r'<nav class="qa-related".*?</nav>', page_html, re.S)
            related = meta.get("related") or []
            if not related:
                assert nav is None, f"{lang} {slug}"
                continue
            assert nav, f"{lang} {slug}: no related-sections list"
            assert ("相关章节" if lang == "zh" else "Related sections") in nav.group(0)
            links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav.group(0))
            assert [urljoin(f"/{folder}{slug}/", href) for href, _ in links] == [
                f"/{folder}{r}/" for r in related
            ]
            for (_, text), target in zip(links, related, strict=True):
                target_html = (built_site / folder / target / "index.html").read_text(encoding="utf-8")
                assert html.unescape(text) == listed_title(sources[lang][target], h1_text(target_html), lang)
            listed += 1
    assert listed, "no page lists related sections"


class _FakeFile:
    def __init__(self, src_uri):
        self.src_uri = src_uri


class _FakePage:
    def __init__(self, src_uri, number=None):
        self.file = _FakeFile(src_uri)
        self.meta = {"id": number} if number else {}


def test_an_unknown_related_slug_is_a_warning_naming_the_file(caplog):
    here = _FakePage("en/overfitting.md", 3)
    pages = [here, _FakePage("en/ethics.md", 10), _FakePage("en/index.md")]
    with caplog.at_level("WARNING"):
        found = related_sections_hook.resolve(
            ["ethics", "no-such-section", "index", "overfitting"], here, pages
        )
    assert found == [pages[1]]
    messages = [r.getMessage() for r in caplog.records]
    assert any("docs/en/overfitting.md" in m and "'no-such-section'" in m for m in messages), messages
    assert any("'index'" in m for m in messages) and any("itself" in m for m in messages), messages
    assert all(r.name.startswith("mkdocs.") for r in caplog.records)  # counted by --strict


# --- 404 pages and sitemaps ------------------------------------------------------------------------


def test_a_not_found_page_per_language_with_home_and_search(built_site, site_prefix):
    for lang, folder in LANGUAGES.items():
        path = built_site / folder / "404.html"
        page = head(path)
        page_html = path.read_text(encoding="utf-8")
        assert page.lang == lang
        sitemap = (built_site / folder / "sitemap.xml").read_text(encoding="utf-8")
        assert "404" not in sitemap, f"{lang}: the 404 page is listed in the sitemap"
        assert f'href="{site_prefix}{folder}"' in page_html, f"{lang}: no link to the home page"
        assert re.search(rf'<form[^>]*action="{re.escape(site_prefix + folder)}"[^>]*method="get"', page_html)
        assert re.search(r'<input[^>]*type="search"[^>]*name="q"', page_html)
    root = (built_site / "404.html").read_text(encoding="utf-8")
    # GitHub Pages answers every missing URL with the root page: it speaks to English readers too.
    assert 'lang="en"' in root and "Page not found" in root and f'action="{site_prefix}en/"' in root
    assert "页面不存在" not in (built_site / "en" / "404.html").read_text(encoding="utf-8")


def test_each_language_folder_has_a_valid_sitemap_of_its_pages(built_site, site_config):
    site_url = site_config["site_url"]
    for lang, folder in LANGUAGES.items():
        root = ElementTree.fromstring((built_site / folder / "sitemap.xml").read_bytes())
        assert root.tag == f"{SITEMAP_NS}urlset"
        locs = {url.findtext(f"{SITEMAP_NS}loc").strip() for url in root}
        # The root sitemap (mkdocs-static-i18n's) lists every language; a language folder's its own.
        expected = {url_of(built_site, p, site_url) for p in page_files(built_site / folder)}
        assert locs == expected, f"{lang}: sitemap differs by {sorted(locs ^ expected)}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_search_base_of_a_page_is_its_language_folder(built_site, lang):
    for path in [
        built_site / LANGUAGES[lang] / "index.html",
        built_site / LANGUAGES[lang] / "overfitting" / "index.html",
    ]:
        config = json.loads(
            re.search(
                r'<script id="__config" type="application/json">(.*?)</script>',
                path.read_text(encoding="utf-8"),
                re.S,
            ).group(1)
        )
        base = urljoin(
            f"https://x/{path.parent.relative_to(built_site).as_posix()}/".replace("/./", "/"), config["base"]
        )
        assert base == f"https://x/{LANGUAGES[lang]}", path
        assert "/workers/search-words.js?material=search." in config["search"]


# --- block wrappers (hooks/block_wrappers.py) -------------------------------------------------------


def _top(html_text: str) -> list:
    return list(parse_body_fragment(html_text).body.iter(include_text=False))


def test_each_block_is_written_inside_its_wrappers():
    content = (
        '<h1 id="t">T</h1>\n<h2 id="question">Q</h2>\n<p>q</p>\n'
        '<h2 id="answer">A</h2>\n<p>a &lt;b&gt;</p>\n<div class="admonition"><h2>inside</h2><p>n</p></div>\n'
        '<h2 id="example">E</h2><table><tr><td>1</td></tr></table>'
        '<h2 id="other">O</h2><p>o</p>'
        '<h2 id="analysis">N</h2><p>x</p></div><p>y</p>'  # a stray end tag, as a browser reads it
    )
    wrapped = block_wrappers.wrap_blocks(content)
    assert [(n.tag, n.attributes.get("id"), n.attributes.get("class")) for n in _top(wrapped)] == [
        ("h1", "t", None),
        ("h2", "question", None),
        ("div", None, "qa-pair"),
        ("h2", "answer", None),
        ("div", "qa-block-answer", "qa-block"),
        ("h2", "example", None),
        ("div", "qa-block-example", "qa-block"),
        ("h2", "other", None),
        ("p", None, None),
        ("h2", "analysis", None),
        ("div", "qa-block-analysis", "qa-block"),
    ]
    tree = _top(wrapped)
    own = tree[4].css_first(".qa-pair > .qa-pair__own")
    assert [n.tag for n in own.iter(include_text=False)] == ["p", "div"]  # the H2 in a note stays in
    assert own.css_first("p").html == "<p>a &lt;b&gt;</p>"
    assert [n.tag for n in tree[10].css(".qa-pair__own > p")] == ["p", "p"]
    # Nothing is lost or added: the same text, in the same order.
    assert parse_body_fragment(wrapped).body.text() == parse_body_fragment(content).body.text()


def test_the_controls_go_under_the_title_and_under_each_block_heading():
    content = '<h1 id="t">T</h1><h2 id="question">Q</h2><p>q</p><h2 id="answer">A</h2><p>a</p>'
    wrapped = block_wrappers.wrap_blocks(content, "<div class='bar'></div>", {"answer": "<button>x</button>"})
    assert [(n.tag, n.attributes.get("class") or n.attributes.get("id")) for n in _top(wrapped)] == [
        ("h1", "t"),
        ("div", "bar"),
        ("h2", "question"),
        ("div", "qa-pair"),
        ("h2", "answer"),
        ("button", None),
        ("div", "qa-block"),
    ]
    # No title: the bar goes above the question.
    untitled = block_wrappers.wrap_blocks(content.split("</h1>", 1)[1], "<div class='bar'></div>")
    assert [n.tag for n in _top(untitled)][:2] == ["div", "h2"]


def test_a_page_without_blocks_is_left_as_it_is():
    content = '<h1 id="t">T</h1>\n<p>Home</p><h2 id="answer">not a section: no question</h2>'
    assert block_wrappers.wrap_blocks(content) == content


@pytest.mark.parametrize("lang", LANGUAGES)
def test_section_pages_come_with_their_blocks_wrapped(built_site, lang):
    folder = built_site / LANGUAGES[lang]
    pages = [p for p in folder.glob("*/index.html") if '<h2 id="question"' in p.read_text(encoding="utf-8")]
    assert len(pages) == 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        article = text[text.index("<article") : text.index("</article>")]
        body = parse_body_fragment(article).body
        assert body.css_first("h2#question + .qa-pair > .qa-pair__own > p"), path
        for block in ("answer", "example", "analysis"):
            button = body.css_first(f"h2#{block} + button.qa-reveal[aria-controls=qa-block-{block}]")
            assert button is not None and button.text(strip=True), f"{path}: {block} has no show/hide button"
            wrapper = body.css_first(
                f"h2#{block} + button.qa-reveal + div.qa-block#qa-block-{block} > .qa-pair > .qa-pair__own"
            )
            assert wrapper is not None and wrapper.text(strip=True), f"{path}: {block}"
        bar = body.css_first("h1 + .qa-practice-bar")
        assert bar is not None, f"{path}: no practice bar under the title"
        assert [n.attributes.get("class") for n in bar.css("button")] == [
            "qa-practice-toggle",
            "qa-parallel-toggle",
        ]
