"""Every built page opened once per screen size, and all that the browser tests read of it: axe-core's
findings, what went wrong while it was open (console errors, failed requests, requests to another
origin) and script that runs (dialogs, uncaught errors, attributes that would run script).

Each page is loaded once: every axe rule runs in the palette it opens in, then the reader's palette
switch turns it to the other one, where the rules that read colours run again (what else axe checks does
not change with the palette). On a phone the colours are checked, in both palettes, on every page that is
not a section and on one section of each language, and the other sections get every rule but those: a
section's content has the same colours at every width, the theme's parts around it are the same on
every section, and the desktop visit checks each section in both palettes. axe is in the page from its
first line (an init script of the browser context). Three tests read the one visit (tests/conftest.py
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
AXE_OPTIONS = """({only, without}) => {
    const options = {resultTypes: ["violations"]};
    if (only) options.runOnly = {type: "rule", values: only};
    if (without) options.rules = Object.fromEntries(without.map(id => [id, {enabled: false}]));
    return options;
}"""
RUN_AXE = f"async rules => (await axe.run(document, ({AXE_OPTIONS})(rules))).violations"
# The ids of the rules a run with these options runs (test_accessibility.py checks them).
RULES_RUN = (
    f"async rules => {{ const r = await axe.run(document, ({AXE_OPTIONS})(rules));"
    " return [r.passes, r.violations, r.incomplete, r.inapplicable].flat().map(rule => rule.id); }"
)
EVERY_RULE: dict = {"only": None, "without": None}
COLOURS_ONLY = {"only": COLOUR_RULES, "without": None}
ALL_BUT_COLOURS = {"only": None, "without": COLOUR_RULES}
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
            lang, section = page.evaluate(KIND)
            visit.sections += section
            colours = not section or EVERY_SECTION_IN_BOTH_PALETTES[size] or lang not in sections_seen
            if section:
                sections_seen.add(lang)
            found = page.evaluate(RUN_AXE, EVERY_RULE if colours else ALL_BUT_COLOURS)
            visit.axe += [f"{url} ({first}): {line}" for line in lines_of(found)]
            visit.script += [f"{attribute} on {url}" for attribute in page.evaluate(SCRIPT_ATTRIBUTES)]
            if not colours:
                continue
            page.locator(PALETTE_SWITCH).click()
            second = next(scheme for scheme in SCHEMES.values() if scheme != first)
            # Checked every 50 ms: polling on every animation frame makes frames and costs the CPU the
            # other test worker needs.
            page.wait_for_function(f"document.body.dataset.mdColorScheme === '{second}'", polling=50)
            page.wait_for_function(SETTLED, polling=50)
            colour = lines_of(page.evaluate(RUN_AXE, COLOURS_ONLY))
            visit.both_palettes += 1
            visit.axe += [f"{url} ({second}): {line}" for line in colour]
    finally:
        context.close()
    visit.problems = watch.problems
    return visit
