"""Our site against a plain Material site of the same content, measured side by side in one run.

The plain site is what the project would be without its own code: the same section pages (front
matter, four blocks, correction notes), the same home pages with their lists and counts filled in as
the pipeline fills them, the same glossary (our built glossary's article, as the page's HTML), the
same Markdown extensions, Material with mkdocs-static-i18n, search and tags, the same nav; no hooks,
no overrides, no extra stylesheet or script, no web font (ours has none). Its 404 page is Material's;
it has one, at the root, which GitHub Pages serves for every missing address, English ones too.
Both are served gzipped under the site_url path; Lighthouse (mobile) runs alternate between the two
for each page, so a busy moment of the machine falls on both.

    .venv/bin/python benchmarks/plain_default.py [--runs 5]   # prints the table (make bench runs it)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.pages.home import LISTS, home_lists, with_count  # noqa: E402
from llmqa.pages.nav import fill_nav  # noqa: E402
from llmqa.pages.topics import nav_topics, topic_table  # noqa: E402
from llmqa.publishing.collection import sections  # noqa: E402
from llmqa.sections.page import read_page  # noqa: E402

from benchmarks import lighthouse, page_transfer  # noqa: E402
from tests import browser as browser_mod  # noqa: E402
from tests import site_server  # noqa: E402
from tests.conftest import build_env, mkdocs_build, mkdocs_config  # noqa: E402

PAGES = {"home": "", "section": "inference-bottlenecks/", "glossary": "glossary/", "404": "404.html"}
LANG_DIRS = {"zh": "", "en": "en/"}
LEFT_OUT = ("translations.md",)  # its template is ours
AIMED = ("home", "section")  # the pages issue 23's aim is about
GLOSSARY = "glossary.md"  # made by a hook in ours: the plain site gets our built page's article
OWN_KEYS = ("hooks", "extra_css", "extra_javascript", "validation", "watch", "extra")


def plain_config(config: dict, nav: list) -> dict:
    """mkdocs.yml without what is ours: hooks, overrides, stylesheets, scripts."""
    plain = {key: value for key, value in config.items() if key not in OWN_KEYS}
    theme = dict(config["theme"])
    for key in ("custom_dir", "favicon", "logo"):
        theme.pop(key, None)
    theme["font"] = False
    plain["theme"] = theme
    plain["nav"] = [entry for entry in nav if not _is_own(entry)]
    return plain


def _is_own(entry) -> bool:
    pages = entry.values() if isinstance(entry, dict) else [entry]
    return any(page in LEFT_OUT for page in pages if isinstance(page, str))


def built_article(page: Path) -> str:
    """The article of a built page (its content as the site shows it), as HTML."""
    from selectolax.lexbor import LexborHTMLParser

    article = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("article.md-content__inner")
    if article is None:
        raise RuntimeError(f"no article in {page}")
    return article.inner_html


def plain_project(target: Path, ours: Path) -> Path:
    """The plain project in `target`: pages copied, home lists and counts filled in, the glossary our
    built site's (`ours`)."""
    config = mkdocs_config()
    pages = {
        lang: {
            path.name: read_page(path.name, path.read_bytes())
            for path in sorted((ROOT / "docs" / lang).glob("*.md"))
        }
        for lang in LANG_DIRS
    }
    nav = config["nav"]  # read for this run only: fill_nav may fill it in place
    fill_nav(nav, pages["zh"], "docs/zh")
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    names = {lang["locale"]: lang.get("nav_translations") or {} for lang in i18n["languages"]}
    topics = nav_topics(nav)
    anchors = topic_table(topics, names)
    total = len(sections(pages["zh"]))
    for lang in LANG_DIRS:
        folder = target / "docs" / lang
        folder.mkdir(parents=True)
        for name in pages[lang]:
            if name in LEFT_OUT:
                continue
            text = (ROOT / "docs" / lang / name).read_text(encoding="utf-8")
            if name == "index.md":
                lists = home_lists(pages[lang], pages["zh"], topics, anchors, names.get(lang, {}), lang)
                text = with_count(text.replace(LISTS, lists), total)
            (folder / name).write_text(text, encoding="utf-8")
        glossary = built_article(ours / LANG_DIRS[lang] / "glossary" / "index.html")
        (folder / GLOSSARY).write_text(f'<div markdown="0">\n{glossary}\n</div>\n', encoding="utf-8")
        for language in i18n["languages"]:
            for key in ("site_description",):
                if isinstance(language.get(key), str):
                    language[key] = with_count(language[key], total)
    if (ROOT / "docs" / "assets").is_dir():
        shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets", dirs_exist_ok=True)
    plain = plain_config(config, nav)
    plain["site_description"] = with_count(plain.get("site_description", ""), total)
    (target / "mkdocs.yml").write_text(
        yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def measure(runs: int) -> list[dict]:
    """Lighthouse medians and first-load transfer per page, for both sites."""
    lighthouse.ensure_installed()
    prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
    with tempfile.TemporaryDirectory(prefix="bench-plain-") as tmp:
        tmp = Path(tmp)
        ours = mkdocs_build(ROOT, tmp / "ours", "--quiet")
        if ours.returncode != 0:
            raise RuntimeError(f"our build failed:\n{ours.stderr[-2000:]}")
        plain = subprocess.run(  # not --strict: its home pages link to what only our build makes
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp / "plain-site")],
            cwd=plain_project(tmp / "plain", tmp / "ours"),
            env=build_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if plain.returncode != 0:
            raise RuntimeError(f"the plain build failed:\n{plain.stderr[-2000:]}")
        servers = {
            name: site_server.start(site, prefix)
            for name, site in (("ours", tmp / "ours"), ("plain", tmp / "plain-site"))
        }
        try:
            return [
                _page_row(lang, kind, _paths(folder, kind, path), servers, runs_of(kind, runs))
                for lang, folder in LANG_DIRS.items()
                for kind, path in PAGES.items()
            ]
        finally:
            for server, _ in servers.values():
                server.shutdown()


