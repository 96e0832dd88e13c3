"""Practice mode in a browser (off by default, blocks behind reveal buttons, remembered, opened by a link
into a block, nothing hidden on pages without blocks, no layout shift, nothing shown without scripts),
and every page of the site: no console error and no request to another origin."""

from __future__ import annotations

import pytest

from tests.every_page import PER_SIZE
from tests.reading import (
    BLOCKS,
    IN_VIEW,
    LANGUAGES,
    SECTION,
    block_shown,
    languages,
    open_language_menu,
    shot,
    toggle,
    viewports,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@viewports
@languages
def test_practice_mode_is_off_by_default(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    assert toggle(page).get_attribute("aria-pressed") == "false"
    assert toggle(page).inner_text() == {"zh": "练习模式", "en": "Practice mode"}[lang]
    assert all(block_shown(page, block) for block in BLOCKS[1:])
    assert page.locator(".qa-reveal").evaluate_all("els => els.every(e => !e.offsetParent)")
    watch.check()


@viewports
@languages
def test_practice_mode_hides_blocks_behind_reveal_buttons_and_is_remembered(browse, lang, viewport):
    other = "en" if lang == "zh" else "zh"
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    toggle(page).click()
    assert toggle(page).get_attribute("aria-pressed") == "true"
    assert page.locator("h2#question + .qa-pair > .qa-pair__own > p").first.is_visible()
    assert not any(block_shown(page, block) for block in BLOCKS[1:])
    reveal = page.locator('button.qa-reveal[aria-controls="qa-block-answer"]')
    assert reveal.inner_text() == {"zh": "显示答案", "en": "Show answer"}[lang]
    assert reveal.get_attribute("aria-expanded") == "false"
    shot(page, f"practice-{lang}-{viewport}", full_page=True)
    reveal.click()
    assert block_shown(page, "answer") and not block_shown(page, "example")
    assert reveal.get_attribute("aria-expanded") == "true"
    # Remembered on the next page, in the other language, and after a reload.
    page.goto(page.url.replace(SECTION, "overfitting/"), wait_until="load")
    assert toggle(page).get_attribute("aria-pressed") == "true"
    assert not any(block_shown(page, block) for block in BLOCKS[1:])
    page.goto(page.url.replace(f"/{LANGUAGES[lang]}overfitting/", f"/{LANGUAGES[other]}overfitting/"))
    assert page.evaluate("document.documentElement.lang") == other
    assert not block_shown(page, "analysis")
    page.reload(wait_until="load")
    assert toggle(page).get_attribute("aria-pressed") == "true"
    toggle(page).click()
    assert all(block_shown(page, block) for block in BLOCKS[1:])
    page.reload(wait_until="load")
    assert toggle(page).get_attribute("aria-pressed") == "false"
    watch.check()


@viewports
@languages
def test_a_link_into_a_block_reveals_it_in_practice_mode(browse, served_site, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    toggle(page).click()
    page.goto(f"{served_site}{LANGUAGES[lang]}{SECTION}#answer", wait_until="load")
    assert block_shown(page, "answer")
    assert not block_shown(page, "example") and not block_shown(page, "analysis")
    # A link to a correction note inside the analysis shows the analysis and scrolls to the note.
    page.evaluate("location.hash = '#erratum-1b'")
    page.wait_for_function("!document.getElementById('qa-block-analysis').hidden")
    page.wait_for_function(IN_VIEW, arg="erratum-1b")
    assert not block_shown(page, "example")
    # So does a table-of-contents entry (a same-page link).
    page.evaluate("location.hash = ''")
    page.evaluate("""() => {
        const link = document.createElement('a'); link.href = '#example'; link.id = 'qa-test-link';
        link.textContent = 'example'; document.querySelector('.md-content__inner h1').after(link);
    }""")
    page.locator("#qa-test-link").click()
    page.wait_for_function("!document.getElementById('qa-block-example').hidden")
    watch.check()


# Every layout shift of the page, with the element that moved (PerformanceObserver, before any script).
LAYOUT_SHIFTS = """() => {
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__shifts.push({value: entry.value, moved: entry.sources.map(s => s.node ? {
        name: s.node.nodeName + "." + (s.node.className || "") + "#" + (s.node.id || ""),
        inArticle: Boolean(s.node.closest && s.node.closest("article"))
      } : {name: "?", inArticle: false})});
    }
  }).observe({type: "layout-shift", buffered: true});
}"""


@languages
@pytest.mark.parametrize("practice", [False, True], ids=["practice-off", "practice-on"])
def test_the_page_does_not_move_when_its_controls_come_to_life(browse, served_site, lang, practice):
    """The switches and show/hide buttons come with the page: when the scripts start, nothing moves
    (made by reading.js, they pushed the article 72 px down on a phone)."""
    page, watch = browse("phone", None)
    page.add_init_script("(" + LAYOUT_SHIFTS + ")()")
    if practice:
        page.add_init_script("localStorage.setItem('llm-qa:practice', 'on')")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})  # a phone's pace, so the scripts start late
    page.goto(served_site + LANGUAGES[lang] + "inference-bottlenecks/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert page.locator(".qa-practice-toggle").get_attribute("aria-pressed") == str(practice).lower()
    shifts = page.evaluate("window.__shifts")
    in_article = [s for s in shifts if any(moved["inArticle"] for moved in s["moved"])]
    # A few pixels of a line at the screen's edge may still move as fonts and term hints settle;
    # the controls made by the script scored 0.07 (0.1 is Lighthouse's limit for "good").
    assert sum(s["value"] for s in in_article) < 0.005, f"the article moved: {in_article}"
    assert sum(s["value"] for s in shifts) < 0.01, shifts
    watch.check()


@languages
def test_without_scripts_the_controls_are_not_shown(browse, served_site, lang):
    page, _ = browse("phone", LANGUAGES[lang] + "inference-bottlenecks/", java_script_enabled=False)
    for selector in (".qa-practice-bar", ".qa-reveal"):
        assert page.locator(selector).count() > 0, f"{selector} is not in the page"
        assert not any(page.locator(selector).evaluate_all("els => els.map(e => e.offsetParent !== null)")), (
            f"{selector} is shown without scripts"
        )
    assert page.locator("#qa-block-answer").is_visible()


@viewports
@languages
def test_practice_mode_hides_nothing_on_pages_without_blocks(browse, lang, viewport):
    page, watch = browse(viewport, LANGUAGES[lang] + SECTION)
    toggle(page).click()
    page.goto(page.url.replace(SECTION, ""), wait_until="load")
    assert page.locator(".qa-practice-toggle").count() == 0
    assert page.evaluate("document.documentElement.classList.contains('qa-practice')") is False
    assert page.locator(".md-content__inner > h2").first.is_visible()
    watch.check()


# --- every page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", PER_SIZE)
def test_no_console_error_and_no_request_to_another_origin_on_any_page(every_page_visit, size):
    """Read from the visit of every page (tests/every_page.py)."""
    visit = every_page_visit(size)
    assert visit.pages >= 46  # 20 sections, home and topics, glossary, 404: in two languages
    assert not visit.problems, "\n".join(visit.problems)


@viewports
def test_the_language_switch_keeps_the_alternates_and_logs_no_error(browse, served_site, viewport):
    """After Material has looked the alternates up, and on the other side."""
    page, watch = browse(viewport, SECTION + "#answer")
    open_language_menu(page)
    page.locator('.md-select a[hreflang="en"]').click()
    page.wait_for_url(f"{served_site}en/{SECTION}#answer")
    page.wait_for_timeout(300)
    hreflang = page.locator('link[rel="alternate"][hreflang]').evaluate_all("els => els.map(e => e.href)")
    assert len(hreflang) == 3 and all(href.startswith("https://") for href in hreflang), hreflang
    watch.check()


def test_axe_finds_nothing_in_practice_mode_and_block_links(browse):
    viewport = "phone"
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    axe = axe_module.Axe()
    found = []
    for scheme in ("light", "dark"):
        page, _ = browse(viewport, SECTION, color_scheme=scheme)
        toggle(page).click()
        page.locator('button.qa-reveal[aria-controls="qa-block-analysis"]').click()
        page.locator("#erratum-1b a.headerlink").focus()
        for violation in axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]:
            found += [f"{scheme}: {violation['id']} at {node['target']}" for node in violation["nodes"]]
    assert not found, "\n".join(found)
