"""Page weight: what a phone downloads to open a section page (HTML, CSS, JS, fonts, images; gzip as
GitHub Pages serves it) stays within a budget, and no font or image is bigger than it needs to be."""

from __future__ import annotations

import re

import pytest

from benchmarks.page_transfer import PHONE, first_load, total

# First load of a section page, measured 2026-11-29 (benchmarks/RESULTS.md): 68.8 KB (zh) and 68.3 KB
# (en) in 11 requests, search worker and index waiting for the search box. The budget is that with
# about 4% headroom, so a heavier theme asset, an extra script or a web font fails here (aim: 75 KB).
BUDGET_BYTES = 71_500
BUDGET_REQUESTS = 11
SEARCH_INDEX_BUDGET_BYTES = 42_000  # one language's index, gzip; 40.2 KB (zh), 34.1 KB (en) on 2026-12-02
SEARCH_SETTINGS_BUDGET_BYTES = 500  # what a page loads of it at first: the settings (0.3 KB)
SEARCH_FIRST_USE_BUDGET_BYTES = 57_000  # worker, Material's worker and index at first use (55.0 KB)
FONT_MAX_BYTES = 40_000  # one woff2 face, subset to the characters the site uses
SVG_MAX_BYTES = 4_000  # icons and logos
RASTER_MAX_BYTES = 60_000  # a photo or a 1200x630 link-preview card, compressed
RASTER = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif")
RASTER_OVERSIZE = 2.0  # a raster image may be at most this many device pixels per displayed pixel

SECTION_PAGES = ["inference-bottlenecks/", "en/inference-bottlenecks/"]


@pytest.fixture(scope="module")
def section_loads(browser_instance, served_site):
    return {path: first_load(browser_instance, served_site + path) for path in SECTION_PAGES}


def breakdown(transfers) -> str:
    return "\n".join(
        f"  {t.bytes:>7} {t.kind:<12} {t.status} {t.encoding or '-':<5} {t.url}" for t in transfers
    )


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_section_first_load_is_within_budget(section_loads, path):
    transfers = section_loads[path]
    size, requests = total(transfers, exclude=("search-index",))
    report = f"{path}: {size} bytes in {requests} requests\n{breakdown(transfers)}"
    assert {"document", "stylesheet", "script"} <= {t.kind for t in transfers}, report
    assert size <= BUDGET_BYTES, report
    assert requests <= BUDGET_REQUESTS, report


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_text_assets_arrive_compressed_and_nothing_fails(section_loads, path):
    transfers = section_loads[path]
    uncompressed = [t for t in transfers if t.kind in ("document", "stylesheet", "script") and not t.encoding]
    failed = [t for t in transfers if t.status >= 400]
    assert not uncompressed, breakdown(uncompressed)
    assert not failed, "requests that failed during the first load:\n" + breakdown(failed)


@pytest.mark.parametrize("path", SECTION_PAGES)
def test_search_worker_and_index_wait_for_the_search_box(section_loads, path):
    """A first load fetches the search settings only (hooks/search_on_demand_hook.py)."""
    transfers = section_loads[path]
    fetched = [t for t in transfers if t.kind == "search-index" or "/workers/" in t.url]
    assert not fetched, breakdown(fetched)
    settings = [t for t in transfers if t.url.endswith("search/search_index.json")]
    assert len(settings) == 1 and settings[0].bytes <= SEARCH_SETTINGS_BUDGET_BYTES, breakdown(transfers)


@pytest.mark.parametrize(("path", "key"), [(p, k) for p in SECTION_PAGES for k in ("focus", "/", "s")])
def test_first_use_of_the_search_box_loads_search_within_budget(browser_instance, served_site, path, key):
    """Focus on the search box, or the "/" or "s" key, loads the worker and the index; then it finds."""
    context = browser_instance.new_context(
        viewport=PHONE if key == "focus" else {"width": 1280, "height": 900}
    )
    page = context.new_page()
    seen: list[tuple[str, int]] = []
    page.on(
        "requestfinished", lambda r: seen.append((r.url, int(r.response().headers.get("content-length", 0))))
    )
    try:
        page.goto(served_site + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        assert not [url for url, _ in seen if "/workers/" in url or url.endswith("search_index.full.json")]
        if key == "focus":
            page.locator('label.md-header__button[for="__search"]').click()  # the magnifier on a phone
        else:
            page.keyboard.press(key)
        field = page.locator(".md-search__input")
        field.fill("RLHF")
        field.press("End")
        page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
        search = [(url, size) for url, size in seen if "/workers/" in url or "search_index.full" in url]
        index = sum(size for url, size in search if url.endswith("search_index.full.json"))
        assert {url.rsplit("/", 1)[1].split("?")[0] for url, _ in search} >= {
            "search-words.js",
            "search_index.full.json",
        }, search
        assert any("/workers/search." in url for url, _ in search), search  # Material's worker
        assert 0 < index <= SEARCH_INDEX_BUDGET_BYTES, search
        assert sum(size for _, size in search) <= SEARCH_FIRST_USE_BUDGET_BYTES, search
    finally:
        context.close()


def test_fonts_are_woff2_and_small(section_loads, built_site):
    loaded = [t for transfers in section_loads.values() for t in transfers if t.kind == "font"]
    too_big = [t for t in loaded if t.bytes > FONT_MAX_BYTES or not t.url.endswith(".woff2")]
    assert not too_big, breakdown(too_big)
    # Fonts in the build that nobody loads are still published; only woff2 belongs there.
    other_formats = [p for p in built_site.rglob("*") if p.suffix in (".ttf", ".otf", ".woff", ".eot")]
    assert not other_formats, other_formats


def test_image_files_are_small_and_svgs_hold_no_bitmap(built_site):
    rasters = [p for p in built_site.rglob("*") if p.suffix.lower() in RASTER]
    heavy = [
        f"{p.relative_to(built_site)}: {p.stat().st_size} B"
        for p in rasters
        if p.stat().st_size > RASTER_MAX_BYTES
    ]
    assert not heavy, heavy
    svgs = list(built_site.rglob("*.svg"))
    assert svgs  # the logo and favicon at least
    too_big = [
        f"{p.relative_to(built_site)}: {p.stat().st_size} bytes"
        for p in svgs
        if p.stat().st_size > SVG_MAX_BYTES
    ]
    embedded = [
        str(p.relative_to(built_site)) for p in svgs if re.search(r"<image\b|base64,", p.read_text("utf-8"))
    ]
    assert not too_big, too_big
    assert not embedded, f"SVGs that wrap a bitmap: {embedded}"


@pytest.mark.parametrize("path", ["", *SECTION_PAGES])
def test_images_are_not_larger_than_displayed(browser_instance, served_site, path):
    """Every image a page shows: a raster one has at most RASTER_OVERSIZE device pixels per CSS pixel
    it is displayed at (on a 3x phone screen)."""
    context = browser_instance.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=3)
    page = context.new_page()
    try:
        page.goto(served_site + path, wait_until="load")
        images = page.evaluate(
            """() => [...document.images].filter(i => i.complete && i.naturalWidth).map(i => ({
                src: i.currentSrc, natural: i.naturalWidth, shown: i.getBoundingClientRect().width,
                svg: /\\.svg(\\?|$)/.test(i.currentSrc)}))"""
        )
    finally:
        context.close()
    assert images, "the header logo at least"
    oversized = [
        image
        for image in images
        if not image["svg"] and image["shown"] and image["natural"] > RASTER_OVERSIZE * 3 * image["shown"]
    ]
    assert not oversized, oversized
