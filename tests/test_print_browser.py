"""Printing (Ctrl+P) in chromium, with print media emulated: a section prints its title, the four
blocks and the correction notes with every external link's address, and none of the header,
navigation, search, buttons, tags, related sections or footer; practice mode's hidden blocks print
too. Screenshots of the print layout go to /tmp/reading-shots/ (READING_SHOTS overrides)."""

from __future__ import annotations

import pytest

from tests.reading import LANGUAGES, SECTION, shot

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NOT_PRINTED = [
    ".md-header",
    ".md-search",
    ".md-sidebar",
    ".md-footer",
    ".md-content__button",
    ".md-typeset .md-tags",
    ".md-typeset .headerlink",
    ".qa-controls",
    ".qa-practice-bar",
    ".qa-reveal",
    ".qa-related",
]
PRINTED = [
    ".md-content h1",
    "h2#question",
    "h2#answer",
    "h2#example",
    "h2#analysis",
    "h2#question + .qa-pair > .qa-pair__own > p",
    ".erratum",
    "figure.illustrative",
]
PRACTICE_ON = "localStorage.setItem('llm-qa:practice', 'on')"

# For a selector: [number of matching elements, number of them that are rendered].
RENDERED = """selector => {
    const all = [...document.querySelectorAll(selector)];
    return [all.length, all.filter(e => e.checkVisibility()).length];
}"""
# External links in the article whose printed text does not end with their address.
LINKS_WITHOUT_ADDRESS = """() => [...document.querySelectorAll('.md-content a[href^="http"]')]
    .filter(a => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
    .map(a => a.href)"""


@pytest.fixture
def desktop_page(browse):
    """A desktop tab with nothing opened yet, and what went wrong while it was open."""
    return browse("desktop", None)


def rendered(page, selector: str) -> tuple[int, int]:
    return tuple(page.evaluate(RENDERED, selector))


@pytest.mark.parametrize("practice", [False, True], ids=["reading", "practice"])
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_a_printed_section_shows_its_blocks_and_notes_and_nothing_to_click(
    desktop_page, served_site, lang, practice
):
    page, watch = desktop_page
    if practice:
        page.add_init_script(PRACTICE_ON)
    page.goto(served_site + LANGUAGES[lang] + SECTION, wait_until="load")
    errata = rendered(page, ".erratum")[0]
    assert errata == 3  # the section has a correction note in each of three blocks
    if practice:  # on screen, practice mode hides the answer and what follows
        assert rendered(page, "#qa-block-answer") == (1, 0)

    page.emulate_media(media="print")
    shown = {selector: rendered(page, selector) for selector in NOT_PRINTED}
    assert shown[".md-header"][0] and shown[".qa-controls"][0] and shown[".qa-practice-bar"][0]
    assert not [s for s, (_, visible) in shown.items() if visible], shown
    missing = {s: counts for s in PRINTED if (counts := rendered(page, s))[0] == 0 or counts[0] != counts[1]}
    assert not missing, missing
    assert rendered(page, ".erratum") == (errata, errata)
    assert page.evaluate("document.querySelectorAll('.md-content a[href^=\"http\"]').length") > 0
    assert page.evaluate(LINKS_WITHOUT_ADDRESS) == []
    shot(page, f"print-{lang}-{'practice' if practice else 'reading'}", full_page=True)

    page.emulate_media(media="screen")
    if practice:  # back on screen, the blocks are hidden again
        assert rendered(page, "#qa-block-answer") == (1, 0)
    watch.check()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_home_page_download_link_is_not_printed(desktop_page, served_site, lang):
    page, watch = desktop_page
    page.goto(served_site + LANGUAGES[lang], wait_until="load")
    assert rendered(page, ".qa-download") == (1, 1)
    page.emulate_media(media="print")
    assert rendered(page, ".qa-download") == (1, 0)
    watch.check()