def runs_of(kind: str, runs: int) -> int:
    """Lighthouse runs of a page: the aimed pages' TBT medians differ by tens of ms from run to run, so
    they get almost twice the runs (9 for 5); the pages measured for the record fewer (3)."""
    return 2 * runs - 1 if kind in AIMED else max(1, runs - 2)


def _paths(folder: str, kind: str, path: str) -> dict[str, str]:
    """Each site's address of a page: the plain site's one 404 page is at its root."""
    return {"ours": folder + path, "plain": path if kind == "404" else folder + path}


def _page_row(lang: str, kind: str, paths: dict[str, str], servers: dict, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    reports: dict[str, list[dict]] = {"ours": [], "plain": []}
    for _ in range(runs):
        for name, (_, base) in servers.items():
            print(f"  lighthouse: {name} {base}{paths[name]}", flush=True)
            url = base + paths[name]
            reports[name].append(lighthouse.run_once(url, browser_mod.CHROMIUM, browser_mod.FLAGS))
    row = {"lang": lang, "page": kind, "path": "/" + paths["ours"], "plain_path": "/" + paths["plain"]}
    with sync_playwright() as playwright:
        browser = browser_mod.launch(playwright)
        try:
            for name, (_, base) in servers.items():
                loaded = page_transfer.first_load(browser, base + paths[name])
                size, requests = page_transfer.total(loaded, exclude=("search-index",))
                row[name] = _figures(reports[name]) | {"bytes": size, "requests": requests}
        finally:
            browser.close()
    return row


def _figures(reports: list[dict]) -> dict:
    def median(audit: str) -> float:
        return statistics.median(r["audits"][audit]["numericValue"] for r in reports)

    scores = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
    return {
        "performance": statistics.median(scores),
        "runs": scores,
        "TBT": median("total-blocking-time"),
        "LCP": median("largest-contentful-paint"),
        "FCP": median("first-contentful-paint"),
    }


def report(rows: list[dict], runs: int) -> list[str]:
    lines = [
        "## Against a plain Material site of the same content",
        "",
        f"Lighthouse mobile, median of {runs_of(AIMED[0], runs)} runs on the home and section pages and of"
        f" {runs_of('404', runs)} on the others,",
        "alternating between the two sites; first load as in the part above (gzip, without the search",
        "index). The plain site: the same pages (its glossary our built glossary's article), extensions,",
        "nav, Material, mkdocs-static-i18n, search and tags; no hooks, overrides, stylesheet or script of",
        "ours; Material's 404 page, at its root only (GitHub Pages serves it for every missing address)",
        "(benchmarks/plain_default.py).",
        "",
        "| lang | page | site | performance (runs) | TBT | LCP | FCP | first load |",
        "|---|---|---|---|---|---|---|---|",
    ]
    verdicts: list[tuple[bool, str]] = []
    missed: list[str] = []
    for row in rows:
        for name in ("ours", "plain"):
            f = row[name]
            runs_text = ", ".join(str(s) for s in f["runs"])
            page = f"{row['page']} `{row['path'] if name == 'ours' else row['plain_path']}`"
            figures = [f"{f['TBT']:.0f} ms", f"{f['LCP'] / 1000:.2f} s", f"{f['FCP'] / 1000:.2f} s"]
            load = f"{f['bytes'] / 1000:.1f} KB, {f['requests']} requests"
            score = f"{f['performance']:.0f} ({runs_text})"
            lines.append(f"| {row['lang']} | {page} | {name} | {score} | {' | '.join(figures)} | {load} |")
        ours, plain = row["ours"], row["plain"]
        met = (
            ours["performance"] >= plain["performance"]
            and ours["TBT"] <= plain["TBT"]
            and ours["bytes"] <= plain["bytes"]
            and ours["requests"] <= plain["requests"] + 1
        )
        aimed = row["page"] in AIMED
        verdicts.append((aimed, f"- {row['lang']} {row['page']}: {'met' if met else 'not met'}"))
        if aimed and not met:
            missed.append(f"{row['lang']} {row['page']}")
    lines += [
        "",
        "Aim (issue 23), on both home pages and both section pages: performance median at least the plain",
        "site's, TBT at most its, first-load bytes at most its and at most one request more. The glossary",
        "and 404 pages are measured the same way, for the record.",
        "",
        *[line for aimed, line in verdicts if aimed],
        *[line + " (for the record)" for aimed, line in verdicts if not aimed],
        "",
        f"Aim: {'met on every home and section page' if not missed else 'not met on ' + ', '.join(missed)}.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(report(measure(args.runs), args.runs)))


if __name__ == "__main__":
    main()
