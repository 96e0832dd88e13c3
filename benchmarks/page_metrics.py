"""Chrome's own counters of a page load, compared between built sites: style recalculation, layout,
script and all task time, as the Performance domain of the DevTools protocol reports them after the
page has loaded, median of many loads alternating between the sites (phone screen, CPU 4x slower).

Steadier than Lighthouse's TBT, which counts only the part of each long task above 50 ms and so
swings with small changes of timing: use it to see where a page's main-thread work goes, then
confirm with `make bench`.

    .venv/bin/python benchmarks/page_metrics.py SITE_DIR [SITE_DIR ...] [--path PATH] [--runs 30]

Each SITE_DIR is a built site (e.g. `mkdocs build --site-dir DIR`), served under site_url's path.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402
from tests.conftest import mkdocs_config  # noqa: E402

PHONE = {"width": 412, "height": 823}
DURATIONS = ("RecalcStyleDuration", "LayoutDuration", "ScriptDuration", "TaskDuration")
COUNTS = ("Nodes",)


def measure(sites: list[Path], path: str, runs: int) -> dict[Path, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
    servers = {site: site_server.start(site, prefix) for site in sites}
    found: dict[Path, dict[str, list[float]]] = {site: {} for site in sites}
    try:
        with sync_playwright() as playwright:
            browser = browser_mod.launch(playwright)
            for _ in range(runs):
                for site in sites:
                    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Performance.enable")
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
                    page.goto(servers[site][1] + path, wait_until="load")
                    page.wait_for_timeout(500)
                    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                    for name in DURATIONS + COUNTS:
                        found[site].setdefault(name, []).append(metrics[name])
                    context.close()
            browser.close()
    finally:
        for server, _ in servers.values():
            server.shutdown()
    return {
        site: {name: statistics.median(values) for name, values in by.items()} for site, by in found.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--path", default="en/inference-bottlenecks/")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    for site in args.sites:
        if not (site / "index.html").is_file():
            raise SystemExit(
                f"{site}: no index.html, not a built site (build one with mkdocs build --site-dir)"
            )
    results = measure(args.sites, args.path, args.runs)
    print(f"/{args.path}, phone, CPU 4x slower, median of {args.runs} loads (ms):")
    for site, medians in results.items():
        figures = ", ".join(
            f"{name.removesuffix('Duration')} {medians[name] * 1000:.0f}" for name in DURATIONS
        )
        print(f"- {site}: {figures}; nodes {medians['Nodes']:.0f}")


if __name__ == "__main__":
    main()
