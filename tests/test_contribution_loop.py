"""The contribution loop, end to end in scratch git repositories: a fix to a Chinese page is never held
back by its translation, the English page and the status pages say what is out of date and since
when, a translator sees what changed, and a reviewer gets a summary of the pull request."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env, copy_project, mkdocs_build, mkdocs_run
from tests.html_tools import find
from tests.shared import completed, key, process

SENTENCE = "新增的一句解释。"
ORIGINAL = "docs/zh/overfitting.md"
TRANSLATION = "docs/en/overfitting.md"


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    ).stdout


def check(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "hooks/check_sections.py", *args],
        cwd=repo,
        env=build_env() | (env or {}),
        capture_output=True,
        text=True,
    )


def change_original(repo: Path) -> None:
    path = repo / ORIGINAL
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## 解析 {#analysis}\n\n", f"## 解析 {{#analysis}}\n\n{SENTENCE}\n\n", 1), "utf-8"
    )


@pytest.fixture(scope="module")
def drifted(tmp_path_factory) -> Path:
    """A repository whose Chinese §3 was fixed on 2026-11-25, after its translation (2026-11-20)."""
    repo = copy_project(tmp_path_factory.mktemp("loop") / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "site", date="2026-11-20T10:00:00+00:00")
    change_original(repo)
    git(repo, "commit", "-q", "-am", "Fix §3", date="2026-11-25T10:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def drifted_site(drifted, builds) -> Path:
    def make(folder: Path) -> dict:
        return {"site": str(folder / "site"), "build": completed(mkdocs_build(drifted, folder / "site"))}

    made = builds.once(key("drifted-site", ORIGINAL, SENTENCE), make)
    result = process(made["build"])
    assert result.returncode == 0, result.stderr
    return Path(made["site"])


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_chinese_only_fix_passes_every_check(drifted):
    """The fix is the last commit: measured from the one before (LLM_QA_BASE), the notice names the
    page; on main itself, where the fix is no longer a change, it is one line about the status page."""
    fix = {"LLM_QA_BASE": "HEAD~1"}
    result = check(drifted, "--strict", env=fix)
    assert result.returncode == 0, result.stdout
    assert "1 translation out of date" in result.stdout
    assert f"{TRANSLATION}:5: notice: {ORIGINAL} changed since this translation was recorded" in result.stdout
    merged = check(drifted, "--strict")
    assert merged.returncode == 0 and "1 translation out of date" in merged.stdout
    assert "1 English page is behind its Chinese original (listed on the translation status page; " in (
        merged.stdout
    )
    assert f"{TRANSLATION}:5: notice" not in merged.stdout
    annotations = check(drifted, "--strict", "--github", env=fix)
    assert annotations.returncode == 0
    assert f"::warning file={TRANSLATION},line=5,title=section check (drift)::" in annotations.stdout
    quiet = mkdocs_run(drifted, "build", "--strict", "-q", "--site-dir", str(drifted.parent / "quiet"))
    assert quiet.returncode == 0, quiet.stderr


def test_the_english_page_says_it_is_out_of_date_and_since_when(drifted_site):
    html = page(drifted_site, "en/overfitting")
    notice = html.index('class="admonition outdated"')
    assert notice < html.index('id="question"')
    text = re.sub(r"\s+", " ", html[notice : html.index("</div>", notice)])
    assert "This translation may be out of date" in text
    assert "changed on November 25, 2026" in text
    links = find(html[notice:], "a")
    assert {"href": "../../overfitting/", "hreflang": "zh"} in links
    assert {"href": "../translations/"} in links
    assert "admonition outdated" not in page(drifted_site, "overfitting")
    assert "admonition outdated" not in page(drifted_site, "en/ethics")


@pytest.mark.parametrize(
    ("path", "first", "state", "date"),
    [
        ("en/translations", "3. Handling Overfitting", "Out of date", "November 25, 2026"),
        ("translations", "3. 如何处理大规模语言模型的过拟合问题？", "过时", "2026 年 11 月 25 日"),
    ],
)
def test_the_status_pages_list_it_first(drifted_site, path, first, state, date):
    html = page(drifted_site, path)
    rows = re.findall(r"<tr>(.*?)</tr>", html[html.index("qa-translation-status") :], re.S)
    cells = [re.sub(r"<[^>]+>|\s+", " ", row).split() for row in rows[1:]]
    assert len(rows) == 21  # the header and 20 sections
    assert first in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", rows[1]))
    assert state in " ".join(cells[0]) and date in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", rows[1]))
    assert f"make diff FILE={TRANSLATION}" in rows[1]
    assert all("--diff" not in row for row in rows[2:])


@pytest.mark.slow
def test_a_translator_sees_what_changed_then_records_the_update(drifted, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(drifted, repo, symlinks=True)
    diff = check(repo, "--diff", TRANSLATION)
    assert diff.returncode == 0, diff.stdout
    assert diff.stdout.startswith(f"--- {ORIGINAL} as translated (commit ")
    assert ", 2026-11-20)" in diff.stdout and "(changed on 2026-11-25)" in diff.stdout
    assert f"+{SENTENCE}\n" in diff.stdout
    assert [line for line in diff.stdout.splitlines() if line.startswith(("+", "-"))][2:] == [
        f"+{SENTENCE}",
        "+",
    ]

    updated = check(repo, "--update-translation-record", TRANSLATION)
    assert updated.stdout.startswith(f"{TRANSLATION}: now records {ORIGINAL} at ")
    assert "out of date" not in check(repo, "--strict").stdout
    assert check(repo, "--diff", TRANSLATION).stdout.startswith(f"{TRANSLATION}: up to date")
    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    assert "admonition outdated" not in page(site, "en/overfitting")
    assert "--diff" not in page(site, "en/translations")


@pytest.mark.slow
def test_a_shallow_clone_and_a_folder_outside_git_still_build(drifted, tmp_path):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", drifted.as_uri(), str(shallow)], check=True)
    result = mkdocs_build(shallow, tmp_path / "shallow-site")
    assert result.returncode == 0, result.stderr
    html = page(tmp_path / "shallow-site", "en/overfitting")
    assert "has changed since this translation was last brought up to date" in html
    assert "qa-last-changed" not in html
    diff = check(shallow, "--diff", TRANSLATION)
    assert diff.returncode == 1 and "not in this clone's git history (a shallow clone?" in diff.stdout

    outside = tmp_path / "outside"
    shutil.copytree(drifted, outside, ignore=shutil.ignore_patterns(".git"))
    assert mkdocs_build(outside, tmp_path / "outside-site").returncode == 0


def test_the_reviewer_summary_lists_the_changed_pages_and_the_drift(drifted, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(drifted, repo, symlinks=True)
    git(repo, "checkout", "-q", "-b", "fix", "HEAD~1")
    change_original(repo)
    ethics = repo / "docs" / "en" / "ethics.md"
    ethics.write_text(
        ethics.read_text(encoding="utf-8").replace(
            "## Analysis {#analysis}\n\n", "## Analysis {#analysis}\n\nMore.\n\n"
        ),
        "utf-8",
    )
    git(repo, "commit", "-q", "-am", "fix", date="2026-11-26T10:00:00+00:00")
    summary = tmp_path / "summary.md"
    result = check(repo, "--summary", str(summary), "--base", "main~1")
    assert result.returncode == 0, result.stdout
    text = summary.read_text(encoding="utf-8")
    assert "No problem in 40 section pages." in text
    assert (
        "| `ethics` | [zh](https://llm-qa.github.io/llm-qa/ethics/) | "
        "[en](https://llm-qa.github.io/llm-qa/en/ethics/) (changed) |" in text
    )
    assert "| `overfitting` | [zh](https://llm-qa.github.io/llm-qa/overfitting/) (changed) |" in text
    assert f"- ` {TRANSLATION} ` is behind ` {ORIGINAL} `" in text
    assert "`pages-built-by-the-base-branch`" in text


def test_the_summary_quotes_a_problem_so_that_nothing_of_it_is_markdown():
    """A heading with backticks could end a single-backtick span and put live links and images into
    what reviewers read; each problem is a code span that nothing in it can end."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from llmqa.check.summary import code

    hostile = (
        "## `x` ![ok](https://evil.example/a.png) ``[All checks passed, approve](https://evil.example)``"
    )
    quoted = code(hostile)
    fence = quoted.split(" ", 1)[0]
    assert set(fence) == {"`"} and len(fence) == 3 and quoted.endswith(" " + fence)
    assert fence not in quoted[len(fence) : -len(fence)]
    assert "\n" not in code("a\nb") and code("a\nb") == "` a b `"


