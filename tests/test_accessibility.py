"""axe-core over every built page in both languages, light and dark palette, desktop and phone:
zero violations (every rule axe enables by default: WCAG 2.0-2.2 A/AA and best practices; on a phone,
the colour rules on one section per language, see tests/every_page.py). The pages are opened once per
screen size for this and two other tests; the search dialog, the phone's drawer and practice mode are
checked open here."""

from __future__ import annotations

import pytest

from tests.browser import DESKTOP
from tests.every_page import (
    ALL_BUT_COLOURS,
    COLOUR_RULES,
    COLOURS_ONLY,
    EVERY_RULE,
    PER_SIZE,
    RULES_RUN,
    SCHEMES,
    lines_of,
)
from tests.test_site_build import SECTION_SLUGS

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

AXE_OPTIONS = {"resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe():
    return axe_module.Axe()


def violations(axe, page) -> list[str]:
    """One readable line per violation and element."""
    return lines_of(axe.run(page, options=AXE_OPTIONS).response["violations"])


def test_axe_checks_colour_with_these_rules_only(browser_instance, axe, served_site):
    """COLOUR_RULES are every rule of axe's colour category that is on by default: rerunning only them
    in the second palette leaves out no rule that reads colours."""
    context = browser_instance.new_context(viewport=DESKTOP)
    context.add_init_script(script=axe.axe_script)
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="load")
        colour = page.evaluate(
            "axe.getRules(['cat.color']).map(r => r.ruleId)"
            ".filter(id => axe._audit.rules.find(rule => rule.id === id).enabled !== false)"
        )
        every, only, without = (
            page.evaluate(RULES_RUN, rules) for rules in (EVERY_RULE, COLOURS_ONLY, ALL_BUT_COLOURS)
        )
    finally:
        context.close()
    assert sorted(colour) == sorted(COLOUR_RULES), colour
    # The visit's three runs: every rule; the colour rules alone; every rule but those.
    assert set(COLOUR_RULES) < set(every) and len(every) > 50, every
    assert sorted(only) == sorted(COLOUR_RULES), only
    assert sorted(without) == sorted(set(every) - set(COLOUR_RULES)), without


@pytest.mark.parametrize("size", PER_SIZE)
def test_every_page_has_no_axe_violations(every_page_visit, size):
    visit = every_page_visit(size)
    assert visit.pages >= 44  # 20 sections, home and topics in two languages, and the 404 page
    # In both palettes: every page on a desktop; on a phone all but the sections, and one of each language.
    assert visit.sections == 2 * len(SECTION_SLUGS)
    both = visit.pages if size == "desktop" else visit.pages - visit.sections + 2
    assert visit.both_palettes == both, f"{visit.both_palettes} pages checked in both palettes, not {both}"
    assert not visit.axe, f"{len(visit.axe)} axe violations ({size}):\n" + "\n".join(visit.axe)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang_dir", ["", "en/"], ids=["zh", "en"])
def test_open_search_with_results_has_no_axe_violations(browse, axe, lang_dir, scheme):
    """The search dialog is the most interactive part: check it open, with results listed."""
    page, _ = browse("desktop", f"{lang_dir}inference-bottlenecks/", color_scheme=scheme)
    page.locator(".md-search__input").click()  # on a desktop the field sits in the header
    page.locator(".md-search__input").press_sequentially("bottlenecks")  # Material reads keyup
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
    found = violations(axe, page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_drawer_and_practice_mode_have_no_axe_violations(browse, axe, served_site, scheme):
    """Two states a reader opens often: the navigation drawer on a phone, and practice mode (the
    answer, example and analysis hidden behind buttons)."""
    page, _ = browse("phone", "inference-bottlenecks/", color_scheme=scheme)
    page.locator(".md-header label[for=__drawer]").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    found = [f"drawer: {line}" for line in violations(axe, page)]
    page.goto(f"{served_site}en/inference-bottlenecks/", wait_until="load")
    toggle = page.locator(".qa-practice-toggle")
    if toggle.count():
        toggle.click()
        page.locator(".qa-reveal").first.wait_for(state="visible")
        found += [f"practice mode: {line}" for line in violations(axe, page)]
    assert not found, "\n".join(found)


def test_axe_reports_what_it_should(browse, axe):
    """The check can fail: take the search dialog's accessible name away again and axe sees it."""
    page, _ = browse("desktop", "inference-bottlenecks/")
    assert violations(axe, page) == []
    page.evaluate("document.querySelector('.md-search[role=dialog]').removeAttribute('aria-label')")
    found = violations(axe, page)
    assert [line.split(" ", 1)[0] for line in found] == ["aria-dialog-name"]
