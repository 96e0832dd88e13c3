"""How long the parallel view (中英对照) takes to show on a phone, and what it fetches.

Chromium at Lighthouse's phone size with its CPU slowed 4x (Lighthouse's mobile setting), the site
served gzipped under site_url's path (tests/site_server.py), section 1 in both languages:

- first use: from the click on the switch to the view shown (the first frame after html[data-qa-parallel]
  is set has been laid out and painted), with an empty cache: the other language's page is fetched
  then (from the moment the pointer reaches the switch; the view's code is in reading.js);
- remembered: the view is on and the reader opens another section: from the start of navigation to
  the view shown, and from DOMContentLoaded to the view shown;
- the same with a slow 4G network (150 ms round trip, 1.6 Mbit/s down, Lighthouse's mobile network);
- the bytes fetched on first use (as sent, gzip) and what a first load with the view off fetches for it.

The aim (issue 12) is 150 ms on a phone emulation. Usage: python benchmarks/parallel_view.py [--runs N]
(builds the site into a temporary folder unless --site DIR is given).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.page_transfer import PHONE  # noqa: E402
from benchmarks.site_build import site_for  # noqa: E402
from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402

CPU_SLOWDOWN = 4
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
PAGES = {
    "zh": ("inference-bottlenecks/", "overfitting/"),
    "en": ("en/inference-bottlenecks/", "en/overfitting/"),
}

# Records when the view is shown and when the switch was clicked, in the page's own clock.
PROBE = """
window.__qa = {};
new MutationObserver(() => {
  if (!window.__qa.set && document.documentElement.hasAttribute('data-qa-parallel')) {
    window.__qa.set = performance.now();
    // Shown: the frame after the attribute is set has been laid out and painted.
    requestAnimationFrame(() => setTimeout(() => { window.__qa.shown = performance.now(); }));
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-qa-parallel']});
document.addEventListener('click', e => {
  if (e.target.closest && e.target.closest('.qa-parallel-toggle')) window.__qa.click = performance.now();
}, true);
"""


def _context(browser, network: dict | None):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(PROBE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    if network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    return context, page


def first_use(browser, base: str, path: str, network: dict | None) -> tuple[float, dict[str, int]]:
    """Milliseconds from the click to the view, and the bytes fetched for it."""
    context, page = _context(browser, network)
    try:
        page.goto(base + path, wait_until="networkidle")
        fetched: dict[str, int] = {}

        def record(response) -> None:
            length = response.headers.get("content-length")
            fetched[response.url] = int(length) if length else len(response.body())

        page.on("response", record)
        # Playwright's waiting code is put into the page on its first use (about 25 ms of script on
        # the slowed CPU): done here, before the click, so that it is not counted as the view's time.
        page.wait_for_function("window.__qa !== undefined")
        page.locator(".qa-parallel-toggle").click()
        page.wait_for_function("window.__qa.shown !== undefined", timeout=30_000)
        timing = page.evaluate("window.__qa")
        return timing["shown"] - timing["click"], fetched
    finally:
        context.close()


def remembered(browser, base: str, paths: tuple[str, str], network: dict | None) -> tuple[float, float]:
    """Milliseconds from navigation start, and from DOMContentLoaded, to the view on the next page."""
    context, page = _context(browser, network)
    try:
        page.goto(base + paths[0], wait_until="networkidle")
        page.locator(".qa-parallel-toggle").click()
        page.wait_for_function("window.__qa.shown !== undefined", timeout=30_000)
        page.goto(base + paths[1], wait_until="load")
        page.wait_for_function("window.__qa.shown !== undefined", timeout=30_000)
        shown = page.evaluate("window.__qa.shown")
        ready = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
        return shown, shown - ready
    finally:
        context.close()


def off_cost(browser, base: str, path: str) -> list[str]:
    """What a first load with the view off fetches for the view (should be nothing)."""
    context, page = _context(browser, None)
    try:
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        other = base + (path[3:] if path.startswith("en/") else "en/" + path)
        return [url for url in urls if "parallel." in url or url.split("#")[0] == other]
    finally:
        context.close()


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):6.1f} ms  (min {min(values):.1f}, max {max(values):.1f})"


AIM_MS = 150


def measure(base: str, runs: int) -> dict[str, dict[str, list[float]]]:
    """Per language: click -> shown on first use and navigation -> shown when remembered, in ms,
    on the local network and on slow 4G."""
    from playwright.sync_api import sync_playwright

    result: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as p:
        browser = browser_mod.launch(p)
        try:
            for lang, paths in PAGES.items():
                result[lang] = {}
                for label, network in (("local", None), ("slow 4G", SLOW_4G)):
                    result[lang][f"first use, {label}"] = [
                        first_use(browser, base, paths[0], network)[0] for _ in range(runs)
                    ]
                    later = [remembered(browser, base, paths, network) for _ in range(runs)]
                    result[lang][f"remembered, {label}, after DOMContentLoaded"] = [b for _, b in later]
        finally:
            browser.close()
    return result


def report(result: dict[str, dict[str, list[float]]], runs: int) -> list[str]:
    lines = [
        "## Parallel view (中英对照) on a phone",
        "",
        f"Chromium at {PHONE['width']}x{PHONE['height']}, CPU {CPU_SLOWDOWN}x slower, median of {runs} runs "
        "(benchmarks/parallel_view.py). First use: from the click on the switch to the first frame painted",
        "with the view (the other language's page fetched then, from when the pointer reaches the switch).",
        "Remembered: the view is on and the reader opens another section.",
        "",
        "| language | measure | median | min | max |",
        "|---|---|---|---|---|",
    ]
    for lang, measures in result.items():
        for label, values in measures.items():
            lines.append(
                f"| {lang} | {label} | {statistics.median(values):.0f} ms | {min(values):.0f} ms "
                f"| {max(values):.0f} ms |"
            )
    local = [statistics.median(m["first use, local"]) for m in result.values()]
    verdict = "met" if max(local) <= AIM_MS else "missed"
    lines += ["", f"Aim: first use shown within {AIM_MS} ms (local): {verdict} ({max(local):.0f} ms)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = site_for(args.site, Path(folder))
        server, base = site_server.start(site, "/llm-qa/")
        with sync_playwright() as p:
            browser = browser_mod.launch(p)
            print(
                f"Parallel view on a phone ({PHONE['width']}x{PHONE['height']}, CPU {CPU_SLOWDOWN}x slower), "
                f"{args.runs} runs each; aim: shown within 150 ms"
            )
            for lang, paths in PAGES.items():
                print(f"\n{lang}: {paths[0]}")
                print(f"  fetched for the view with it off: {off_cost(browser, base, paths[0]) or 'nothing'}")
                for label, network in (("local network", None), ("slow 4G", SLOW_4G)):
                    runs = [first_use(browser, base, paths[0], network) for _ in range(args.runs)]
                    print(f"  first use, {label:<13}  click -> shown: {summary([ms for ms, _ in runs])}")
                    later = [remembered(browser, base, paths, network) for _ in range(args.runs)]
                    print(f"  remembered, {label:<13} navigation -> shown: {summary([a for a, _ in later])}")
                    after_ready = summary([b for _, b in later])
                    print(f"  remembered, {label:<13} DOMContentLoaded -> shown: {after_ready}")
                fetched = runs[-1][1]
                for url, size in sorted(fetched.items()):
                    print(f"    {size:>7} B  {url[len(base) - 1 :]}")
                print(f"    {sum(fetched.values()):>7} B  in {len(fetched)} requests on first use")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