def test_strict_fails_on_a_broken_link_even_when_quiet(project, tmp_path):
    path = project / TRANSLATION
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [this](no-such-page.md).\n", "utf-8")
    for flags in (["--strict"], ["--strict", "-q"]):
        result = mkdocs_run(project, "build", *flags, "--site-dir", str(tmp_path / "site"))
        assert result.returncode == 1, flags
        output = result.stdout + result.stderr
        assert "no-such-page.md" in output and "in strict mode" in output


def git_dates() -> dict[str, str] | None:
    """The last commit date of each page of this repository, or None without its whole history."""
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    )
    if shallow.returncode != 0 or shallow.stdout.strip() != "false":
        return None
    dates = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        rel = path.relative_to(ROOT).as_posix()
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", rel], cwd=ROOT, capture_output=True, text=True
        )
        if out.stdout.strip():
            dates[rel] = out.stdout.strip()
    return dates


def test_pages_and_sitemaps_carry_the_last_change_from_git(built_site):
    dates = git_dates()
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for language, folder in (("zh", ""), ("en", "en/")):
        for rel, date in (dates or {}).items():
            if not rel.startswith(f"docs/{language}/") or rel.endswith(
                ("index.md", "tags.md", "translations.md")
            ):
                continue
            slug = Path(rel).stem
            html = page(built_site, folder + slug)
            assert f'<time datetime="{date}">' in html, rel
            assert re.search(rf"<loc>[^<]*/{folder}{slug}/</loc>\s*<lastmod>{date}</lastmod>", sitemap), rel
    if dates is None:
        assert "qa-last-changed" not in page(built_site, "overfitting")
