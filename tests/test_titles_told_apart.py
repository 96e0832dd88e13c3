"""§13 and §20 have the same Chinese title in the source: the pages keep it as their heading, and a
short note (front matter `title_note`) tells them apart wherever titles are listed."""

from __future__ import annotations

import json
import re
import subprocess

SLUGS = ("transfer-learning", "transfer-learning-challenges")
SOURCE_TITLE = "语言模型中的迁移学习问题"


def test_the_headings_keep_the_source_title_and_the_lists_tell_them_apart(built_site):
    tabs, navs = [], []
    for slug in SLUGS:
        page = (built_site / slug / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{SOURCE_TITLE}<", page), slug  # the page's own heading
        tabs.append(re.search(r"<title>(.*?) - ", page).group(1))
    other = (built_site / "zero-shot-learning" / "index.html").read_text(encoding="utf-8")
    navs = sorted(set(re.findall(rf"\d+\. {SOURCE_TITLE}（[^）<]+）", other)))
    assert len(set(tabs)) == 2 and all(tab.startswith(("13. ", "20. ")) for tab in tabs), tabs
    assert navs == sorted(tabs), navs
    index = json.loads((built_site / "search" / "search_index.full.json").read_text(encoding="utf-8"))
    titles = {
        doc["title"].replace("\u200b", "")
        for doc in index["docs"]
        if doc["location"] in [f"{s}/" for s in SLUGS]
    }
    assert len(titles) == 2 and all(title.startswith(SOURCE_TITLE + "（") for title in titles), titles
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert all(tab in home for tab in tabs)


def test_the_pdf_contents_tell_them_apart(built_site):
    text = subprocess.run(
        ["pdftotext", str(built_site / "llm-qa-zh.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    contents = set(re.findall(rf"^(\d+\. {SOURCE_TITLE}（[^）]+）)\s*\.{{3,}}", text, flags=re.M))
    assert len(contents) == 2, contents
