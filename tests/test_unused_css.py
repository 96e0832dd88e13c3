"""Material's stylesheets without their unused rules (hooks/unused_css_hook.py) style every page exactly
as the whole stylesheets do: the computed style of every element and of its ::before and ::after is
compared, in a real browser, between the site as built and the same site with Material's own files
(the browser is handed those instead), on each kind of page and in the states the theme's scripts
create (search results, phone drawer, dark scheme, practice mode, parallel view)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import material
import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import llmqa.output.unused_css as unused_css

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

# Every element's computed style (and its ::before and ::after, when drawn), as one string per element:
# [label, index in the table of distinct strings] (most elements share theirs with others), and that table.
# `style.length` is read once per style: for a computed style it counts the custom properties anew.
STYLES = """() => {
  const out = [], table = [], seen = new Map();
  for (const el of document.querySelectorAll('body *')) {
    const parts = [];
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(el, pseudo);
      // A ::before or ::after whose content is none or normal is not drawn: nothing else of it shows.
      const content = pseudo && style.getPropertyValue('content');
      if (content === 'none' || content === 'normal') {
        parts.push('content:' + content);
        continue;
      }
      const values = [];
      for (let i = 0, length = style.length; i < length; i++) {
        const name = style[i];
        // Custom properties show only through the properties that read them.
        if (name.startsWith('--') || name.startsWith('transition') || name.startsWith('animation')) continue;
        values.push(name + ':' + style.getPropertyValue(name));
      }
      parts.push(values.join('\\n'));
    }
    const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/) : [];
    const label = el.localName + (el.id ? '#' + el.id : '') + classes.map(c => c && '.' + c).join('');
    const text = parts.join('\\n\\n');
    if (!seen.has(text)) seen.set(text, table.push(text) - 1);
    out.push([label, seen.get(text)]);
  }
  return {out, table};
}"""


def serve_file(path: str):
    return lambda route: route.fulfill(path=path, content_type="text/css")


def whole_stylesheets(context) -> None:
    """Material's main and palette stylesheets as the theme ships them, in place of the pruned ones."""
    for name in ("main", "palette"):
        original = str(next(MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css")))
        context.route(
            re.compile(rf".*/assets/stylesheets/{name}\.[0-9a-f]{{8}}\.min\.css$"),
            serve_file(original),
        )


def search(page, query: str) -> None:
    opener = page.locator('label.md-header__button[for="__search"]')  # the magnifier shown on phones
    (opener if opener.is_visible() else page.locator(".md-search__input")).click()
    page.locator(".md-search__input").fill(query)
    page.locator(".md-search__input").press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    page.wait_for_timeout(300)


STATES = {
    "plain": lambda page: None,
    "search": lambda page: search(page, "困惑度" if "/en/" not in page.url else "perplexity"),
    "drawer": lambda page: page.locator('label.md-header__button[for="__drawer"]').click(),
    "practice": lambda page: page.locator(".qa-practice-toggle").first.click(),
    "parallel": lambda page: (
        page.locator(".qa-parallel-toggle").first.click(),
        page.wait_for_selector("html[data-qa-parallel] .qa-pair__other", timeout=10_000),
    ),
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CASES = [
    ("", "plain", DESKTOP, "light"),
    ("", "search", DESKTOP, "light"),
    ("inference-bottlenecks/", "plain", DESKTOP, "light"),
    ("inference-bottlenecks/", "plain", DESKTOP, "dark"),
    ("inference-bottlenecks/", "practice", DESKTOP, "light"),
    ("inference-bottlenecks/", "parallel", DESKTOP, "light"),
    ("inference-bottlenecks/", "drawer", PHONE, "light"),
    ("en/evaluation-metrics/", "search", PHONE, "dark"),
    ("en/overfitting/", "plain", PHONE, "light"),
    ("glossary/", "plain", DESKTOP, "light"),
    ("tags/", "plain", DESKTOP, "dark"),
    ("en/translations/", "plain", DESKTOP, "light"),
    ("404.html", "plain", PHONE, "light"),
]


def styles(page_pool, url: str, state: str, viewport: dict, scheme: str, whole: bool) -> list:
    setup = whole_stylesheets if whole else None
    tab = page_pool.take(setup, viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    try:
        tab.page.goto(url, wait_until="load")
        STATES[state](tab.page)
        tab.page.wait_for_timeout(100)
        found = tab.page.evaluate(STYLES)
        return [(label, found["table"][index]) for label, index in found["out"]]
    finally:
        page_pool.give_back(tab)


def difference(label: str, built: str, whole: str) -> str:
    for pseudo, mine, theirs in zip(
        ("", "::before", "::after"), built.split("\n\n"), whole.split("\n\n"), strict=True
    ):
        a = dict(p.split(":", 1) for p in mine.split("\n") if p)
        b = dict(p.split(":", 1) for p in theirs.split("\n") if p)
        changed = {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        if changed:
            return f"{label}{pseudo}: " + ", ".join(
                f"{k}: {v[0]!r} (whole: {v[1]!r})" for k, v in sorted(changed.items())[:6]
            )
    return f"{label}: differs"


@pytest.mark.parametrize(("path", "state", "viewport", "scheme"), CASES, ids=lambda v: str(v)[:30])
def test_pages_look_the_same_with_material_whole_stylesheets(
    page_pool, served_site, path, state, viewport, scheme
):
    built = styles(page_pool, served_site + path, state, viewport, scheme, whole=False)
    whole = styles(page_pool, served_site + path, state, viewport, scheme, whole=True)
    assert [label for label, _ in built] == [label for label, _ in whole]
    differences = [
        difference(label, mine, theirs)
        for (label, mine), (_, theirs) in zip(built, whole, strict=True)
        if mine != theirs
    ]
    assert not differences, "\n".join(differences[:20])


def test_the_theme_stylesheets_lost_weight(built_site):
    """What the removal is for: Material's two stylesheets at most 75 % of their size (gzip)."""
    import gzip

    for name in ("main", "palette"):
        built = next((built_site / "assets" / "stylesheets").glob(f"{name}.*.min.css")).read_bytes()
        original = next(MATERIAL_STYLESHEETS.glob(f"{name}.*.min.css")).read_bytes()
        assert len(gzip.compress(built)) <= 0.75 * len(gzip.compress(original)), name


def test_a_rule_stays_when_one_of_its_selectors_can_match():
    used = unused_css.UsedNames()
    used.add_page('<div class="md-typeset admonition note" data-md-color-primary="indigo"></div>')
    used.add_script('el.classList.add("md-search-result__link"); x = "md-tooltip2--" + side')
    css = (
        ".md-typeset .note,.md-typeset .bug{color:red}"
        ".md-typeset .bug>p{color:blue}"
        ".md-search-result__link:hover{color:green}"
        ".md-tooltip2--top{top:0}"
        "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}"
        "[data-md-color-primary=red]{--md-primary-fg-color:#f00}"
        ".md-typeset a{color:var(--md-primary-fg-color)}"
        "@media print{.md-typeset .bug{display:none}.md-typeset{display:block}}"
        ":root{--md-admonition-icon--bug:url('data:image/svg+xml;charset=utf-8,<svg/>');--md-used:1px}"
        ".md-typeset{margin:var(--md-used)}"
    )
    out = unused_css.unused_rules_removed(css, used)
    assert ".md-typeset .note{color:red}" in out
    assert ".bug" not in out
    assert ".md-search-result__link:hover" in out
    assert ".md-tooltip2--top" in out
    assert "indigo" in out and "=red" not in out
    assert "@media print{.md-typeset{display:block}}" in out
    assert "--md-admonition-icon--bug" not in out
    assert "--md-used:1px" in out


def test_plain_table_rules_stop_reading_the_class_attribute_when_no_table_has_a_class():
    css = ".md-typeset table:not([class]) td>:first-child{margin-top:0}.md-typeset table:not([class])+*{x:1}"
    used = unused_css.UsedNames()
    used.add_page('<div class="md-typeset"><table><tr><td>1</td></tr></table></div>')
    out = unused_css.unused_rules_removed(css, used)
    assert "[class]" not in out
    assert ".md-typeset table:not([data-md-class]) td>:first-child{margin-top:0}" in out
    assert ".md-typeset table:not([data-md-class])+*" in out
    used.add_page('<div class="md-typeset"><table class="data"></table></div>')
    assert unused_css.unused_rules_removed(css, used).count("table:not([class])") == 2


def test_a_class_set_on_the_page_root_restyles_few_elements(browser_instance, served_site):
    """With `table:not([class])` in the theme's stylesheet, one class set on <html> (as Material's
    bundle and reading.js do) restyled every element of the page (~370 on a section page): counted
    here from Chromium's own trace, beside a change that does restyle them all (the colour scheme)."""
    import json

    def restyled(page, script: str) -> int:
        browser_instance.start_tracing(page=page, categories=["disabled-by-default-devtools.timeline"])
        page.evaluate(script + "; document.body.offsetTop")
        events = json.loads(browser_instance.stop_tracing())["traceEvents"]
        return sum(
            e.get("args", {}).get("elementCount") or 0 for e in events if e.get("name") == "UpdateLayoutTree"
        )

    context = browser_instance.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(served_site + "inference-bottlenecks/", wait_until="networkidle")
        elements = page.evaluate("document.querySelectorAll('body *').length")
        by_class = restyled(page, "document.documentElement.classList.add('qa-probe')")
        by_scheme = restyled(page, "document.body.setAttribute('data-md-color-scheme', 'slate')")
    finally:
        context.close()
    assert by_scheme > 0.8 * elements > 240, (by_scheme, elements)
    assert by_class < 0.1 * elements, f"{by_class} of {elements} elements restyled"
