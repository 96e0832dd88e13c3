"""Lighthouse (npm, mobile preset: Moto G Power viewport, simulated slow 4G and 4x CPU slowdown)
against a served site; the median of several runs per page."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit id -> short name, for the performance figures printed beside the score
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


@dataclass
class PageScores:
    url: str
    scores: dict[str, int]  # category -> median score, 0-100
    metrics: dict[str, float]  # short metric name -> median value (ms; CLS unitless)
    runs: list[dict[str, int]] = field(default_factory=list)  # every run's scores
    failing: dict[str, list[str]] = field(default_factory=dict)  # category -> audits under 1, median run
    benchmark_index: list[float] = field(default_factory=list)  # Lighthouse's CPU benchmark, per run


def version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "not installed"


def ensure_installed() -> None:
    """Install the pinned Lighthouse from package-lock.json when node_modules lacks it."""
    if LIGHTHOUSE.exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("The Lighthouse figures need Node.js 18.20+ with npm (Debian: apt-get install npm)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)


def run_once(url: str, chrome: str, chrome_flags: list[str]) -> dict:
    """One Lighthouse run; returns its JSON report (raises on a runtime error)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(chrome_flags)}",
            ],
            env=os.environ | {"CHROME_PATH": chrome},
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']['message']}")
    return report


def failing_audits(report: dict) -> dict[str, list[str]]:
    """Scored audits below 1, per category, with the audit's figure when it has one."""
    failing: dict[str, list[str]] = {}
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                failing.setdefault(name, []).append(f"{ref['id']} {round(audit['score'] * 100)}{shown}")
    return failing


def audit_page(url: str, runs: int, chrome: str, chrome_flags: list[str]) -> PageScores:
    reports = [run_once(url, chrome, chrome_flags) for _ in range(runs)]
    per_run = [{c: round(r["categories"][c]["score"] * 100) for c in CATEGORIES} for r in reports]
    # The run with the median performance score stands for the page (as Lighthouse CI picks it).
    median_run = sorted(range(runs), key=lambda i: per_run[i]["performance"])[runs // 2]
    return PageScores(
        url=url,
        scores={c: round(statistics.median(run[c] for run in per_run)) for c in CATEGORIES},
        metrics={
            short: statistics.median(r["audits"][audit_id]["numericValue"] for r in reports)
            for audit_id, short in METRICS.items()
        },
        runs=per_run,
        failing=failing_audits(reports[median_run]),
        benchmark_index=[r["environment"]["benchmarkIndex"] for r in reports],
    )
