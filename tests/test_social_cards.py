"""Link previews with a picture, checked on the built site: every page has its own 1200×630 card in
its language, named by an absolute og:image with its size and alt text; cards are cached and drawn
again only when what they show changes; a character that no committed font has stops the build with
the page's file; the home pages are titled by the site, not "Home"."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, copy_project, mkdocs_build
from tests.html_tools import elements

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.publishing.cards import BOLD, REGULAR, Face, wrap
from llmqa.publishing.fonts import FONT_DIR, missing_characters

CARD_MAX_BYTES = 150_000  # the limit; tests/test_page_weight.py holds every raster to 60 KB
RARE = "龘"  # U+9F98: in no GB 2312 level and in none of the site's text, so in no font subset
QUESTION = (
    "How should transfer learning be handled for large language models (LLMs), and what are its challenges?"
)
LOG = re.compile(r"Link-preview cards: (\d+) drawn, (\d+) from the cache")


class PageHead:
    def __init__(self, path: Path):
        text = path.read_text(encoding="utf-8")
        self.path = path
        self.lang = next(a.get("lang", "") for t, a in elements(text) if t == "html")
        self.meta = {
            a.get("property") or a.get("name"): a.get("content", "")
            for t, a in elements(text)
            if t == "meta" and (a.get("property") or a.get("name"))
        }
        match = re.search(r"<title>(.*?)</title>", text, re.S)
        self.title = match.group(1).strip().replace("&amp;", "&") if match else ""


def preview_pages(site: Path) -> list[PageHead]:
    """Every page that unfurls (has og:url): sections, home and topic pages of both languages."""
    return [head for path in sorted(site.rglob("*.html")) if "og:url" in (head := PageHead(path)).meta]


def docs_pages() -> int:
    return len(list((ROOT / "docs").glob("*/*.md")))


def card_path(site: Path, site_url: str, url: str) -> Path:
    assert url.startswith(site_url), url
    return site / url[len(site_url) :]


def test_every_page_has_its_own_card_in_its_language(built_site, site_config):
    site_url = site_config["site_url"]
    pages = preview_pages(built_site)
    assert len(pages) >= docs_pages() >= 44  # every page in docs/, and the pages hooks generate (glossary)
    problems = []
    digests = {}
    for page in pages:
        where = page.path.relative_to(built_site).as_posix()
        meta = page.meta
        url = meta.get("og:image", "")
        if not url.startswith(site_url):
            problems.append(f"{where}: og:image is not absolute on the site: {url!r}")
            continue
        path = card_path(built_site, site_url, url)
        if not path.is_file():
            problems.append(f"{where}: {url} is not in the built site")
            continue
        with Image.open(path) as image:
            size, kind, text = image.size, image.format, dict(image.text)
        digests.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(where)
        checks = {
            "PNG 1200x630": (kind, size) == ("PNG", (1200, 630)),
            f"<= {CARD_MAX_BYTES} bytes": path.stat().st_size <= CARD_MAX_BYTES,
            "og:image:type": meta.get("og:image:type") == "image/png",
            "og:image:width/height": (meta.get("og:image:width"), meta.get("og:image:height"))
            == ("1200", "630"),
            "og:image:alt": meta.get("og:site_name", "?") in meta.get("og:image:alt", ""),
            "twitter:card": meta.get("twitter:card") == "summary_large_image",
            "twitter:image": meta.get("twitter:image") == url,
            "twitter:image:alt": meta.get("twitter:image:alt") == meta.get("og:image:alt"),
            # The card's own record of what it shows: the page's title, in the page's language.
            "card title": text.get("Title", "") != "" and text["Title"] in meta.get("og:title", ""),
            "card language": getattr(text.get("Title"), "lang", None) == page.lang,
            "card alt names the title": text.get("Title", "?") in meta.get("og:image:alt", ""),
        }
        problems += [f"{where}: {name}" for name, ok in checks.items() if not ok]
    same = [pages for pages in digests.values() if len(pages) > 1]
    assert not problems, "\n".join(problems)
    assert not same, f"pages sharing one card: {same}"
    assert len({page.meta["og:image"] for page in pages}) == len(pages)


def test_a_section_card_shows_its_number_and_question(built_site, site_config):
    for folder, lang in (("", "zh"), ("en/", "en")):
        page = PageHead(built_site / folder / "overfitting" / "index.html")
        with Image.open(card_path(built_site, site_config["site_url"], page.meta["og:image"])) as image:
            text = dict(image.text)
        assert page.meta["og:title"] == f"3. {text['Title']}"
        assert text["Description"] == page.meta["description"]  # the question
        assert {"zh": "第 3 节", "en": "Section 3"}[lang] in page.meta["og:image:alt"]


def test_home_pages_are_titled_by_the_site_never_home(built_site):
    titles = {}
    for folder, lang in (("", "zh"), ("en/", "en")):
        page = PageHead(built_site / folder / "index.html")
        site_name = page.meta["og:site_name"]
        assert page.title == page.meta["og:title"] == page.meta["twitter:title"], lang
        assert page.title.startswith(site_name), page.title
        assert "Home" not in page.title and "首页" not in page.title
        titles[lang] = page.title
    assert titles["en"] == "LLM Q&A: 20 Questions on Large Language Models"
    assert titles["zh"].startswith("LLM 问答：") and "大模型" in titles["zh"]


# --- the cache and the fonts, through real builds of a copy of the project --------------------------


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    copy_project(project)
    return project


def retitle(project: Path, lang: str, slug: str, title: str) -> None:
    page = project / "docs" / lang / f"{slug}.md"
    text = re.sub(r"^# .*$", f"# {title}", page.read_text(encoding="utf-8"), count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")


def card_files(site: Path) -> dict[str, bytes]:
    folder = site / "assets" / "images" / "social"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.png"))}


def drawn_and_cached(result) -> tuple[int, int]:
    match = LOG.search(result.stderr)
    assert match, result.stderr[-2000:]
    return int(match.group(1)), int(match.group(2))


@pytest.mark.slow
def test_cards_are_drawn_once_and_again_only_when_what_they_show_changes(tmp_path):
    project = project_copy(tmp_path)
    env = {"LLM_QA_CACHE_DIR": str(tmp_path / "cache")}
    first = mkdocs_build(project, tmp_path / "site1", env=env)
    assert first.returncode == 0, first.stderr
    cards = len(preview_pages(tmp_path / "site1"))
    assert drawn_and_cached(first) == (cards, 0)
    second = mkdocs_build(project, tmp_path / "site2", env=env)
    assert second.returncode == 0, second.stderr
    assert drawn_and_cached(second) == (0, cards)
    before = card_files(tmp_path / "site1")
    assert card_files(tmp_path / "site2") == before

    retitle(project, "en", "overfitting", "Overfitting, Retitled")
    third = mkdocs_build(project, tmp_path / "site3", env=env)
    assert third.returncode == 0, third.stderr
    assert drawn_and_cached(third) == (1, cards - 1)
    after = card_files(tmp_path / "site3")
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["en/overfitting.png"]


@pytest.mark.slow
def test_a_title_with_a_character_no_font_has_stops_the_build_naming_the_page(tmp_path):
    fonts = sorted(FONT_DIR.glob("*.woff2"))
    assert missing_characters(RARE, fonts) == [RARE]  # still true after `make fonts`: no page uses it
    project = project_copy(tmp_path)
    retitle(project, "zh", "overfitting", f"过拟合{RARE}")
    result = mkdocs_build(project, tmp_path / "site", env={"LLM_QA_CACHE_DIR": str(tmp_path / "cache")})
    output = result.stderr + result.stdout
    assert result.returncode != 0
    assert "docs/zh/overfitting.md" in output and "U+9F98" in output and "make fonts" in output, output
    assert "Traceback" not in output


# --- line breaking on the cards --------------------------------------------------------------------


@pytest.fixture(scope="module")
def faces():
    return {"zh": Face(REGULAR["zh"], 32), "en": Face(REGULAR["en"], 32), "zh-bold": Face(BOLD["zh"], 60)}


def test_chinese_breaks_between_characters_and_no_line_starts_with_closing_punctuation(faces):
    face = faces["zh"]
    text = "在大规模语言模型中，推理过程面临哪些瓶颈？如何处理过拟合问题、评估指标和数据隐私？" * 2
    lines, cut = wrap(text, face, 420, 20)
    assert not cut and len(lines) > 3
    assert "".join(lines) == text
    assert not [line for line in lines if line[0] in "，。？、"]
    assert all(face.width(line) <= 420 + face.size for line in lines)


def test_english_breaks_between_words(faces):
    face = faces["en"]
    text = QUESTION
    lines, cut = wrap(text, face, 500, 10)
    assert not cut and len(lines) > 1
    assert " ".join(lines) == text
    assert all(face.width(line) <= 500 for line in lines)


def test_text_longer_than_its_lines_ends_in_an_ellipsis(faces):
    face = faces["en"]
    text = QUESTION
    lines, cut = wrap(text, face, 500, 2)
    assert cut and len(lines) == 2
    assert lines[-1].endswith("…") and not lines[-1].endswith(" …")
    assert face.width(lines[-1]) <= 500
