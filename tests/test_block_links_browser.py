"""Sharing a link in a browser: one permalink on each block and correction note, which copies its
address and keeps to the line of the title's last word; a copied link opens there and the language
switch keeps the page and the #anchor; each block's report link; each language's 404 page. Screenshots
go to /tmp/reading-shots/ (READING_SHOTS overrides)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.reading import (
    BLOCKS,
    IN_VIEW,
    LANGUAGES,
    SECTION,
    languages,
    open_language_menu,
    result_links,
    shot,
    viewports,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# Pages whose correction notes have titles long enough to wrap on a phone.
LONG_TITLES = [SECTION, "data-privacy/"]

# For each block heading and note title: its links and buttons (class names), and whether each sits on
# the line of the title's last character (its middle within that character's height).
CONTROLS = """() => [...document.querySelectorAll(
        '.md-content__inner > h2[id], .md-content__inner .erratum[id] > .admonition-title')]
    .map(holder => {
        const controls = [...holder.querySelectorAll('a, button')];
        const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
        let last = null;
        for (let node; (node = walker.nextNode()); ) {
            if (node.textContent.trim() && !controls.some(c => c.contains(node))) last = node;
        }
        const text = last.textContent.trimEnd();
        const range = document.createRange();
        range.setStart(last, text.length - 1);
        range.setEnd(last, text.length);
        const boxes = range.getClientRects();
        const char = boxes[boxes.length - 1];
        return {
            place: holder.id || holder.parentElement.id,
            title: text.slice(-12),
            controls: controls.map(c => c.className),
            onLastLine: controls.map(c => {
                const box = c.getBoundingClientRect();
                const middle = (box.top + box.bottom) / 2;
                return middle >= char.top && middle <= char.bottom;
            }),
        };
    })"""


@viewports
@languages
def test_every_block_and_correction_note_shows_one_link_that_copies_it(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    notes = page.locator(".md-content .erratum[id]").evaluate_all("els => els.map(e => e.id)")
    assert len(notes) >= 3
    label = {"zh": "复制链接", "en": "Copy link"}[lang]
    places = {place["place"]: place for place in page.evaluate(CONTROLS)}
    assert set(places) == set(BLOCKS) | set(notes)
    for anchor, holder in [(b, f"h2#{b}") for b in BLOCKS] + [
        (n, f"#{n} > .admonition-title") for n in notes
    ]:
        # One link to the place (no second "copy link" control beside it), "cite", then "report a problem".
        assert places[anchor]["controls"] == ["headerlink", "qa-cite", "qa-report-link"], places[anchor]
        permalink = page.locator(f'{holder} a.headerlink[href="#{anchor}"]')
        permalink.scroll_into_view_if_needed()
        assert permalink.is_visible(), anchor
        # Shown without hovering, so touch screens see it too (once the theme's fade-in is over).
        page.wait_for_function(
            "e => getComputedStyle(e).opacity === '1'", arg=permalink.element_handle(), timeout=3000
        )
        box = permalink.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, "large enough to tap"
        assert permalink.get_attribute("title") == label
        assert permalink.get_attribute("aria-label").startswith(label)
        assert permalink.get_attribute("data-clipboard-text").endswith(
            f"/{LANGUAGES[lang]}{SECTION}#{anchor}"
        )
    watch.check()


@viewports
@languages
def test_copy_link_puts_the_block_address_on_the_clipboard(browse, served_site, lang, viewport):
    page, watch = browse(
        viewport, LANGUAGES[lang] + SECTION, permissions=["clipboard-read", "clipboard-write"]
    )
    # Whether the page went to an anchor (Material's navigation.tracking writes one without going).
    page.evaluate("addEventListener('hashchange', () => { window.qaWent = true })")
    went = "!!window.qaWent || !!document.querySelector(':target')"
    page.locator("#erratum-1b a.headerlink").click()  # one click
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{served_site}{LANGUAGES[lang]}{SECTION}#erratum-1b"
    dialog = page.locator(".md-dialog")
    dialog.wait_for(state="visible")
    assert dialog.inner_text().strip() == {"zh": "已复制", "en": "Copied to clipboard"}[lang]
    assert not page.evaluate(went), "the page stays where it is"
    # From the keyboard: the link takes focus like any link, and Enter copies.
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator("h2#answer a.headerlink").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).endsWith('#answer')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{served_site}{LANGUAGES[lang]}{SECTION}#answer"
    assert not page.evaluate(went)
    watch.check()


@languages
@pytest.mark.parametrize("path", LONG_TITLES)
def test_a_long_title_keeps_its_controls_on_its_last_line_on_a_phone(browse, lang, path):
    page, watch = browse("phone", LANGUAGES[lang] + path)
    places = page.evaluate(CONTROLS)
    assert len(places) >= 5
    apart = [place for place in places if not all(place["onLastLine"])]
    assert not apart, apart
    note = next(place["place"] for place in places if place["place"].startswith("erratum-"))
    page.locator(f"#{note}").scroll_into_view_if_needed()
    shot(page, f"long-title-{lang}-{path.strip('/')}-phone")
    watch.check()


@viewports
@languages
def test_a_copied_block_link_opens_there_and_the_language_switch_keeps_it(
    browse, served_site, lang, viewport
):
    other = "en" if lang == "zh" else "zh"
    page, watch = browse(
        viewport, LANGUAGES[lang] + SECTION, permissions=["clipboard-read", "clipboard-write"]
    )
    page.locator("h2#analysis a.headerlink").click()
    link = page.evaluate("navigator.clipboard.readText()")
    reader, reader_watch = browse(viewport, None)
    reader.goto(link, wait_until="load")
    assert reader.evaluate("location.hash") == "#analysis"
    open_language_menu(reader)
    reader.locator(f'.md-select a[hreflang="{other}"]').click()
    reader.wait_for_url(f"{served_site}{LANGUAGES[other]}{SECTION}#analysis")
    assert reader.evaluate("document.documentElement.lang") == other
    assert reader.evaluate("document.querySelector(':target')?.id") == "analysis"
    reader.wait_for_function(IN_VIEW, arg="analysis")
    shot(reader, f"copied-link-{lang}-opened-in-{other}-{viewport}")
    watch.check()
    reader_watch.check()


@viewports
@languages
def test_language_switch_keeps_the_page_and_the_anchor(browse, served_site, lang, viewport):
    other = "en" if lang == "zh" else "zh"
    page, watch = browse(viewport, LANGUAGES[lang] + "overfitting/#example")
    open_language_menu(page)
    page.locator(f'.md-select a[hreflang="{other}"]').click()
    page.wait_for_url(f"{served_site}{LANGUAGES[other]}overfitting/#example")
    # As the reader scrolls, Material replaces the address's anchor with the block in view (without a
    # hashchange event); the switch takes the anchor the address has when it is used.
    page.evaluate("history.replaceState(null, '', '#analysis')")
    open_language_menu(page)
    page.locator(f'.md-select a[hreflang="{lang}"]').click()
    page.wait_for_url(f"{served_site}{LANGUAGES[lang]}overfitting/#analysis")
    watch.check()


# --- 404 -------------------------------------------------------------------------------------------


@viewports
@languages
def test_a_missing_page_answers_in_its_language_with_home_and_search(browse, served_site, lang, viewport):
    missing = f"{served_site}{LANGUAGES[lang]}no-such-page/"
    page, watch = browse(viewport, None)
    watch.expected_404.add(missing)
    response = page.goto(missing, wait_until="load")
    assert response.status == 404
    words = {
        "zh": ("页面不存在", "返回首页", "搜索"),
        "en": ("Page not found", "Go to the home page", "Search"),
    }[lang]
    section = page.locator(f'.qa-not-found[lang="{lang}"]')
    assert words[0] in section.inner_text()
    home = section.get_by_role("link", name=words[1])
    assert home.get_attribute("href") == urlsplit(served_site).path + LANGUAGES[lang]
    shot(page, f"not-found-{lang}-{viewport}", full_page=True)
    query = {"zh": "困惑度", "en": "perplexity"}[lang]
    section.get_by_role("searchbox").fill(query)
    section.get_by_role("button", name=words[2], exact=True).click()
    page.wait_for_url(re.compile(re.escape(served_site + LANGUAGES[lang]) + r"\?q="))
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    links = result_links(page, served_site)
    assert any("evaluation-metrics/" in link for link in links)
    assert all(link.startswith("en/") == (lang == "en") for link in links)
    watch.check()


@languages
def test_each_language_404_page_is_served_as_built(browse, lang):
    page, watch = browse("desktop", LANGUAGES[lang] + "404.html")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator(".qa-not-found").first.get_attribute("lang") == lang
    watch.check()


@languages
@viewports
def test_every_block_and_correction_note_has_a_report_link(browse, served_site, site_config, lang, viewport):
    """The link opens the repository's correction form with page, place, language and section filled in."""
    from urllib.parse import parse_qs

    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    places = page.eval_on_selector_all(
        ".md-content__inner > h2[id], .md-content__inner .erratum[id]", "found => found.map(e => e.id)"
    )
    links = page.eval_on_selector_all(
        ".md-content__inner a.qa-report-link",
        """found => found.map(a => {
            const box = a.getBoundingClientRect();
            const holder = a.closest("[id]");
            return {href: a.href, width: box.width, height: box.height, label: a.getAttribute("aria-label"),
                    place: holder ? holder.id : null, target: a.target, rel: a.rel};
        })""",
    )
    assert [p for p in places if p in BLOCKS] == BLOCKS and len(places) == 7  # and the three notes
    assert [link["place"] for link in links] == places
    canonical = site_config["site_url"] + LANGUAGES[lang] + SECTION
    title = page.title().split(" - ")[0]
    for link in links:
        url = urlsplit(link["href"])
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/llm-qa/llm-qa/issues/new")
        assert query["template"] == {"zh": "correction.yml", "en": "translation.yml"}[lang]
        assert query["page"] == f"{canonical}#{link['place']}"
        assert query["anchor"] == f"#{link['place']}"
        assert query["language"] == lang and query["section"] == title and title.startswith("1. ")
        assert link["width"] >= 24 and link["height"] >= 24, "visible and large enough to tap"
        assert link["label"] and link["target"] == "_blank" and "noopener" in link["rel"]
    watch.check()
    shot(page, f"report-links-{lang}-{viewport}")
