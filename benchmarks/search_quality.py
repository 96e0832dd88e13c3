"""Search quality: does Material's search, in a real browser, put the right section first?

benchmarks/search_queries.tsv holds reader queries (topic names, abbreviations, multi-word English
queries, single Chinese terms) with the section that should come first. Each query is typed into the
search box of its language's home page, the way a reader types it; the result list groups results by
page, and a query's rank is the position of the expected section's page among the listed pages.
Top-1: the expected section is the first page listed; top-3: among the first three.

The aim (issue 14): top-3 for every query, top-1 for 90 %. Usage:

    .venv/bin/python benchmarks/search_quality.py [--site DIR] [--lang zh,en] [--show N]

(builds the site into a temporary folder unless --site DIR is given). benchmarks/run.py includes it.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.site_build import site_for  # noqa: E402
from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402

QUERIES = ROOT / "benchmarks" / "search_queries.tsv"
HOMES = {"zh": "", "en": "en/"}  # each language's home page, below the site's base URL
TOP1_AIM = 0.9
TOP3_AIM = 1.0

# Waits until the list shows the results of `query`: Material renders them after the worker answers;
# the query's own text in the list's meta line or its first result shows the answer is this one's.
RESULTS_SHOWN = """q => {
  const field = document.querySelector('.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  if (!field || field.value !== q || !meta) return false;
  const items = document.querySelectorAll('.md-search-result__item').length;
  return window.__qaAnswered === q && (items > 0 || meta.textContent.trim() !== '');
}"""

# Records the query each answer of the worker belongs to: the field's value when the list changes.
ANSWER_PROBE = """() => {
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const note = () => { window.__qaAnswered = document.querySelector('.md-search__input').value; };
  new MutationObserver(note).observe(list, {childList: true});
  new MutationObserver(note).observe(meta, {childList: true, characterData: true, subtree: true});
}"""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: str  # a section's slug


@dataclass(frozen=True)
class Ranked:
    query: Query
    pages: tuple[str, ...]  # the listed pages, in order, as slugs ("" for the home page)

    @property
    def rank(self) -> int | None:
        return self.pages.index(self.query.expected) + 1 if self.query.expected in self.pages else None


def read_queries(path: Path = QUERIES) -> list[Query]:
    rows = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    reader = csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [Query(row["lang"], row["query"], row["expected"]) for row in reader]


def page_slug(href: str, home: str) -> str:
    """The slug of a result's page: 'en/overfitting/#answer' on the English home gives 'overfitting'."""
    path = unquote(urlsplit(href).path)
    return path[len(urlsplit(home).path) :].strip("/")


def listed_pages(page, home: str) -> tuple[str, ...]:
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(i => i.querySelector('a').href)"
    )
    pages: list[str] = []
    for href in hrefs:
        slug = page_slug(href, home)
        if slug not in pages:
            pages.append(slug)
    return tuple(pages)


def run_queries(browser, base: str, queries: list[Query]) -> list[Ranked]:
    """Type each query into its language's search box (desktop size) and read the listed pages."""
    results: list[Ranked] = []
    for lang, folder in HOMES.items():
        mine = [q for q in queries if q.lang == lang]
        if not mine:
            continue
        context = browser.new_context(viewport=browser_mod.DESKTOP)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        home = base + folder
        page.goto(home, wait_until="load")
        page.evaluate(ANSWER_PROBE)
        field = page.locator(".md-search__input")
        field.click()
        for query in mine:
            field.fill(query.text)
            field.press("End")  # Material searches on keyup
            page.wait_for_function(RESULTS_SHOWN, arg=query.text, timeout=20_000)
            results.append(Ranked(query, listed_pages(page, home)))
        context.close()
        if errors:
            raise RuntimeError(f"script errors on {home}: {errors}")
    return results


def summary(results: list[Ranked]) -> dict[str, dict]:
    """Per language: queries, top-1 and top-3 counts and shares, and the queries not first."""
    by_lang: dict[str, dict] = {}
    for lang in HOMES:
        mine = [r for r in results if r.query.lang == lang]
        if not mine:
            continue
        top1 = sum(1 for r in mine if r.rank == 1)
        top3 = sum(1 for r in mine if r.rank is not None and r.rank <= 3)
        by_lang[lang] = {
            "queries": len(mine),
            "top1": top1,
            "top3": top3,
            "top1_share": top1 / len(mine),
            "top3_share": top3 / len(mine),
            "misses": [r for r in mine if r.rank != 1],
        }
    return by_lang


def verdict(share: float, aim: float) -> str:
    return "met" if share >= aim else "missed"


def report(results: list[Ranked], show: int = 3) -> list[str]:
    lines = [
        "## Search quality (real browser)",
        "",
        f"{len(results)} reader queries (benchmarks/search_queries.tsv, written before the ranking was "
        "looked at), each typed",
        "into the search box of its language's home page in chromium (benchmarks/search_quality.py);",
        "rank: position of the expected section among the pages the result list shows.",
        "",
        "| lang | queries | top-1 | top-3 | aim top-1 ≥ 90 % | aim top-3 100 % |",
        "|---|---|---|---|---|---|",
    ]
    table = summary(results)
    for lang, row in table.items():
        lines.append(
            f"| {lang} | {row['queries']} | {row['top1']} ({row['top1_share']:.0%}) "
            f"| {row['top3']} ({row['top3_share']:.0%}) | {verdict(row['top1_share'], TOP1_AIM)} "
            f"| {verdict(row['top3_share'], TOP3_AIM)} |"
        )
    misses = [r for row in table.values() for r in row["misses"]]
    lines += ["", "Queries whose section is not first:" if misses else "Every query's section is first."]
    for r in misses:
        where = f"rank {r.rank}" if r.rank else "not listed"
        listed = ", ".join(p or "(home)" for p in r.pages[:show]) or "nothing"
        lines.append(
            f"- {r.query.lang} `{r.query.text}` → {r.query.expected}: {where} (listed first: {listed})"
        )
    return lines


def measure(base: str, queries: list[Query] | None = None) -> list[Ranked]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = browser_mod.launch(playwright)
        try:
            return run_queries(browser, base, queries or read_queries())
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--lang", default="zh,en", help="languages to run")
    parser.add_argument("--show", type=int, default=3, help="pages listed per miss")
    parser.add_argument("--all", action="store_true", help="print every query's listed pages")
    args = parser.parse_args()
    langs = {lang.strip() for lang in args.lang.split(",")}
    queries = [q for q in read_queries() if q.lang in langs]

    from tests.conftest import mkdocs_config

    prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        site = site_for(args.site, Path(tmp))
        server, base = site_server.start(site, prefix)
        try:
            results = measure(base, queries)
        finally:
            server.shutdown()
    if args.all:
        for r in results:
            print(f"{r.query.lang}\t{r.rank}\t{r.query.text}\t{r.query.expected}\t{' '.join(r.pages[:5])}")
    print("\n".join(report(results, args.show)))


if __name__ == "__main__":
    main()
