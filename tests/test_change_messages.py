"""The check's messages start from the contributor's change (issue 22): in a scratch git repository, each
common mistake gives one first message, in the changed file, with its line and its fix; no message
advises editing a page nobody touched; drift outside the change is one line; a new translation is in
sync; without git the newer file stands in for the change."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "hooks"))

from llmqa.sections.changes import Changes, detect

SCRIPT = ROOT / "hooks" / "check_sections.py"
FOLLOWS = "(follows from the problem above)"
TAIL = "Run 'make check'"


def git(repo: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org")
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    command = ["git", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def pages_copy(target: Path) -> Path:
    """What the section check reads: mkdocs.yml, docs/ and data/ (the check itself runs from ROOT)."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def repository(target: Path) -> Path:
    """A copy of the pages with its history: one commit on main, the base of the change."""
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "base")
    return target


@pytest.fixture
def repo(tmp_path) -> Path:
    return repository(pages_copy(tmp_path / "repo"))


def check(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in build_env().items() if k != "LLM_QA_BASE"} | (env or {})
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--config", str(repo / "mkdocs.yml"), *args],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def problems(stdout: str) -> list[str]:
    """The report's problem lines: after the summary line, before the closing hint."""
    lines = stdout.splitlines()
    end = next((i for i, line in enumerate(lines) if line.startswith(TAIL)), len(lines))
    return lines[1:end]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the five common mistakes ---------------------------------------------------------------------


def delete_analysis(repo: Path) -> None:
    path = repo / "docs/zh/overfitting.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("## 解析 {#analysis}")], encoding="utf-8")


def pluralise_example(repo: Path) -> None:
    edit(repo / "docs/en/overfitting.md", "## Example {#example}", "## Examples")


def rename_example(repo: Path) -> None:
    edit(repo / "docs/zh/overfitting.md", "## 举例 {#example}", "## 示例")


def duplicate_id(repo: Path) -> None:
    edit(repo / "docs/zh/ethics.md", "id: 10\n", "id: 3\n")


def drop_source(repo: Path) -> None:
    path = repo / "docs/zh/ethics.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    source = next(i for i, line in enumerate(lines) if line.strip().startswith("来源："))
    path.write_text("\n".join(lines[:source] + lines[source + 1 :]), encoding="utf-8")


def save_as_gbk(repo: Path) -> None:
    path = repo / "docs/zh/ethics.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))


