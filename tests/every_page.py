"""Every built page opened once per screen size, and all that the browser tests read of it: axe-core's
findings, what went wrong while it was open (console errors, failed requests, requests to another
origin) and script that runs (dialogs, uncaught errors, attributes that would run script).

Each page is loaded once: every axe rule runs in the palette it opens in, then the reader's palette
switch turns it to the other one, where the rules that read colours run again (what else axe checks does
not change with the palette). On a phone the second palette is checked on every page that is not a
section and on one section of each language: a section's content has the same colours at every width,
and the desktop visit checks each section in both palettes. axe is in the page from its first line (an
init script of the browser context). Three tests read the one visit (tests/conftest.py
`every_page_visit`, made once per run by whichever worker asks first): test_accessibility.py,
test_practice_browser.py and test_no_script_runs.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import DESKTOP, PHONE, SCRIPT_ATTRIBUTES, watch_for_script
from tests.html_tools import html_pages, url_of
from tests.reading import Watch

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette scheme
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
SIZES = {"desktop": DESKTOP, "phone": PHONE}
EVERY_SECTION_IN_BOTH_PALETTES = {"desktop": True, "phone": False}
KIND = "[document.documentElement.lang, document.querySelector('.qa-block') !== null]"
PER_SIZE = list(SIZES)


@dataclass
class Visit:
    pages: int = 0
    sections: int = 0
    both_palettes: int = 0  # pages whose colours were checked in the second palette too
    axe: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    script: list[str] = field(default_factory=list)


def page_urls(built_site: Path, served_site: str) -> list[str]:
    """Every HTML file of the build, at the URL the server gives it."""
    return [url_of(built_site, path, served_site) for path in html_pages(built_site)]


def lines_of(found: list[dict]) -> list[str]:
    """One readable line per axe violation and element."""
    lines = []
    for rule in found:
        for node in rule["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{rule['id']} ({rule['impact']}) at {node['target']}: {summary}")
    return lines


def visit_every_page(browser, urls: list[str], size: str, axe_script: str, origin: str) -> Visit:
    viewport = SIZES[size]
    context = browser.new_context(
        color_scheme="light", viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE
    )
    context.add_init_script(script=axe_script)
    page = context.new_page()
    visit = Visit(pages=len(urls))
    watch = Watch(page, origin)
    watch_for_script(page, visit.script)
    sections_seen: set[str] = set()
    try:
        for url in urls:
            page.goto(url, wait_until="load")
            first = page.evaluate("document.body.dataset.mdColorScheme")
            if first not in SCHEMES.values():
                visit.axe.append(f"{url}: no palette of the site's, the page shows {first!r}")
                continue
            visit.axe += [f"{url} ({first}): {line}" for line in lines_of(page.evaluate(RUN_AXE, None))]
            visit.script += [f"{attribute} on {url}" for attribute in page.evaluate(SCRIPT_ATTRIBUTES)]
            lang, section = page.evaluate(KIND)
            visit.sections += section
            if section and not EVERY_SECTION_IN_BOTH_PALETTES[size]:
                if lang in sections_seen:
                    continue
                sections_seen.add(lang)
            page.locator(PALETTE_SWITCH).click()
            second = next(scheme for scheme in SCHEMES.values() if scheme != first)
            # Checked every 50 ms: polling on every animation frame makes frames and costs the CPU the
            # other test worker needs.
            page.wait_for_function(f"document.body.dataset.mdColorScheme === '{second}'", polling=50)
            page.wait_for_function(SETTLED, polling=50)
            colour = lines_of(page.evaluate(RUN_AXE, COLOUR_RULES))
            visit.both_palettes += 1
            visit.axe += [f"{url} ({second}): {line}" for line in colour]
    finally:
        context.close()
    visit.problems = watch.problems
    return visit
