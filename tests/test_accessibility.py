"""axe-core over every built page in both languages, light and dark palette, desktop and phone:
zero violations (every rule axe enables by default: WCAG 2.0-2.2 A/AA and best practices).

Each page is loaded once per screen size: every rule runs in the palette it opens in, then the reader's
palette switch turns it to the other one, where the rules that read colours run again (what else axe
checks does not change with the palette). axe is in the page from its first line (an init script of
the browser context), not injected again for each run."""

from __future__ import annotations

import pytest

from tests.browser import DESKTOP, PHONE
from tests.html_tools import html_pages

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette scheme
AXE_OPTIONS = {"resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe():
    return axe_module.Axe()


@pytest.fixture(scope="module")
def page_urls(built_site, served_site) -> list[str]:
    """Every HTML file of the build, at the URL the server gives it."""
    urls = []
    for path in html_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        urls.append(served_site + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return urls


def violations(axe, page) -> list[str]:
    """One readable line per violation and element."""
    return lines_of(axe.run(page, options=AXE_OPTIONS).response["violations"])


# The rules of axe's colour category that run by default (color-contrast-enhanced is AAA, off).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RUN_AXE = """async rules => {
    const options = {resultTypes: ["violations"]};
    if (rules) options.runOnly = {type: "rule", values: rules};
    return (await axe.run(document, options)).violations;
}"""
# Material's palette switch: the label of the palette that comes next.
PALETTE_SWITCH = '[data-md-component="palette"] label:not([hidden])'
SETTLED = "document.getAnimations().length === 0"


def lines_of(found: list[dict]) -> list[str]:
    lines = []
    for rule in found:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{rule['id']} ({rule['impact']}) at {node['target']}: {summary}")
    return lines


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
    finally:
        context.close()
    assert sorted(colour) == sorted(COLOUR_RULES), colour


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_has_no_axe_violations(browser_instance, axe, page_urls, viewport):
    context = browser_instance.new_context(
        color_scheme="light", viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE
    )
    context.add_init_script(script=axe.axe_script)
    page = context.new_page()
    failures = []
    try:
        for url in page_urls:
            page.goto(url, wait_until="load")
            first = page.evaluate("document.body.dataset.mdColorScheme")
            assert first in SCHEMES.values(), f"{url}: no palette of the site's, the page shows {first!r}"
            failures += [f"{url} ({first}): {line}" for line in lines_of(page.evaluate(RUN_AXE, None))]
            page.locator(PALETTE_SWITCH).click()
            second = next(scheme for scheme in SCHEMES.values() if scheme != first)
            page.wait_for_function(f"document.body.dataset.mdColorScheme === '{second}'")
            page.wait_for_function(SETTLED)
            colour = lines_of(page.evaluate(RUN_AXE, COLOUR_RULES))
            failures += [f"{url} ({second}): {line}" for line in colour]
    finally:
        context.close()
    assert len(page_urls) >= 44  # 20 sections, home and topics in two languages, and the 404 page
    assert not failures, f"{len(failures)} axe violations ({viewport}):\n" + "\n".join(failures)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang_dir", ["", "en/"], ids=["zh", "en"])
def test_open_search_with_results_has_no_axe_violations(browser_instance, axe, served_site, lang_dir, scheme):
    """The search dialog is the most interactive part: check it open, with results listed."""
    context = browser_instance.new_context(viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(f"{served_site}{lang_dir}inference-bottlenecks/", wait_until="load")
        page.locator(".md-search__input").click()  # on a desktop the field sits in the header
        page.locator(".md-search__input").press_sequentially("bottlenecks")  # Material reads keyup
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=15_000)
        found = violations(axe, page)
    finally:
        context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_phone_drawer_and_practice_mode_have_no_axe_violations(browser_instance, axe, served_site, scheme):
    """Two states a reader opens often: the navigation drawer on a phone, and practice mode (the
    answer, example and analysis hidden behind buttons)."""
    context = browser_instance.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    page = context.new_page()
    found = []
    try:
        page.goto(f"{served_site}inference-bottlenecks/", wait_until="load")
        page.locator(".md-header label[for=__drawer]").click()
        page.locator(".md-sidebar--primary").wait_for(state="visible")
        found += [f"drawer: {line}" for line in violations(axe, page)]
        page.goto(f"{served_site}en/inference-bottlenecks/", wait_until="load")
        toggle = page.locator(".qa-practice-toggle")
        if toggle.count():
            toggle.click()
            page.locator(".qa-reveal").first.wait_for(state="visible")
            found += [f"practice mode: {line}" for line in violations(axe, page)]
    finally:
        context.close()
    assert not found, "\n".join(found)


def test_axe_reports_what_it_should(browser_instance, axe, served_site):
    """The check can fail: take the search dialog's accessible name away again and axe sees it."""
    context = browser_instance.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{served_site}inference-bottlenecks/", wait_until="load")
        assert violations(axe, page) == []
        page.evaluate("document.querySelector('.md-search[role=dialog]').removeAttribute('aria-label')")
        found = violations(axe, page)
    finally:
        context.close()
    assert [line.split(" ", 1)[0] for line in found] == ["aria-dialog-name"]