MISTAKES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (the mistake, the file it changes, what the first message says: the problem and its fix)
    "missing block": (
        delete_analysis,
        "docs/zh/overfitting.md",
        "this page has no '## 解析 {#analysis}' block (it goes after the example); the English page "
        "(docs/en/overfitting.md) has one at line 62: add the block back here [structure]",
    ),
    "wrong heading": (
        pluralise_example,
        "docs/en/overfitting.md",
        "heading '## Examples' should read '## Example {#example}' [structure]",
    ),
    "block heading renamed": (
        rename_example,
        "docs/zh/overfitting.md",
        "heading '## 示例' stands where the example block goes: write '## 举例 {#example}' [structure]",
    ),
    "duplicate id": (
        duplicate_id,
        "docs/zh/ethics.md",
        "id 3 is already §3 (docs/zh/overfitting.md): give this page a free number, e.g. 10 (the English "
        "page, docs/en/ethics.md, has it; no Chinese page does) [identity]",
    ),
    "erratum without source": (
        drop_source,
        "docs/zh/ethics.md",
        "this erratum names no source: end it with a line '来源：<reference>' [structure]",
    ),
    "GBK file": (
        save_as_gbk,
        "docs/zh/ethics.md",
        "the file is not UTF-8 (it looks like GBK/GB18030): byte 0xb8 at line 4, column 5 cannot be "
        "read; re-save the file as UTF-8 (in VS Code: 'Save with Encoding' > 'UTF-8') [input]",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_common_mistake_gives_one_first_message_in_the_changed_file(repo, mistake):
    make, changed, message = MISTAKES[mistake]
    make(repo)
    result = check(repo, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = problems(result.stdout)
    first = re.match(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<message>.*)$", found[0])
    assert first and first["file"] == changed and int(first["line"]) > 0, found
    assert first["message"] == message
    errors = [line for line in found if ": notice: " not in line and "behind" not in line]
    assert [line for line in errors if FOLLOWS not in line] == [found[0]], "one mistake, one message"
    assert all(line.startswith(f"{changed}:") for line in errors), "consequences are told on the changed page"
    assert not [line for line in found if ": notice: " in line], "an original with errors is not compared"


def test_a_duplicate_id_advises_nothing_about_the_pages_nobody_touched(repo):
    duplicate_id(repo)
    result = check(repo)
    found = problems(result.stdout)
    untouched = ("docs/zh/overfitting.md:", "docs/en/overfitting.md:", "docs/en/ethics.md:")
    assert not [line for line in found if line.startswith(untouched)]
    assert not [line for line in found if "rename" in line]
    assert found[1].startswith("docs/zh/ethics.md:2: this page has id 3 but the English page")
    assert found[1].endswith(f"give this page id 10 {FOLLOWS} [parity]")


def test_a_change_to_the_chinese_page_alone_is_reported_on_it(repo):
    """An erratum deleted from the Chinese page: the message is on the Chinese page, not the English."""
    path = repo / "docs/zh/ethics.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("    /// erratum | 勘误 10b")
    end = text.index("    ///\n", start + 10) + len("    ///\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems(check(repo).stdout)
    assert found[0] == (
        "docs/zh/ethics.md:14: erratum 'erratum-10b' of the English page (docs/en/ethics.md, line 32) is "
        "missing here: add it back next to the same claim [parity]"
    )


@pytest.mark.slow
def test_the_build_reports_the_change_first(tmp_path):
    project = repository(copy_project(tmp_path / "project"))
    duplicate_id(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = (result.stdout + result.stderr).splitlines()
    head = next(i for i, line in enumerate(output) if "Section check: " in line)
    assert output[head + 1].startswith("docs/zh/ethics.md:2: id 3 is already §3 (docs/zh/overfitting.md)")


# --- drift ----------------------------------------------------------------------------------------


def add_sentence(repo: Path, slug: str) -> None:
    edit(repo / f"docs/zh/{slug}.md", "## 解析 {#analysis}\n\n", "## 解析 {#analysis}\n\n新增的一句。\n\n")


def test_drift_outside_the_change_is_one_line_and_inside_it_is_specific(repo):
    for slug in ("ethics", "interpretability", "data-privacy"):
        add_sentence(repo, slug)
    git(repo, "commit", "-q", "-am", "fixes merged before this change")
    git(repo, "checkout", "-q", "-b", "fix")
    add_sentence(repo, "overfitting")
    result = check(repo, "--strict")
    assert result.returncode == 0
    assert result.stdout.startswith("Section check: 0 errors, 0 warnings, 4 translations out of date")
    found = problems(result.stdout)
    assert len(found) == 2
    assert found[0].startswith("docs/en/overfitting.md:5: notice: docs/zh/overfitting.md changed since")
    assert found[1] == (
        "3 English pages are behind their Chinese originals (listed on the translation status page; "
        "`make diff FILE=docs/en/<slug>.md` shows what changed)"
    )
    github = check(repo, "--github").stdout.splitlines()
    assert [line.split(",", 1)[0] for line in github if line.startswith("::")] == [
        "::warning file=docs/en/overfitting.md"
    ]
    measured_from_before = problems(
        check(repo, env={"LLM_QA_BASE": "HEAD~1"}).stdout
    )  # all four in the change
    assert len(measured_from_before) == 4 and all(": notice: " in line for line in measured_from_before)


def test_a_new_pair_is_in_sync_and_the_local_check_records_it(repo):
    for language in ("zh", "en"):
        text = (repo / f"docs/{language}/ethics.md").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^translation_of: .*\n", "", text.replace("id: 10\n", "id: 21\n"))
        text = (
            text.replace("erratum-10", "erratum-21")
            .replace("勘误 10", "勘误 21")
            .replace("Erratum 10", "Erratum 21")
        )
        (repo / f"docs/{language}/new-section.md").write_text(text, encoding="utf-8")
    page = repo / "docs/en/new-section.md"
    in_ci = check(repo, "--github", "--strict")
    assert in_ci.returncode == 0 and "translation_of" not in page.read_text(encoding="utf-8")
    assert in_ci.stdout.strip() == "Section check: 0 errors, 0 warnings in 42 section pages"
    result = check(repo, "--strict")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Section check: 0 errors, 0 warnings in 42 section pages"
    assert re.fullmatch(
        r"docs/en/new-section\.md: now records docs/zh/new-section\.md at [0-9a-f]{12} "
        r"\(a new translation is in sync with its original: commit the record with it\)",
        lines[1],
    )
    assert re.search(r'(?m)^translation_of: "[0-9a-f]{12}"$', page.read_text(encoding="utf-8"))
    assert check(repo, "--strict").stdout.strip() == "Section check: 0 errors, 0 warnings in 42 section pages"


def test_a_page_that_was_there_without_a_record_is_still_a_notice(repo):
    page = repo / "docs/en/overfitting.md"
    page.write_text(re.sub(r"(?m)^translation_of: .*\n", "", page.read_text(encoding="utf-8")), "utf-8")
    result = check(repo, "--strict")
    assert result.returncode == 0
    assert problems(result.stdout) == [
        "docs/en/overfitting.md:1: notice: no translation record: once this page translates "
        "docs/zh/overfitting.md as it is, run 'make translated FILE=docs/en/overfitting.md' [drift]"
    ]
    assert "translation_of" not in page.read_text(encoding="utf-8")


# --- what the change is ---------------------------------------------------------------------------


def test_without_git_the_file_saved_last_is_the_change(tmp_path):
    """A copy outside any repository (a downloaded archive): the file saved after the others counts."""
    project = pages_copy(tmp_path / "archive")
    for path in project.rglob("*"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    duplicate_id(project)
    changes = detect(project, ["docs", "data"])
    assert not changes.from_git and changes.files == {"docs/zh/ethics.md"}
    found = problems(check(project).stdout)
    assert found[0].startswith("docs/zh/ethics.md:2: id 3 is already §3 (docs/zh/overfitting.md)")
    assert not [line for line in found if line.startswith(("docs/zh/overfitting.md", "docs/en/overfitting"))]


def test_without_git_the_newer_page_of_a_pair_is_the_one_the_change_is_about():
    changes = Changes(files=frozenset({"a", "b"}), mtimes={"a": 2.0, "b": 1.0})
    assert changes.explains("a", "b") == "a" and changes.explains("b", "a") == "a"
    assert Changes(files=frozenset({"a", "b"}), from_git=True).explains("a", "b") is None
    assert Changes().explains("a", "b") is None


def test_git_finds_commits_staged_unstaged_and_new_files_against_the_base(repo, monkeypatch):
    monkeypatch.delenv("LLM_QA_BASE", raising=False)
    git(repo, "checkout", "-q", "-b", "feature")
    add_sentence(repo, "ethics")
    git(repo, "commit", "-q", "-am", "committed")
    add_sentence(repo, "overfitting")
    git(repo, "add", "docs/zh/overfitting.md")
    add_sentence(repo, "interpretability")
    (repo / "docs/zh/new.md").write_text("# x\n", encoding="utf-8")
    changes = detect(repo, ["docs", "data"])
    assert changes.from_git
    assert changes.files == {
        "docs/zh/ethics.md",
        "docs/zh/overfitting.md",
        "docs/zh/interpretability.md",
        "docs/zh/new.md",
    }
    assert changes.added == {"docs/zh/new.md"}
    monkeypatch.setenv("LLM_QA_BASE", "HEAD")
    assert "docs/zh/ethics.md" not in detect(repo, ["docs", "data"]).files


def test_detection_falls_back_quietly(repo, tmp_path, monkeypatch):
    """Detached HEAD, a shallow clone, a wrong base, no git at all: less is known, nothing raises."""
    git(repo, "checkout", "-q", "-b", "feature")
    add_sentence(repo, "ethics")
    git(repo, "commit", "-q", "-am", "committed")
    git(repo, "checkout", "-q", "--detach")
    assert detect(repo, ["docs", "data"]).files == {"docs/zh/ethics.md"}
    monkeypatch.setenv("LLM_QA_BASE", "no-such-branch")
    assert detect(repo, ["docs", "data"]).files == frozenset()  # measured from HEAD: nothing uncommitted
    monkeypatch.delenv("LLM_QA_BASE")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)], check=True)
    assert detect(shallow, ["docs", "data"]).from_git
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    without = detect(repo, ["docs", "data"])
    assert not without.from_git and without.mtimes
