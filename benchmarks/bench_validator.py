"""How much the section validator costs: its share of a full build, and its time at 20, 200, 2000 sections.

    .venv/bin/python benchmarks/bench_validator.py

Prints figures; not a test. `measure()` returns them for other benchmark commands.
- Share: the real `mkdocs build` of this project, run in a fresh process each time; the hook times its own
  check (hooks/validate_hook.py `last_check.seconds`) and the script times `build()`. Medians.
- Scale: N copies of the pilot section in both languages (docs only, no build), checked with
  `check_project`; the per-section cost should stay flat if the checks are linear.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.sections.project import check_project  # noqa: E402 - needs hooks/ on the path
from llmqa.sections.report import Project  # noqa: E402

PILOT = "inference-bottlenecks.md"
LANGUAGES = ("zh", "en")

TIMED_BUILD = """
import json, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1])
start = time.perf_counter()
build(config)
seconds = time.perf_counter() - start
plugin = sys.modules["hooks/pipeline.py"].plugin
check = plugin.run.check
figures = {"build": seconds, "validator": check.seconds, "runs": plugin.checks_run}
figures["rendered"] = check.rendered_seconds
print(json.dumps(figures))
"""


def validator_share(runs: int = 5, project: Path = ROOT) -> dict:
    """Median full-build time and the validator's part of it, over `runs` fresh builds of `project`.

    `validator`: the source check before rendering; `rendered`: the checks of what pages render to
    (content, finished pages, search indexes: the safety check's HTML part).
    """
    builds, checks, rendered = [], [], []
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "REPO_NAME")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            result = subprocess.run(
                [sys.executable, "-c", TIMED_BUILD, str(Path(folder) / f"site-{run}")],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            if figures["runs"] != 1:
                raise RuntimeError(f"the validator ran {figures['runs']} times in one build")
            builds.append(figures["build"])
            checks.append(figures["validator"])
            rendered.append(figures["rendered"])
    build, check, after = statistics.median(builds), statistics.median(checks), statistics.median(rendered)
    return {
        "runs": runs,
        "build_seconds": build,
        "validator_seconds": check,
        "share": check / build,
        "rendered_seconds": after,
        "safety_share": (check + after) / build,
    }


def write_sections(docs: Path, count: int) -> None:
    """`count` copies of the pilot section per language, each with its own file name and id."""
    for language in LANGUAGES:
        pilot = (ROOT / "docs" / language / PILOT).read_text(encoding="utf-8")
        folder = docs / language
        folder.mkdir(parents=True)
        for number in range(1, count + 1):
            text = re.sub(r"(?m)^id: \d+$", f"id: {number}", pilot, count=1)
            (folder / f"section-{number:05d}.md").write_text(text, encoding="utf-8")


def validator_scale(sizes: tuple[int, ...] = (20, 200, 2000), repeats: int = 3) -> list[dict]:
    """The check's time (best of `repeats`) on synthetic projects of each size."""
    rows = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            docs = Path(folder) / "docs"
            write_sections(docs, count)
            project = Project(root=Path(folder), docs_dir=docs, languages=list(LANGUAGES), default="zh")
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                report = check_project(project)
                times.append(time.perf_counter() - start)
            if report.problems:
                raise RuntimeError(f"synthetic sections should pass, got: {report.problems[0]}")
        best = min(times)
        rows.append(
            {"sections": count, "pages": count * len(LANGUAGES), "seconds": best, "per_section": best / count}
        )
    return rows


def measure(runs: int = 5) -> dict:
    return {"share": validator_share(runs), "scale": validator_scale()}


def main() -> None:
    figures = measure()
    share = figures["share"]
    print(f"Section validator, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}")
    print(
        f"Full build (median of {share['runs']}): {share['build_seconds']:.2f} s; validator "
        f"{share['validator_seconds'] * 1000:.1f} ms = {share['share']:.2%} of the build (aim: under 2%)"
    )
    print("Synthetic sections (both languages, best of 3):")
    print(f"  {'sections':>8}  {'pages':>6}  {'total':>9}  {'per section':>11}")
    for row in figures["scale"]:
        print(
            f"  {row['sections']:>8}  {row['pages']:>6}  {row['seconds'] * 1000:>7.1f} ms"
            f"  {row['per_section'] * 1000:>8.3f} ms"
        )
    first, last = figures["scale"][0], figures["scale"][-1]
    ratio = last["per_section"] / first["per_section"]
    print(f"Per-section cost, {last['sections']} vs {first['sections']} sections: {ratio:.2f}x (linear: ~1)")


if __name__ == "__main__":
    main()
