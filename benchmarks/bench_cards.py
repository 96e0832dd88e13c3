"""What the link-preview cards and the PDFs cost a build, with and without their caches.

    .venv/bin/python benchmarks/bench_cards.py            # prints the figures (about 2 minutes)
    .venv/bin/python benchmarks/bench_cards.py --runs 3

- `mkdocs build --strict` of the site, wall clock, median of the runs: with an empty cache (every
  card drawn, as in a fresh clone or the deploy workflow) and with a warm one (every card copied);
- `python -m pdf` on the built site: rendering both languages (--no-cache) and copying them from
  the cache.

benchmarks/run.py includes it (skip it with --skip cards).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import build_env, mkdocs_build  # noqa: E402

CARDS_LOG = re.compile(r"Link-preview cards: (\d+) drawn, (\d+) from the cache")


def build(site: Path, cache: Path) -> tuple[float, int, int]:
    """Seconds of one `mkdocs build --strict`, and how many cards it drew and copied."""
    start = time.perf_counter()
    result = mkdocs_build(ROOT, site, env={"LLM_QA_CACHE_DIR": str(cache)}, timeout=1200, fresh_process=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")
    drawn, cached = map(int, CARDS_LOG.search(result.stderr).groups())
    return seconds, drawn, cached


def pdf(site: Path, cache: Path, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pdf", str(site), *extra],
        cwd=ROOT,
        env=build_env() | {"LLM_QA_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        check=True,
        timeout=1200,
    )
    return time.perf_counter() - start


def measure(runs: int) -> dict:
    cold, warm, pdf_cold, pdf_warm = [], [], [], []
    counts = {}
    with tempfile.TemporaryDirectory(prefix="bench-cards-") as tmp:
        tmp = Path(tmp)
        for run in range(runs):
            seconds, drawn, cached = build(tmp / f"cold-{run}", tmp / f"cache-cold-{run}")
            cold.append(seconds)
            counts["cold"] = (drawn, cached)
            print(f"  build, empty cache: {seconds:.2f} s ({drawn} cards drawn)", flush=True)
        warm_cache = tmp / "cache-cold-0"
        for run in range(runs):
            seconds, drawn, cached = build(tmp / f"warm-{run}", warm_cache)
            warm.append(seconds)
            counts["warm"] = (drawn, cached)
            print(f"  build, warm cache: {seconds:.2f} s ({cached} cards from the cache)", flush=True)
        site = tmp / "warm-0"
        for _ in range(runs):
            pdf_cold.append(pdf(site, warm_cache, "--no-cache"))
            print(f"  PDFs rendered: {pdf_cold[-1]:.2f} s", flush=True)
        pdf(site, warm_cache)  # fills the cache
        for _ in range(runs):
            pdf_warm.append(pdf(site, warm_cache))
            print(f"  PDFs from the cache: {pdf_warm[-1]:.2f} s", flush=True)
        sizes = {
            path.relative_to(site).as_posix(): path.stat().st_size for path in sorted(site.rglob("*.pdf"))
        }
        cards = sorted(p.stat().st_size for p in (site / "assets" / "images" / "social").rglob("*.png"))
    return {
        "runs": runs,
        "cold": cold,
        "warm": warm,
        "counts": counts,
        "pdf_cold": pdf_cold,
        "pdf_warm": pdf_warm,
        "pdf_sizes": sizes,
        "card_sizes": cards,
    }


def report(data: dict) -> list[str]:
    median = statistics.median
    runs = data["runs"]
    cold, warm = median(data["cold"]), median(data["warm"])
    drawn = data["counts"]["cold"][0]
    cards = data["card_sizes"]
    fmt = ", ".join

    def seconds(values: list[float]) -> str:
        return fmt(f"{s:.2f}" for s in values)

    lines = [
        "## Link-preview cards and PDFs",
        "",
        f"`mkdocs build --strict` of the site and `python -m pdf` on it, wall clock, median of {runs} runs "
        "(benchmarks/bench_cards.py). An empty cache is what a fresh clone and the deploy workflow have.",
        "",
        "| what | empty cache | warm cache | difference |",
        "|---|---|---|---|",
        f"| full build ({drawn} cards) | {cold:.2f} s | {warm:.2f} s | {cold - warm:.2f} s, "
        f"{(cold - warm) / drawn * 1000:.0f} ms per card |",
        f"| both PDFs | {median(data['pdf_cold']):.2f} s | {median(data['pdf_warm']):.2f} s | "
        f"{median(data['pdf_cold']) - median(data['pdf_warm']):.2f} s |",
        "",
        f"Runs: build {seconds(data['cold'])} s (empty cache), {seconds(data['warm'])} s (warm); "
        f"PDFs {seconds(data['pdf_cold'])} s (rendered), {seconds(data['pdf_warm'])} s (cached).",
        f"Cards: {len(cards)} PNGs of {cards[0] / 1000:.1f}–{cards[-1] / 1000:.1f} KB; PDFs: "
        + fmt(f"{name} {size / 1e6:.2f} MB" for name, size in data["pdf_sizes"].items())
        + ".",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(report(measure(args.runs))))


if __name__ == "__main__":
    main()
