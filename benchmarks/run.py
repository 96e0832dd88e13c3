"""The benchmark command (`make bench`): Lighthouse scores, first-load transfer, build time and build
scale, printed and written to benchmarks/RESULTS.md. Not part of the tests: it takes minutes and its
figures depend on the machine. The file's "Test suite" part is measured by hand (whole runs of
`make test`, before and after a change) and kept as it is written there.

    .venv/bin/python benchmarks/run.py                  # everything (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick          # 1 Lighthouse run, 1 build, scale 20 and 200
    .venv/bin/python benchmarks/run.py --skip lighthouse,scale --no-write
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import (  # noqa: E402
    bench_cards,
    bench_validator,
    html_conformance,
    lighthouse,
    page_transfer,
    parallel_view,
    plain_default,
    search_quality,
    serve_edit,
    synthetic,
)
from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402
from tests.conftest import mkdocs_build, mkdocs_config  # noqa: E402

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
WRITTEN = "Written by `python benchmarks/run.py` on "  # the header line, then when and at which commit
HAND_MEASURED = ("## Main-thread work", "## Test suite")  # parts of RESULTS.md kept as they are
# Each part's heading in RESULTS.md (how it begins): a part that --skip leaves out is kept from the last run.
PART_HEADINGS = {
    "lighthouse": "## Lighthouse",
    "transfer": "## First load",
    "plain": "## Against a plain",
    "search": "## Search quality",
    "parallel": "## Parallel view",
    "conformance": "## HTML conformance",
    "build": "## Full build",
    "serve": "## make serve",
    "cards": "## Link-preview cards",
    "scale": "## Build at scale",
}
SECTION = "inference-bottlenecks/"
PAGES = {  # what Lighthouse audits, per language folder ("" is Chinese, the default)
    "home": "",
    "section": SECTION,
    "404": "404.html",  # at its own URL: Lighthouse refuses a document served with status 404
}
LANG_DIRS = {"zh": "", "en": "en/"}
AIMS = {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
TRANSFER_AIM = 75_000  # bytes, a section page's first load without the search index
SCALE_AIM = 1.5  # per-section build cost at the largest size / at the smallest


def timed_build(project: Path, site_dir: Path, cache_dir: Path | None = None) -> float:
    """Wall-clock seconds of `mkdocs build --strict` in a fresh process, as a user runs it; with
    `cache_dir`, the link-preview cards are cached there instead of in the project's .cache."""
    start = time.perf_counter()
    env = {"LLM_QA_CACHE_DIR": str(cache_dir)} if cache_dir else None
    result = mkdocs_build(project, site_dir, "--quiet", env=env, timeout=3600, fresh_process=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed in {project}:\n{result.stderr[-3000:]}")
    return seconds


def kb(size: float) -> str:
    return f"{size / 1000:.1f} KB"


# --- measurements --------------------------------------------------------------------------------


def measure_lighthouse(base: str, runs: int) -> list[dict]:
    lighthouse.ensure_installed()
    rows = []
    for lang, folder in LANG_DIRS.items():
        for kind, path in PAGES.items():
            url = base + folder + path
            print(f"  lighthouse x{runs}: {url}", flush=True)
            rows.append(
                {"lang": lang, "page": kind, "path": "/" + folder + path}
                | vars(lighthouse.audit_page(url, runs, browser_mod.CHROMIUM, browser_mod.FLAGS))
            )
    return rows


def measure_transfer(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    rows = {}
    with sync_playwright() as playwright:
        browser = browser_mod.launch(playwright)
        try:
            for lang, folder in LANG_DIRS.items():
                rows[lang] = page_transfer.first_load(browser, base + folder + SECTION)
        finally:
            browser.close()
    return rows


def measure_scale(sizes: list[int], repeats: int, nav: str = "grouped") -> list[dict]:
    """Real builds of synthetic projects; size 0 (no section) gives the fixed cost of a build."""
    rows = []
    for count in [0, *sizes]:
        with tempfile.TemporaryDirectory(prefix=f"bench-{nav}-{count}-") as tmp:
            project = synthetic.make_project(Path(tmp) / "project", count, nav=nav)
            # Small builds are short and noisy: more runs there; the largest takes minutes.
            runs = repeats + 2 if count <= 20 else repeats if count <= 200 else 1
            times = []
            for run in range(runs):
                site = Path(tmp) / f"site-{run}"
                # Every run draws its cards: with one shared cache, the repeated small builds would
                # copy them while the single large one draws them all (2 x 15 ms per section).
                times.append(timed_build(project, site, Path(tmp) / f"cache-{run}"))
                output = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
                shutil.rmtree(site)
            # Best of the runs: other work on the machine only ever adds time.
            rows.append({"sections": count, "seconds": min(times), "runs": runs, "output": output})
            print(f"  {nav} nav, {count} sections: {rows[-1]['seconds']:.1f} s ({runs} runs)", flush=True)
    return rows


# --- report --------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run([browser_mod.CHROMIUM, "--version"], capture_output=True, text=True).stdout
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}); load average before the run {load}; Python "
        f"{platform.python_version()}; Node {node}; {chromium.strip()}; Lighthouse {lighthouse.version()}"
    )


