"""Search in a browser, as a reader types it: each language's pages only, English words, whole glossary
terms (also written apart), short previews with the search words highlighted and no invisible
characters, the section about the query first, and a result that opens the block that matched.
Debian's chromium on the site served under site_url's path, desktop and phone width."""

from __future__ import annotations

import re

import pytest

from tests.reading import (
    BLOCKS,
    ENGLISH_WORDS,
    GLOSSARY_TERMS,
    LANGUAGES,
    SECTION,
    VIEWPORTS,
    languages,
    pages_with_term_apart,
    pages_with_text,
    result_links,
    search,
    shot,
    viewports,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@viewports
@languages
def test_search_lists_pages_of_the_page_language_only(browse, served_site, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    search(page, "LLM")  # a word both languages use
    links = result_links(page, served_site)
    assert links
    if lang == "en":
        assert all(link.startswith("en/") for link in links), links
    else:
        assert not any(link.startswith("en/") for link in links), links
    shot(page, f"search-{lang}-{viewport}")
    watch.check()


@viewports
def test_english_words_find_the_english_pages_that_use_them(browse, served_site, built_site, viewport):
    page, watch = browse(viewport, "en/")
    for words in ENGLISH_WORDS:
        expected = pages_with_text(built_site, "en/", words)
        assert expected, f"no English page says '{words}'"
        search(page, words)
        found = {link.split("#")[0] for link in result_links(page, served_site)}
        assert expected <= found, f"'{words}': missing {sorted(expected - found)}"
        assert all(link.startswith("en/") for link in found)
        page.keyboard.press("Escape")
    watch.check()


@viewports
def test_glossary_terms_are_searched_and_marked_whole(browse, served_site, built_site, viewport):
    page, watch = browse(viewport, "")
    for term in GLOSSARY_TERMS:
        expected = pages_with_text(built_site, "", term)
        assert expected, f"no Chinese page says {term}"
        expected |= pages_with_term_apart(built_site, term)
        search(page, term)
        found = {link.split("#")[0] for link in result_links(page, served_site)}
        # Exactly the pages that use the term, whole or apart: a search for 知识蒸馏 is not one for 知识.
        assert found == expected, f"{term}: {sorted(found ^ expected)}"
        marks = set(page.locator(".md-search-result mark").all_inner_texts()) - {""}
        assert term in marks, f"{term}: marked {marks}"
        assert not any(mark in term and mark != term for mark in marks), (
            f"{term}: a part of it is marked: {marks}"
        )
        if term == "困惑度":
            shot(page, f"search-glossary-zh-{viewport}")
        page.keyboard.press("Escape")
    watch.check()


@viewports
def test_a_part_of_a_term_kept_whole_still_finds_it(browse, served_site, built_site, viewport):
    page, watch = browse(viewport, "")
    search(page, "蒸馏")
    found = {link.split("#")[0] for link in result_links(page, served_site)}
    assert pages_with_text(built_site, "", "知识蒸馏") <= found
    watch.check()


def test_a_term_the_page_writes_apart_still_finds_it(browse, served_site, built_site):
    """The evaluation page says 评估…的指标, never 评估指标, and is what a search for 评估指标 means."""
    page, watch = browse("desktop", "")
    assert "评估指标" not in (built_site / "evaluation-metrics" / "index.html").read_text(encoding="utf-8")
    search(page, "评估指标")
    listed = list(dict.fromkeys(link.split("#")[0] for link in result_links(page, served_site)))
    assert "evaluation-metrics/" in listed[:3], listed
    watch.check()


# Queries whose results are long blocks: whole answers, with the correction notes in them.
PREVIEW_QUERIES = {"zh": "知识蒸馏", "en": "distillation"}
PREVIEW_LINES = 3
# Each result entry shown: its heading, how many lines its text takes below the heading, and its first
# highlighted word and whether the entry shows it (inside every box that clips it: a line clamp, the
# entry itself).
RESULT_ENTRIES = """() => [...document.querySelectorAll('.md-search-result__article')]
    .filter(article => article.checkVisibility())
    .map(article => {
        const heading = article.querySelector(':scope > h1, :scope > h2');
        const style = getComputedStyle(article);
        const tags = article.querySelector(':scope > .md-tags');
        const bottom = tags && tags.checkVisibility() ? tags.getBoundingClientRect().top
            : article.getBoundingClientRect().bottom - parseFloat(style.paddingBottom);
        const mark = article.querySelector(':scope > :not(h1, h2) mark, :scope > mark');
        let shown = null;
        if (mark) {
            const box = mark.getBoundingClientRect();
            shown = box.width > 0;
            for (let e = mark.parentElement; e && shown; e = e === article ? null : e.parentElement) {
                if (getComputedStyle(e).overflowY !== 'visible') {
                    const clip = e.getBoundingClientRect();
                    shown = box.top >= clip.top - 1 && box.bottom <= clip.bottom + 1;
                }
            }
        }
        return {
            heading: heading ? heading.textContent : null,
            headingShown: !!heading && heading.checkVisibility() && heading.offsetHeight > 0,
            lines: (bottom - heading.getBoundingClientRect().bottom) / parseFloat(style.lineHeight),
            mark: mark ? mark.textContent : null,
            markShown: shown,
        };
    })"""


@viewports
@languages
def test_search_results_show_a_short_preview_with_the_highlighted_words(browse, lang, viewport):
    """A result's text is a few lines from around its first highlighted word, not the whole block."""
    page, watch = browse(viewport, LANGUAGES[lang])
    query = PREVIEW_QUERIES[lang]
    search(page, query)
    entries = page.evaluate(RESULT_ENTRIES)
    with_text = [entry for entry in entries if entry["mark"]]
    assert len(with_text) >= 4, entries
    for entry in entries:
        assert entry["heading"] and entry["headingShown"], entry
        # The text's lines, and its margins (about one line more).
        assert entry["lines"] <= PREVIEW_LINES + 1.5, entry
    for entry in with_text:
        assert entry["mark"].lower() == query and entry["markShown"], entry
    assert (
        page.locator(".md-search-result__item").first.evaluate("item => item.getBoundingClientRect().height")
        < 0.5 * VIEWPORTS[viewport]["height"]
    ), "the first result leaves room for the next"
    shot(page, f"search-preview-{lang}-{viewport}")
    watch.check()


@languages
def test_search_results_show_and_copy_no_invisible_characters(browse, lang):
    """The index separates Chinese words with U+200B; the results a reader sees and copies do not (the
    result list cannot be selected: a result is copied as a link, whose text is its innerText)."""
    page, watch = browse("desktop", LANGUAGES[lang])
    search(page, PREVIEW_QUERIES[lang])
    shown = page.evaluate("document.querySelector('.md-search-result__list').textContent")
    copied = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.innerText)")
    assert PREVIEW_QUERIES[lang] in shown.lower() and len(copied) >= 4
    for text in [shown, *copied]:
        invisible = sorted({f"U+{ord(c):04X}" for c in text if c in "\u200b\u200c\u200d\u2060\ufeff"})
        assert not invisible, (invisible, text[:80])
    titles = page.locator(".md-search-result__article > h1").all_inner_texts()
    if lang == "zh":
        assert "语言模型中的知识表示问题" in titles, titles  # a title Material's segmentation had cut up
    watch.check()


# A query, and the section a reader means by it: listed first, above sections that share one of its
# words ("… learning") and above the pages that only list the sections (glossary, home).
RANKED = [
    ("en/", "federated learning", "en/data-privacy/"),
    ("en/", "transfer learning", "en/transfer-learning/"),
    ("en/", "perplexity", "en/evaluation-metrics/"),
    ("", "困惑度", "evaluation-metrics/"),
    ("", "联邦学习", "data-privacy/"),
    # Listed as a method (a list item's lead) there, mentioned in passing on three other pages.
    ("", "剪枝", "inference-optimization/"),
    ("en/", "pruning", "en/inference-optimization/"),
]


def test_search_lists_the_section_about_the_query_first(browse, served_site):
    page, watch = browse("desktop", "")
    for home, query, expected in RANKED:
        page.goto(served_site + home, wait_until="load")
        search(page, query)
        listed = list(dict.fromkeys(link.split("#")[0] for link in result_links(page, served_site)))
        assert listed and listed[0] == expected, f"{query!r}: {listed[:4]}"
        if query in ("perplexity", "困惑度"):
            assert home + "glossary/" in listed[1:], f"{query!r}: glossary not listed: {listed}"
        page.keyboard.press("Escape")
    watch.check()


@viewports
@languages
def test_a_search_result_opens_the_block_that_matched(browse, served_site, lang, viewport):
    query = {"zh": "困惑度", "en": "perplexity"}[lang]
    page, watch = browse(viewport, LANGUAGES[lang])
    search(page, query)
    target = next(
        link for link in result_links(page, served_site) if "evaluation-metrics/" in link and "#" in link
    )
    assert target.split("#")[1] in BLOCKS
    page.locator(
        f'.md-search-result__link[href*="evaluation-metrics/"][href*="#{target.split("#")[1]}"]'
    ).first.click()
    page.wait_for_url(re.compile(r"evaluation-metrics/\?h=.*#" + target.split("#")[1]))
    block = page.locator(f"h2#{target.split('#')[1]}")
    assert block.is_visible()
    assert (
        page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target.split("#")[1])
        < 400
    )
    assert page.locator("mark[data-md-highlight]").count() > 0  # the page highlights the search words
    watch.check()
