"""Bilingual study in a browser (issue 12): the parallel view, term hints, the glossary pages and
searching a term in the other language. Debian's chromium on the site served under site_url's path,
both languages, desktop (1280) and phone (390) width; every test fails on a console error or a
request to another origin. Screenshots go to /tmp/reading-shots/ (READING_SHOTS overrides)."""

from __future__ import annotations

import re

import pytest

from tests.reading import (
    LANGUAGES,
    VIEWPORTS,
    pages_with_text,
    result_links,
    search,
    shot,
)

SECTION = "inference-bottlenecks/"  # correction notes in a list item, after a table and in the analysis
BLOCKS = ["question", "answer", "example", "analysis"]
OTHER_LANG = {"zh": "en", "en": "zh-CN"}
LABEL = {"zh": "中英对照", "en": "Side by side"}

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
viewports = pytest.mark.parametrize("viewport", list(VIEWPORTS))
languages = pytest.mark.parametrize("lang", list(LANGUAGES))

# Boxes of each block's two columns and of each correction note and its counterpart, on screen.
GEOMETRY = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom,
        left: r.left, right: r.right, shown: !!e.offsetParent}; };
    const pairs = [...document.querySelectorAll('.qa-pair')].map(pair => ({
        own: box(pair.querySelector(':scope > .qa-pair__own')),
        other: box(pair.querySelector(':scope > .qa-pair__other'))}));
    const notes = [...document.querySelectorAll('.qa-pair__own .erratum[id]')].map(note => ({
        id: note.id, own: box(note),
        other: box(document.querySelector('.qa-pair__other [data-qa-note="' + note.id + '"]')),
        copy: note.nextElementSibling && note.nextElementSibling.matches('.qa-other-note')
            ? box(note.nextElementSibling) : null}));
    return {pairs, notes};
}"""


def parallel(page):
    return page.locator(".qa-parallel-toggle")


def turn_on(page) -> None:
    parallel(page).click()
    page.wait_for_function("document.documentElement.hasAttribute('data-qa-parallel')")


def requests_of(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


# --- the parallel view -----------------------------------------------------------------------------


@viewports
@languages
def test_the_switch_is_off_by_default_and_costs_nothing(browse, served_site, lang, viewport):
    page, watch = browse(viewport, None)
    urls = requests_of(page)
    page.goto(served_site + LANGUAGES[lang] + SECTION, wait_until="networkidle")
    switch = parallel(page)
    assert switch.inner_text() == LABEL[lang]
    assert switch.get_attribute("aria-pressed") == "false"
    # Next to practice mode.
    assert (
        page.evaluate("() => document.querySelector('.qa-practice-toggle').nextElementSibling.className")
        == "qa-parallel-toggle"
    )
    other_page = served_site + LANGUAGES["en" if lang == "zh" else "zh"] + SECTION
    assert not [u for u in urls if u.split("#")[0] == other_page], urls
    assert page.locator(".qa-pair__other, .qa-parallel-heading, .qa-other-note").count() == 0
    # The pointer on the switch gives the view a head start: the other page is fetched and the view
    # built, hidden; nothing is shown until the click.
    if viewport == "desktop":
        switch.hover()
        page.wait_for_selector(".qa-pair__other", state="attached")
        assert other_page in [u.split("#")[0] for u in urls]
        assert not page.locator(".qa-pair__other").first.is_visible()
        assert not page.locator(".qa-parallel-heading").first.is_visible()
        assert not page.evaluate("document.documentElement.hasAttribute('data-qa-parallel')")
    watch.check()


@viewports
@languages
def test_each_block_and_note_shows_the_other_language(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    turn_on(page)
    assert parallel(page).get_attribute("aria-pressed") == "true"
    others = page.locator(".qa-pair__other")
    assert others.count() == 4
    assert others.evaluate_all("els => els.map(e => e.lang)") == [OTHER_LANG[lang]] * 4
    headings = page.locator(".qa-parallel-heading").evaluate_all(
        "els => els.map(e => [e.lang, e.textContent])"
    )
    words = {"zh": ["Question", "Answer", "Example", "Analysis"], "en": ["题目", "答案", "举例", "解析"]}[
        lang
    ]
    assert headings == [[OTHER_LANG[lang], word] for word in words]
    text = others.first.inner_text()
    assert ("bottlenecks" in text) if lang == "zh" else ("推理" in text)
    # The other page's ids are not repeated; its notes are known by their id.
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))
    notes = page.locator(".qa-pair__own .erratum[id]").evaluate_all("els => els.map(e => e.id)")
    theirs = page.locator(".qa-pair__other [data-qa-note]").evaluate_all(
        "els => els.map(e => e.dataset.qaNote)"
    )
    assert notes == theirs and len(notes) >= 3
    # Links of the other page lead to the other language.
    hrefs = page.locator(".qa-pair__other a[href]").evaluate_all("els => els.map(e => e.href)")
    folder = "/en/" if lang == "zh" else "/llm-qa/"
    assert hrefs and all(folder in h for h in hrefs if h.startswith("http://127.0.0.1")), hrefs
    shot(page, f"parallel-{lang}-{viewport}", full_page=True)
    watch.check()


@languages
def test_two_aligned_columns_on_a_wide_screen(browse, lang):
    page, watch = browse("desktop", LANGUAGES[lang] + SECTION)
    turn_on(page)
    geometry = page.evaluate(GEOMETRY)
    assert len(geometry["pairs"]) == 4
    for block, pair in zip(BLOCKS, geometry["pairs"], strict=True):
        own, other = pair["own"], pair["other"]
        assert abs(own["top"] - other["top"]) <= 1, f"{block}: columns start at {own['top']}, {other['top']}"
        assert other["left"] >= own["right"], f"{block}: the columns overlap"
        assert own["right"] - own["left"] >= 380, f"{block}: a column is {own['right'] - own['left']}px wide"
    for note in geometry["notes"]:
        assert note["other"]["shown"] and not (note["copy"] or {}).get("shown")
        assert abs(note["own"]["top"] - note["other"]["top"]) <= 1, f"{note['id']}: {note}"
    assert not page.locator(".md-sidebar--secondary").is_visible()  # room for two columns
    # Still aligned at another width.
    page.set_viewport_size({"width": 1024, "height": 900})
    page.wait_for_timeout(300)
    for note in page.evaluate(GEOMETRY)["notes"]:
        assert abs(note["own"]["top"] - note["other"]["top"]) <= 1, f"1024px {note['id']}: {note}"
    watch.check()


@languages
def test_the_other_language_under_each_block_and_note_on_a_phone(browse, lang):
    page, watch = browse("phone", LANGUAGES[lang] + SECTION)
    turn_on(page)
    geometry = page.evaluate(GEOMETRY)
    for block, pair in zip(BLOCKS, geometry["pairs"], strict=True):
        assert pair["other"]["top"] >= pair["own"]["bottom"] - 1, (
            f"{block}: the other language is not under it"
        )
        assert pair["other"]["right"] <= 390
    for note in geometry["notes"]:
        assert note["copy"] and note["copy"]["shown"], f"{note['id']}: no counterpart under it"
        assert note["copy"]["top"] >= note["own"]["bottom"] - 1
        assert not note["other"]["shown"]  # shown once, under the note
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".qa-other-note").evaluate_all("els => els.map(e => e.lang)") == [
        OTHER_LANG[lang]
    ] * len(geometry["notes"])
    watch.check()


@viewports
@languages
def test_the_view_is_remembered_across_pages_and_languages(browse, served_site, lang, viewport):
    other = "en" if lang == "zh" else "zh"
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    turn_on(page)
    page.goto(f"{served_site}{LANGUAGES[lang]}overfitting/", wait_until="load")
    page.wait_for_function("document.documentElement.hasAttribute('data-qa-parallel')")
    assert parallel(page).get_attribute("aria-pressed") == "true"
    page.goto(f"{served_site}{LANGUAGES[other]}overfitting/", wait_until="load")
    page.wait_for_function("document.documentElement.hasAttribute('data-qa-parallel')")
    assert page.locator(".qa-pair__other").first.get_attribute("lang") == OTHER_LANG[other]
    page.reload(wait_until="load")
    page.wait_for_function("document.documentElement.hasAttribute('data-qa-parallel')")
    parallel(page).click()
    assert parallel(page).get_attribute("aria-pressed") == "false"
    assert not page.locator(".qa-pair__other").first.is_visible()
    page.reload(wait_until="networkidle")
    assert parallel(page).get_attribute("aria-pressed") == "false"
    assert page.locator(".qa-pair__other").count() == 0
    watch.check()


@viewports
@languages
def test_a_block_hidden_in_practice_mode_hides_both_languages(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    page.locator(".qa-practice-toggle").click()
    turn_on(page)
    assert page.locator("#qa-block-question, h2#question + .qa-pair").count() == 1
    assert page.locator(
        "h2#question ~ .qa-pair .qa-pair__other"
    ).first.is_visible()  # the question is never hidden
    for block in BLOCKS[1:]:
        assert not page.locator(f"#qa-block-{block} .qa-pair__own").is_visible()
        assert not page.locator(f"#qa-block-{block} .qa-pair__other").is_visible()
    page.locator('button.qa-reveal[aria-controls="qa-block-example"]').click()
    assert page.locator("#qa-block-example .qa-pair__own").is_visible()
    assert page.locator("#qa-block-example .qa-pair__other").is_visible()
    if viewport == "desktop":  # notes of a block shown later are aligned too
        page.wait_for_timeout(200)
        for note in page.evaluate(GEOMETRY)["notes"]:
            if note["own"]["shown"]:
                assert abs(note["own"]["top"] - note["other"]["top"]) <= 1, note
    shot(page, f"parallel-practice-{lang}-{viewport}")
    # On a later page the view and practice mode start together.
    page.reload(wait_until="load")
    page.wait_for_function("document.documentElement.hasAttribute('data-qa-parallel')")
    assert not page.locator("#qa-block-analysis .qa-pair__other").is_visible()
    watch.check()


@languages
def test_the_view_prints_both_languages(browse, lang):
    page, watch = browse("desktop", LANGUAGES[lang] + SECTION)
    turn_on(page)
    page.emulate_media(media="print")
    geometry = page.evaluate(GEOMETRY)
    for pair in geometry["pairs"]:
        assert pair["other"]["shown"] and pair["other"]["top"] >= pair["own"]["bottom"] - 1
    assert all(note["copy"]["shown"] for note in geometry["notes"])
    pdf = page.pdf()
    assert len(pdf) > 10_000
    watch.check()


@languages
def test_a_failed_load_says_so_and_leaves_the_page_as_it_was(browse, served_site, lang):
    page, watch = browse("desktop", None)
    other = served_site + LANGUAGES["en" if lang == "zh" else "zh"] + SECTION
    page.route(other, lambda route: route.abort())
    page.goto(served_site + LANGUAGES[lang] + SECTION, wait_until="load")
    watch.problems.clear()
    parallel(page).click()
    status = page.locator(".qa-parallel-status")
    page.wait_for_function("document.querySelector('.qa-parallel-status').textContent !== ''")
    assert status.get_attribute("role") == "status"
    assert parallel(page).get_attribute("aria-pressed") == "false"
    assert page.locator(".qa-pair__other").count() == 0
    assert not page.evaluate("document.documentElement.hasAttribute('data-qa-parallel')")
    page.unroute(other)
    watch.problems = [p for p in watch.problems if "ERR_FAILED" not in p and "failed:" not in p]
    turn_on(page)  # tries again
    assert status.inner_text() == ""
    watch.check()


# --- term hints ------------------------------------------------------------------------------------


@viewports
@languages
def test_a_hint_shows_on_focus_hover_and_tap(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + "evaluation-metrics/")
    word, counterpart = {"zh": ("困惑度", "perplexity"), "en": ("Perplexity", "困惑度")}[lang]
    term = page.locator("abbr.qa-term", has_text=re.compile(f"^{word}$"))
    assert term.count() == 1
    assert term.get_attribute("title") is None  # no second, native tooltip
    assert term.get_attribute("tabindex") == "0"
    description = page.locator("#" + term.get_attribute("aria-describedby"))
    assert description.text_content() == counterpart
    assert description.get_attribute("lang") == OTHER_LANG[lang]
    tip = page.locator(".qa-hint-tip")
    if viewport == "phone":
        term.tap()
    else:
        term.focus()
    assert tip.is_visible() and tip.inner_text() == counterpart
    shot(page, f"hint-{lang}-{viewport}")
    box, tip_box = term.bounding_box(), tip.bounding_box()
    assert (
        tip_box["y"] >= box["y"] + box["height"] - 1
        and tip_box["x"] + tip_box["width"] <= VIEWPORTS[viewport]["width"]
    )
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    if viewport == "desktop":
        page.locator("h1").click()
        term.hover()
        assert tip.is_visible()
        page.mouse.move(0, 0)
        page.wait_for_timeout(500)
        assert not tip.is_visible()
    else:
        page.locator("h1").tap()
        assert not tip.is_visible()
    watch.check()


def test_the_keyboard_reaches_each_hint(browse):
    page, watch = browse("desktop", "evaluation-metrics/")
    expected = page.locator("article abbr.qa-term").count()
    assert expected >= 5
    reached = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "document.activeElement.matches('abbr.qa-term') && document.activeElement.textContent"
            )
        )
    assert len(reached - {False}) == expected
    watch.check()


def test_hints_in_the_other_language_column_work_too(browse):
    page, watch = browse("desktop", "evaluation-metrics/")
    turn_on(page)
    term = page.locator(".qa-pair__other abbr.qa-term", has_text="Perplexity").first
    term.focus()
    assert page.locator(".qa-hint-tip").inner_text() == "困惑度"
    assert page.locator("#" + term.get_attribute("aria-describedby")).get_attribute("lang") == "zh-CN"
    watch.check()


# --- glossary pages and search ---------------------------------------------------------------------


@viewports
@languages
def test_the_glossary_page_and_its_language_switch(browse, served_site, lang, viewport):
    other = "en" if lang == "zh" else "zh"
    page, watch = browse(viewport, LANGUAGES[lang])
    page.locator("article a[href='glossary/']").click()
    page.wait_for_url(f"{served_site}{LANGUAGES[lang]}glossary/")
    assert page.locator("h1").inner_text() == {"zh": "术语表", "en": "Glossary"}[lang]
    assert page.locator("h3#perplexity").is_visible()
    shot(page, f"glossary-{lang}-{viewport}")
    page.goto(f"{served_site}{LANGUAGES[lang]}glossary/#perplexity", wait_until="load")
    page.locator(".md-header .md-select > button").click()
    page.locator(f'.md-select a[hreflang="{other}"]').click()
    page.wait_for_url(f"{served_site}{LANGUAGES[other]}glossary/#perplexity")
    page.locator("h3#perplexity + p + p a").first.click()
    page.wait_for_url(f"{served_site}{LANGUAGES[other]}evaluation-metrics/")
    watch.check()


@pytest.mark.parametrize(
    ("lang", "query", "used"),
    [
        ("zh", "perplexity", "困惑度"),
        ("zh", "knowledge distillation", "知识蒸馏"),
        ("en", "困惑度", "perplexity"),
    ],
)
def test_a_term_in_the_other_language_finds_the_glossary_entry_and_the_sections(
    browse, served_site, built_site, lang, query, used
):
    page, watch = browse("desktop", LANGUAGES[lang])
    search(page, query)
    links = result_links(page, served_site)
    found = {link.split("#")[0] for link in links}
    expected = pages_with_text(built_site, LANGUAGES[lang], used) - {LANGUAGES[lang] + "glossary/"}
    assert expected, used
    assert expected <= found, f"{query}: missing {sorted(expected - found)}"
    anchor = {"困惑度": "perplexity", "知识蒸馏": "knowledge-distillation", "perplexity": "perplexity"}[used]
    assert f"{LANGUAGES[lang]}glossary/#{anchor}" in links, links
    if lang == "zh" and query == "perplexity":
        shot(page, "search-perplexity-on-zh")
    watch.check()


# --- accessibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@viewports
@languages
def test_axe_finds_nothing_in_the_parallel_view_with_a_hint_open(browse, lang, viewport, scheme):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION, color_scheme=scheme)
    turn_on(page)
    page.locator(".qa-practice-toggle").click()
    page.locator('button.qa-reveal[aria-controls="qa-block-answer"]').click()
    page.locator("abbr.qa-term").first.focus()
    found = [
        f"{violation['id']} at {node['target']}"
        for violation in axe_module.Axe()
        .run(page, options={"resultTypes": ["violations"]})
        .response["violations"]
        for node in violation["nodes"]
    ]
    assert not found, "\n".join(found)
    watch.check()