def lighthouse_section(rows: list[dict], runs: int) -> list[str]:
    lines = [
        f"## Lighthouse, mobile (median of {runs} runs)",
        "",
        "Served gzipped under the site_url path by tests/site_server.py. Lighthouse's mobile preset:",
        "Moto G Power screen, simulated slow 4G, 4x CPU slowdown. The 404 page is audited at its own",
        "URL (status 200): Lighthouse stops on a document served with status 404. Performance depends",
        "on the machine being idle: Lighthouse scales the CPU time it observes, so other work inflates",
        "TBT; its CPU benchmark index (higher is faster) is given per page.",
        "",
        "| lang | page | performance | accessibility | best practices | SEO "
        "| FCP | LCP | TBT | CLS | CPU index |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        s, m = row["scores"], row["metrics"]
        lines.append(
            f"| {row['lang']} | {row['page']} `{row['path']}` | {s['performance']} | {s['accessibility']} "
            f"| {s['best-practices']} | {s['seo']} | {m['FCP'] / 1000:.1f} s | {m['LCP'] / 1000:.1f} s "
            f"| {m['TBT']:.0f} ms | {m['CLS']:.3f} | {min(row['benchmark_index']):.0f}-"
            f"{max(row['benchmark_index']):.0f} |"
        )
    misses = []
    for row in rows:
        for category, aim in AIMS.items():
            if row["scores"][category] < aim:
                audits = "; ".join(row["failing"].get(category, [])) or "no scored audit below 1"
                misses.append(
                    f"- {row['lang']} {row['page']}: {category} {row['scores'][category]} < {aim} "
                    f"(runs: {', '.join(str(r[category]) for r in row['runs'])}; median run: {audits})"
                )
    lines += ["", "Aims: performance ≥ 99, accessibility, best practices and SEO 100."]
    lines += ["All met." if not misses else "Missed:", *misses]
    return lines


def transfer_section(rows: dict) -> list[str]:
    lines = [
        "## First load of a section page (phone, empty cache)",
        "",
        f"`{SECTION}`, bytes as sent (gzip), HTTP headers not counted.",
        "",
        "| lang | first load without the search index | search worker and lunr (in that figure) "
        "| search index | everything |",
        "|---|---|---|---|---|",
    ]
    for lang, transfers in rows.items():
        without = page_transfer.total(transfers, exclude=("search-index",))
        search = page_transfer.total([t for t in transfers if t.kind == "search"])
        index = page_transfer.total([t for t in transfers if t.kind == "search-index"])
        everything = page_transfer.total(transfers)
        lines.append(
            f"| {lang} | {kb(without[0])}, {without[1]} requests | {kb(search[0])}, {search[1]} requests "
            f"| {kb(index[0])}, {index[1]} request | {kb(everything[0])}, {everything[1]} requests |"
        )
    lines += ["", "By kind (Chinese page):", "", "| kind | bytes | requests |", "|---|---|---|"]
    kinds = sorted({t.kind for t in rows["zh"]})
    for kind in kinds:
        size, count = page_transfer.total([t for t in rows["zh"] if t.kind == kind])
        lines.append(f"| {kind} | {size} | {count} |")
    worst = max(page_transfer.total(t, exclude=("search-index",))[0] for t in rows.values())
    verdict = "met" if worst <= TRANSFER_AIM else f"missed by {kb(worst - TRANSFER_AIM)}"
    lines += ["", f"Aim: {kb(TRANSFER_AIM)} without the search index: {verdict}."]
    return lines


def build_section(walls: list[float], share: dict) -> list[str]:
    return [
        "## Full build of the site",
        "",
        f"- `mkdocs build --strict` in a fresh process, wall clock, median of {len(walls)}: "
        f"{statistics.median(walls):.2f} s (runs: {', '.join(f'{w:.2f}' for w in walls)})",
        f"- `build()` alone, median of {share['runs']} (benchmarks/bench_validator.py): "
        f"{share['build_seconds']:.2f} s; the section validator's part: "
        f"{share['validator_seconds'] * 1000:.1f} ms = {share['share']:.2%}; with the checks of the "
        f"rendered HTML (content, pages, search index): {share['safety_share']:.2%} (aim ≤ 5%)",
    ]


def serve_section(result: dict) -> list[str]:
    return [
        "## make serve: an edit shown in the browser",
        "",
        "`make serve` (`python -m preview`: the edited page is built first, then the whole site) and, for",
        "comparison, plain `mkdocs serve`, each on a copy of the project with section 1 open in chromium;",
        "each edit changes a sentence of its Chinese answer and is timed until the page shows it",
        "(benchmarks/serve_edit.py).",
        "",
        *serve_edit.report_lines(result),
    ]


def per_section(row: dict, fixed: float) -> float:
    """Seconds per section once the fixed cost of a build is taken out."""
    return (row["seconds"] - fixed) / row["sections"]


def scale_table(rows: list[dict], checks: dict[int, dict] | None) -> list[str]:
    fixed = rows[0]["seconds"]
    head = "| sections | build | build / N | (build - fixed) / N | output |"
    rule = "|---|---|---|---|---|"
    if checks is not None:
        head += " validator | validator / N |"
        rule += "---|---|"
    lines = [head, rule]
    for row in rows:
        n = row["sections"]
        cells = [f"{n}", f"{row['seconds']:.1f} s"]
        cells += (
            [f"{row['seconds'] / n * 1000:.0f} ms", f"{per_section(row, fixed) * 1000:.1f} ms"]
            if n
            else [
                "-",
                "(fixed cost)",
            ]
        )
        cells.append(f"{row['output'] / 1e6:.0f} MB")
        if checks is not None:
            check = checks.get(n)
            cells += (
                [f"{check['seconds'] * 1000:.0f} ms", f"{check['per_section'] * 1000:.2f} ms"]
                if check
                else [
                    "-",
                    "-",
                ]
            )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def ratios(rows: list[dict]) -> tuple[int, int, float, float] | None:
    """(small N, large N, ratio of (build - fixed) / N, ratio of build / N) between the extremes."""
    sized = [row for row in rows if row["sections"]]
    if len(sized) < 2:
        return None
    fixed, small, large = rows[0]["seconds"], sized[0], sized[-1]
    marginal = per_section(large, fixed) / per_section(small, fixed)
    average = (large["seconds"] / large["sections"]) / (small["seconds"] / small["sections"])
    return small["sections"], large["sections"], marginal, average


def scale_section(rows: list[dict], validator_rows: list[dict], flat: list[dict] | None) -> list[str]:
    lines = [
        "## Build at scale (synthetic sections)",
        "",
        f"N copies of section 1 in both languages, in nav groups of {synthetic.GROUP} with Material's",
        "`navigation.prune`, as the site groups its 20 by topic (benchmarks/synthetic.py); real",
        "`mkdocs build --strict`, wall clock, best of 7 up to",
        "20 sections, of 5 up to 200, 1 run above. The build with no section is the fixed cost",
        "(start-up, theme, jieba's dictionary): (build - fixed) / N is what one more section costs.",
        "Every run starts with an empty link-preview card cache, as the deploy workflow does, so",
        "every size draws its cards (about 15 ms per card, two per section).",
        "Validator: `check_project` alone (bench_validator.py), best of 3.",
        "",
        *scale_table(rows, {row["sections"]: row for row in validator_rows}),
    ]
    found = ratios(rows)
    if found:
        small, large, marginal, average = found
        verdict = "met" if marginal <= SCALE_AIM else "missed"
        lines += [
            "",
            f"Per-section build cost at {large} vs {small} sections: {marginal:.1f}x without the fixed cost "
            f"(aim ≤ {SCALE_AIM}x: {verdict}).",
            f"As build / N it is {average:.1f}x, but there the fixed cost dominates the small build "
            "and hides the growth.",
        ]
        checks = {row["sections"]: row for row in validator_rows}
        if small in checks and large in checks:
            lines.append(
                f"Validator per section at {large} vs {small}: "
                f"{checks[large]['per_section'] / checks[small]['per_section']:.2f}x."
            )
    if flat:
        lines += [
            "",
            "What-if, not the site's configuration: the same sections in one flat nav list, without",
            "`navigation.prune`, so every page lists every section (what the site had before):",
            "",
            *scale_table(flat, None),
        ]
        found = ratios(flat)
        if found:
            small, large, marginal, average = found
            lines += [
                "",
                f"Per-section cost at {large} vs {small}: {marginal:.1f}x ({average:.1f}x as build / N).",
            ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (median)")
    parser.add_argument("--builds", type=int, default=5, help="full builds to time (median)")
    parser.add_argument("--scale", default="20,200,2000", help="synthetic section counts")
    parser.add_argument(
        "--skip",
        default="",
        help="comma list of: lighthouse, plain, transfer, search, parallel, conformance, build, serve, "
        "cards, scale, what-if",
    )
    parser.add_argument("--quick", action="store_true", help="1 Lighthouse run, 1 build, scale 20,200")
    parser.add_argument("--no-write", action="store_true", help=f"print only, leave {RESULTS.name} alone")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.builds, args.scale = 1, 1, "20,200"
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    sizes = [int(s) for s in args.scale.split(",") if s.strip()]

    started = datetime.datetime.now(datetime.UTC)
    header = [
        "# Benchmarks",
        "",
        f"{WRITTEN}{started:%Y-%m-%d %H:%M} UTC, commit {commit()}.",
        f"Machine: {machine()}.",
    ]
    sections: list[list[str]] = []
    kept = hand_measured()
    earlier = earlier_parts()

    def step(name: str, title: str, measure) -> None:
        """Run one part unless skipped (a skipped part keeps what the last run wrote, saying so); a part
        that fails is reported as such and the run goes on. RESULTS.md is rewritten after each part,
        so a run stopped midway keeps what it measured."""
        if name in skip:
            if name in earlier:
                sections.append(earlier[name])
            return
        print(title, flush=True)
        try:
            lines = measure()
        except (Exception, SystemExit) as error:  # a measure's SystemExit says why it could not run
            traceback.print_exc()
            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            lines = [f"## {title}", "", f"Not measured: {type(error).__name__}: {reason}"]
        sections.append(lines)
        print("\n".join(lines), flush=True)
        if not args.no_write:
            RESULTS.write_text(results_text(header, sections + kept), encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site_dir = Path(tmp) / "site"
        print("Building the site", flush=True)
        timed_build(ROOT, site_dir)
        prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
        server, base = site_server.start(site_dir, prefix)
        parallel_runs = args.runs + 2
        try:
            step(
                "lighthouse",
                "Lighthouse",
                lambda: lighthouse_section(measure_lighthouse(base, args.runs), args.runs),
            )
            step("transfer", "First-load transfer", lambda: transfer_section(measure_transfer(base)))
            step(
                "plain",
                "Against a plain Material site",
                lambda: plain_default.report(plain_default.measure(args.runs), args.runs),
            )
            step("search", "Search quality", lambda: search_quality.report(search_quality.measure(base)))
            step(
                "parallel",
                "Parallel view",
                lambda: parallel_view.report(parallel_view.measure(base, parallel_runs), parallel_runs),
            )
        finally:
            server.shutdown()
        step("conformance", "W3C Nu HTML Checker", lambda: conformance_section(site_dir))
        step("build", "Full builds", lambda: full_build_section(Path(tmp), args.builds))
    step("serve", "make serve: an edit shown", lambda: serve_section(serve_edit.measure(5)))
    step(
        "cards",
        "Link-preview cards and PDFs, with and without their caches",
        lambda: bench_cards.report(bench_cards.measure(args.builds)),
    )
    step("scale", "Build at scale", lambda: scale_results(sizes, "what-if" not in skip))

    text = results_text(header, sections + kept)
    print()
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")
        print(f"Written to {RESULTS.relative_to(ROOT)}")


def hand_measured() -> list[list[str]]:
    """The parts of RESULTS.md that this script does not measure, as they are written there."""
    if not RESULTS.is_file():
        return []
    parts = RESULTS.read_text(encoding="utf-8").rstrip("\n").split("\n\n## ")[1:]
    return [["## " + part] for part in parts if ("## " + part).startswith(HAND_MEASURED)]


def earlier_parts() -> dict[str, list[str]]:
    """The measured parts of RESULTS.md as the last run wrote them, by part name, each saying when."""
    if not RESULTS.is_file():
        return {}
    text = RESULTS.read_text(encoding="utf-8").rstrip("\n")
    written = next((line for line in text.splitlines() if line.startswith(WRITTEN)), "")
    when = written.removeprefix(WRITTEN).rstrip(".")
    found = {}
    for part in text.split("\n\n## ")[1:]:
        lines = ("## " + part).split("\n")
        name = next((n for n, heading in PART_HEADINGS.items() if lines[0].startswith(heading)), None)
        if name:
            note = [line for line in lines if line.startswith("_Kept from the run of ")]
            found[name] = (
                lines
                if note
                else [lines[0], "", f"_Kept from the run of {when}: not measured again._", *lines[1:]]
            )
    return found


def results_text(header: list[str], sections: list[list[str]]) -> str:
    return "\n\n".join("\n".join(block) for block in [header, *sections]) + "\n"


def conformance_section(site_dir: Path) -> list[str]:
    html_conformance.ensure_installed()
    pages = len(list(site_dir.rglob("*.html")))
    return html_conformance.report(html_conformance.check(site_dir), pages)


def full_build_section(tmp: Path, builds: int) -> list[str]:
    walls = [timed_build(ROOT, tmp / f"timed-{i}") for i in range(builds)]
    return build_section(walls, bench_validator.validator_share(builds))


def scale_results(sizes: list[int], what_if: bool) -> list[str]:
    validator_rows = bench_validator.validator_scale(tuple(sizes))
    grouped = measure_scale(sizes, repeats=5)
    flat = measure_scale(sizes, repeats=5, nav="flat") if what_if else None
    return scale_section(grouped, validator_rows, flat)


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    status = ["git", "status", "--porcelain", "--untracked-files=no"]
    dirty = subprocess.run(status, cwd=ROOT, capture_output=True, text=True).stdout
    return result.stdout.strip() + (" (with uncommitted changes)" if dirty.strip() else "")


if __name__ == "__main__":
    main()
