"""The collection as data, read back from the built site: each language's dataset (JSON Lines),
llms.txt and Markdown copies hold every section the section check read, with every correction note,
as Markdown without HTML; CITATION.cff is valid CFF; the cite button copies a citation with the
block's permanent URL (chromium). Screenshots go to /tmp/reading-shots/ (READING_SHOTS overrides)."""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import datetime
from functools import cache
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser import PHONE
from tests.conftest import LANGUAGES, ROOT, mkdocs_config

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.sections.model import BLOCK_TITLES
from llmqa.sections.project import check_project
from llmqa.sections.report import Project

FOLDERS = {"zh": "", "en": "en/"}
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # an HTML tag (not `<https://…>`)
FIELDS = ("id", "slug", "url", "language", "title", "question", "answer", "example", "analysis")
TEXT_FIELDS = ("title", "question", "answer", "example", "analysis")
LLMS_ENTRY = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)(?:: (?P<note>.+))?$", re.M)
SHOTS = Path(os.environ.get("READING_SHOTS", "/tmp/reading-shots"))
SECTION = "overfitting"  # three correction notes, all in the answer's list


@cache
def checked_pages() -> dict[str, dict[str, object]]:
    """The section pages as the section check reads them (lang -> slug -> SectionPage)."""
    project = Project(root=ROOT, docs_dir=ROOT / "docs", languages=list(LANGUAGES), default="zh")
    report = check_project(project)
    assert not report.errors, report.format()
    return {
        lang: {name.removesuffix(".md"): page for name, page in pages.items()}
        for lang, pages in report.pages.items()
    }


def records(site: Path, lang: str) -> list[dict]:
    path = site / FOLDERS[lang] / f"llm-qa-{lang}.jsonl"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\n\n" not in text, f"{path}: one record a line, no blank line"
    return [json.loads(line) for line in text.splitlines()]


def site_file(site: Path, site_url: str, url: str) -> Path:
    """The built file an absolute URL of the site names."""
    assert url.startswith(site_url), f"{url} is not under {site_url}"
    path = url[len(site_url) :]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


