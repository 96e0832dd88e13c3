"""What the safety check costs: its share of a full build, and how it grows to 2000 sections.

    .venv/bin/python benchmarks/bench_safety.py [--scale 20,200,2000]

Prints figures; not a test. The safety check is both halves of hooks/validate_hook.py: the source
check before rendering (files, front matter, limits, structure) and the checks of what pages render
to (each page's content and finished HTML through the HTML5 parser, and the search indexes). The hook
times both itself; real builds (`build()` in a fresh process), of this project and of synthetic
copies of section 1 (benchmarks/synthetic.py). Aim: at most 5 % of a build, linear in sections.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_validator, synthetic  # noqa: E402


def scale(sizes: list[int]) -> list[dict]:
    rows = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            project = synthetic.make_project(Path(folder) / "project", count)
            figures = bench_validator.validator_share(runs=1 if count > 200 else 3, project=project)
        check = figures["validator_seconds"] + figures["rendered_seconds"]
        rows.append({"sections": count, "check": check, "per_section": check / count, **figures})
    return rows


def report(share: dict, rows: list[dict]) -> list[str]:
    lines = [
        f"Safety check, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}",
        f"This site (median of {share['runs']} builds): build {share['build_seconds']:.2f} s; "
        f"source check {share['validator_seconds'] * 1000:.1f} ms + rendered-HTML checks "
        f"{share['rendered_seconds'] * 1000:.1f} ms = {share['safety_share']:.2%} of the build "
        "(aim: at most 5%)",
        "Synthetic sections (both languages; median of 3 builds up to 200 sections, 1 above):",
        f"  {'sections':>8}  {'build':>8}  {'source':>9}  {'rendered':>9}  {'share':>6}  {'per section':>11}",
        # source: files, front matter, limits, structure; rendered: HTML of content, pages, search index
    ]
    for row in rows:
        source, rendered = row["validator_seconds"] * 1000, row["rendered_seconds"] * 1000
        lines.append(
            f"  {row['sections']:>8}  {row['build_seconds']:>6.1f} s  {source:>6.0f} ms  {rendered:>6.0f} ms"
            f"  {row['safety_share']:>6.2%}  {row['per_section'] * 1000:>8.2f} ms"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        lines.append(
            f"Per-section cost of the check, {last['sections']} vs {first['sections']} sections: "
            f"{last['per_section'] / first['per_section']:.2f}x (linear: about 1)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="20,200,2000", help="synthetic section counts ('' for none)")
    parser.add_argument("--builds", type=int, default=5, help="builds of this site for the share")
    args = parser.parse_args()
    share = bench_validator.validator_share(args.builds)
    sizes = [int(n) for n in args.scale.split(",") if n]
    print("\n".join(report(share, scale(sizes))))


if __name__ == "__main__":
    main()
