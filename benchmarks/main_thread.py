"""What keeps a page's main thread busy while it loads, as Lighthouse's mobile run sees it.

Runs Lighthouse (mobile preset) on each URL with its trace saved, and prints:
- total blocking time and the main-thread work by category (Lighthouse's own audits);
- each long task of the trace: when it started, how long it took (as observed, and x4 as Lighthouse
  counts it on its simulated phone), and what it spent its time on: script (by file), style, layout,
  HTML parsing, paint...

    .venv/bin/python benchmarks/main_thread.py [--site DIR] [--runs N] [PATH ...]

Paths are below the site's base URL (default: the home and section 1 in both languages). Builds the
site into a temporary folder unless --site is given.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import lighthouse  # noqa: E402
from benchmarks.site_build import site_for  # noqa: E402
from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402

PATHS = ["", "inference-bottlenecks/", "en/", "en/inference-bottlenecks/"]
LONG_TASK_MS = 50 / 4  # observed; Lighthouse's simulated phone runs the CPU 4x slower
# Trace event names, grouped the way DevTools' Performance panel groups them.
CATEGORIES = {
    "script": {"EvaluateScript", "v8.compile", "FunctionCall", "TimerFire", "EventDispatch", "v8.run"},
    "style": {"UpdateLayoutTree", "RecalculateStyles", "ParseAuthorStyleSheet"},
    "layout": {"Layout", "PrePaint", "Layerize", "UpdateLayer"},
    "parse HTML": {"ParseHTML"},
    "paint": {"Paint", "PaintImage", "Decode Image", "RasterTask", "CompositeLayers", "Commit"},
    "garbage collection": {"MinorGC", "MajorGC", "V8.GC_SCAVENGER", "BlinkGC.AtomicPhase"},
}


def run_lighthouse(url: str, out_dir: Path) -> tuple[dict, list]:
    report = out_dir / "report.json"
    subprocess.run(
        [
            str(lighthouse.LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance",
            "--save-assets",
            f"--chrome-flags={' '.join(browser_mod.FLAGS)}",
        ],
        env=os.environ | {"CHROME_PATH": browser_mod.CHROMIUM},
        check=True,
        capture_output=True,
        timeout=300,
    )
    trace = json.loads(next(out_dir.glob("*trace.json")).read_text(encoding="utf-8"))
    return json.loads(report.read_text(encoding="utf-8")), trace["traceEvents"]


def main_thread(events: list) -> tuple[int, int]:
    names = {
        (e["pid"], e["tid"]): e["args"]["name"]
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name"
    }
    mains = [key for key, name in names.items() if name == "CrRendererMain"]
    # The page's renderer: the one with the most work (about:blank has its own).
    counts = Counter((e["pid"], e["tid"]) for e in events if (e["pid"], e["tid"]) in mains and e.get("dur"))
    return counts.most_common(1)[0][0]


def task_breakdown(events: list, thread: tuple[int, int], task: dict) -> Counter:
    """Self time of the task's events by category (script by file), in ms."""
    start, end = task["ts"], task["ts"] + task["dur"]
    inside = sorted(
        (
            e
            for e in events
            if (e["pid"], e["tid"]) == thread
            and e.get("ph") == "X"
            and e.get("dur")
            and start <= e["ts"] < end
            and e is not task
        ),
        key=lambda e: (e["ts"], -e["dur"]),
    )
    spent: Counter = Counter({"other": task["dur"] / 1000})
    stack: list[tuple[dict, str]] = [(task, "other")]
    for event in inside:
        while len(stack) > 1 and event["ts"] >= stack[-1][0]["ts"] + stack[-1][0]["dur"]:
            stack.pop()
        parent = stack[-1][1]
        label = label_of(event, parent)
        spent[parent] -= event["dur"] / 1000
        spent[label] += event["dur"] / 1000
        stack.append((event, label))
    return Counter({k: round(v, 1) for k, v in spent.items() if round(v, 1) > 0})


def label_of(event: dict, parent: str) -> str:
    name = event["name"]
    for category, names in CATEGORIES.items():
        if name in names:
            if category == "script":
                data = event.get("args", {}).get("data", {})
                url = data.get("url") or data.get("scriptName") or ""
                if url:
                    return "script " + urlsplit(url).path.rsplit("/", 1)[-1]
                return parent if parent.startswith("script") else "script"
            return category
    return parent


def long_tasks(events: list) -> list[dict]:
    thread = main_thread(events)
    tasks = [
        e
        for e in events
        if (e["pid"], e["tid"]) == thread
        and e.get("name") == "RunTask"
        and e.get("dur", 0) / 1000 >= LONG_TASK_MS
    ]
    origin = min(e["ts"] for e in events if e.get("name") == "navigationStart" or e.get("ts"))
    return [
        {
            "start_ms": (t["ts"] - origin) / 1000,
            "observed_ms": t["dur"] / 1000,
            "breakdown": task_breakdown(events, thread, t),
        }
        for t in tasks
    ]


def summary(url: str, report: dict, events: list) -> list[str]:
    audits = report["audits"]
    lines = [
        f"{url}: performance {round(report['categories']['performance']['score'] * 100)}, "
        f"TBT {audits['total-blocking-time']['numericValue']:.0f} ms, "
        f"CPU index {report['environment']['benchmarkIndex']:.0f}",
        "  main-thread work (Lighthouse, simulated phone): "
        + ", ".join(
            f"{item['groupLabel']} {item['duration']:.0f} ms"
            for item in audits["mainthread-work-breakdown"]["details"]["items"]
        ),
        "  script (Lighthouse bootup-time): "
        + ", ".join(
            f"{urlsplit(item['url']).path.rsplit('/', 1)[-1] or item['url']} {item['total']:.0f} ms"
            for item in audits["bootup-time"]["details"]["items"]
        ),
    ]
    for task in long_tasks(events):
        parts = ", ".join(f"{k} {v:.1f}" for k, v in task["breakdown"].most_common(6))
        lines.append(
            f"  long task at {task['start_ms']:.0f} ms: {task['observed_ms']:.1f} ms observed "
            f"(x4 = {task['observed_ms'] * 4:.0f} ms): {parts}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", default=PATHS)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    lighthouse.ensure_installed()
    from tests.conftest import mkdocs_config

    prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
    with tempfile.TemporaryDirectory(prefix="main-thread-") as tmp:
        site = site_for(args.site, Path(tmp))
        server, base = site_server.start(site, prefix)
        try:
            for path in args.paths:
                for run in range(args.runs):
                    out = Path(tmp) / f"run-{path.replace('/', '_')}-{run}"
                    out.mkdir()
                    report, events = run_lighthouse(base + path, out)
                    print("\n".join(summary("/" + path, report, events)), flush=True)
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