def erratum_ids(page) -> list[str]:
    return [note.attrs["id"] for note in page.notes if note.kind == "erratum"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dataset_has_every_section_with_its_page_id(built_site, site_config, lang):
    pages = checked_pages()[lang]
    found = records(built_site, lang)
    assert [r["id"] for r in found] == sorted(r["id"] for r in found), "records by section number"
    assert {r["slug"]: r["id"] for r in found} == {
        slug: page.front_matter["id"] for slug, page in pages.items()
    }
    for record in found:
        assert list(record)[: len(FIELDS)] == list(FIELDS), record["slug"]
        assert record["language"] == lang and record["license"] == "CC BY-SA 4.0"
        assert record["url"] == f"{site_config['site_url']}{FOLDERS[lang]}{record['slug']}/"
        assert site_file(built_site, site_config["site_url"], record["url"]).is_file(), record["url"]
        assert record["topics"] == pages[record["slug"]].front_matter["tags"]
        assert all(record[name].strip() for name in TEXT_FIELDS), record["slug"]
        html = site_file(built_site, site_config["site_url"], record["url"]).read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", html, re.S).group(1)
        assert unescape(TAG.sub("", h1)).strip() == record["title"], record["slug"]


def test_both_datasets_hold_the_same_sections(built_site):
    assert [(r["id"], r["slug"]) for r in records(built_site, "zh")] == [
        (r["id"], r["slug"]) for r in records(built_site, "en")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dataset_text_is_markdown_without_html(built_site, lang):
    for record in records(built_site, lang):
        texts = [(name, record[name]) for name in TEXT_FIELDS]
        for note in record["errata"]:
            texts += [(note["id"], note["title"]), (note["id"], note["text"])]
            texts += [(note["id"], source) for source in note["sources"]]
        for name, text in texts:
            assert not TAG.search(text), f"{lang}/{record['slug']} {name}: {TAG.search(text).group()}"
            assert "{#" not in text and "///" not in text and "attrs:" not in text, (record["slug"], name)
        assert "|" in record["example"], f"{record['slug']}: the example's table"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_correction_note_of_a_page_is_in_its_record(built_site, lang):
    pages = checked_pages()[lang]
    source_line = {"zh": "来源：", "en": "Source:"}[lang]
    for record in records(built_site, lang):
        page = pages[record["slug"]]
        assert [note["id"] for note in record["errata"]] == erratum_ids(page), record["slug"]
        for note, checked in zip(
            record["errata"], (n for n in page.notes if n.kind == "erratum"), strict=True
        ):
            assert note["block"] == checked.block and note["title"] in checked.title
            assert note["text"].strip() and note["sources"], (record["slug"], note["id"])
            assert source_line not in note["text"], (record["slug"], note["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_llms_txt_lists_every_section_and_its_links_resolve(built_site, site_config, lang):
    site_url = site_config["site_url"]
    text = (built_site / FOLDERS[lang] / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[1] == "" and lines[2].startswith("> "), lines[:3]
    assert "## Sections" in lines and "## Dataset" in lines
    assert "CC BY-SA 4.0" in text and re.search(r"(?i)schema", text)
    sections = text[text.index("## Sections") : text.index("## Dataset")]
    listed = [m.groupdict() for m in LLMS_ENTRY.finditer(sections)]
    expected = [(r["id"], r["title"], r["question"]) for r in records(built_site, lang)]
    assert [(int(e["title"].split(". ")[0]), e["title"].split(". ", 1)[1]) for e in listed] == [
        (number, title) for number, title, _ in expected
    ]
    for entry, (_, _, question) in zip(listed, expected, strict=True):
        assert entry["url"].endswith("/index.md") and entry["note"] == " ".join(question.split())
    for entry in LLMS_ENTRY.finditer(text):
        assert site_file(built_site, site_url, entry["url"]).is_file(), entry["url"]
    assert f"{site_url}{FOLDERS[lang]}llm-qa-{lang}.jsonl" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_markdown_copy_has_the_four_blocks_and_no_block_syntax(built_site, site_config, lang):
    for slug, page in checked_pages()[lang].items():
        copy = built_site / FOLDERS[lang] / slug / "index.md"
        assert (copy.parent / "index.html").is_file(), f"{copy} sits next to its page"
        text = copy.read_text(encoding="utf-8")
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings == [f"## {title}" for title in BLOCK_TITLES[lang].values()], (slug, headings)
        assert text.startswith(f"# {page.front_matter['id']}. ")
        assert "///" not in text and "{#" not in text and "attrs:" not in text, slug
        assert not TAG.search(text), f"{copy}: {TAG.search(text).group()}"
        assert f"<{site_config['site_url']}{FOLDERS[lang]}{slug}/>" in text and "CC BY-SA 4.0" in text
        label = {"zh": "> **勘误 ", "en": "> **Erratum "}[lang]
        assert text.count(label) == len(erratum_ids(page)), slug
        assert text.count("> " + {"zh": "来源：", "en": "Source:"}[lang]) == len(erratum_ids(page)), slug
        for target in re.findall(r"\]\(([^)\s]+)", text):
            assert urlsplit(target).scheme in ("https", "http", "mailto"), f"{copy}: relative link {target}"


def test_citation_cff_is_cff_1_2_0_with_the_site_and_repository():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    config = mkdocs_config()
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    assert citation["cff-version"] == "1.2.0"
    assert all(isinstance(author, dict) and author.get("name") for author in citation["authors"])
    assert citation["license"] == "CC-BY-SA-4.0" and citation["type"] in ("dataset", "software")
    assert citation["repository-code"] == config["repo_url"]
    assert citation["url"] == config["site_url"]


# --- the cite button, in chromium ------------------------------------------------------------------


def site_names(config: dict) -> dict[str, str]:
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang.get("site_name", config["site_name"]) for lang in i18n["languages"]}


def expected_citation(lang: str, site: str, record: dict, place: str, anchor: str) -> str:
    url = f"{record['url']}#{anchor}"
    if lang == "zh":
        return f"{site}，第 {record['id']} 节「{record['title']}」，{place}。访问日期：2026-12-01。{url}"
    return (
        f"{site}, section {record['id']}, \u201c{record['title']}\u201d, {place}. Accessed 2026-12-01. {url}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_copies_a_citation_with_the_block_permanent_url(
    browser_instance, served_site, built_site, site_config, lang
):
    record = next(r for r in records(built_site, lang) if r["slug"] == SECTION)
    site = site_names(site_config)[lang]
    context = browser_instance.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.set_fixed_time(datetime(2026, 12, 1, 12, 0))
    page.goto(f"{served_site}{FOLDERS[lang]}{SECTION}/", wait_until="load")
    try:
        places = [(name, BLOCK_TITLES[lang][name], f"h2#{name}") for name in BLOCK_TITLES[lang]]
        notes = [n for n in checked_pages()[lang][SECTION].notes if n.kind == "erratum"]
        places += [(note.attrs["id"], note.title, f"#{note.attrs['id']}") for note in notes]
        assert page.locator(".md-content__inner .qa-cite").count() == len(places)
        for anchor, place, holder in places:
            button = page.locator(f"{holder} .qa-cite").first
            box = button.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24, anchor
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == expected_citation(lang, site, record, place, anchor)
        page.locator(".md-dialog").wait_for(state="visible")
        assert (
            page.locator(".md-dialog").inner_text().strip()
            == {"zh": "已复制", "en": "Copied to clipboard"}[lang]
        )
        heading = page.locator("h2#answer")
        heading.scroll_into_view_if_needed()
        page.wait_for_timeout(1200)  # the "copied" notice goes
        top = heading.bounding_box()["y"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        clip = {"x": 0, "y": max(top - 12, 0), "width": PHONE["width"], "height": 72}
        page.screenshot(path=str(SHOTS / f"cite-{lang}-phone.png"), clip=clip)
        assert not errors, errors
    finally:
        context.close()
