"""The checker's command line, as contributors, pre-commit and the pull-request workflow run it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "hooks" / "check_sections.py"
GOOD = Path(__file__).resolve().parent / "fixtures" / "sections" / "good"

MKDOCS_YML = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/test/"]
docs_dir: pages
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: zh
          name: 中文
          default: true
        - locale: en
          name: English
"""


def make_project(tmp_path: Path) -> Path:
    """A project folder: an mkdocs.yml with !ENV and python tags, the good fixture pages in pages/."""
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    shutil.copytree(GOOD, tmp_path / "pages")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--config", str(project / "mkdocs.yml"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def break_structure(project: Path) -> None:
    """The English page without its example block (the fixture structure/missing-example.md)."""
    shutil.copy(
        GOOD.parent / "structure" / "missing-example.md", project / "pages" / "en" / "demo-section.md"
    )


def change_original(project: Path) -> None:
    page = project / "pages" / "zh" / "other-section.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")


def test_clean_project_passes(tmp_path):
    result = run(make_project(tmp_path), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "Section check: 0 errors, 0 warnings in 4 section pages"


def test_errors_fail_with_file_line_and_fix(tmp_path):
    project = make_project(tmp_path)
    break_structure(project)
    result = run(project)
    assert result.returncode == 1
    assert (
        "pages/en/demo-section.md:56: this page has no '## Example {#example}' block (it goes after the "
        "answer); the Chinese page (pages/zh/demo-section.md) has one at line 55: translate it here "
        "[structure]"
    ) in result.stdout
    assert result.stdout.startswith("Section check: ")
    assert "Traceback" not in result.stderr


def test_a_translation_out_of_date_never_fails_even_strictly(tmp_path):
    project = make_project(tmp_path)
    change_original(project)
    relaxed, strict = run(project), run(project, "--strict")
    assert relaxed.returncode == 0 and strict.returncode == 0
    assert "pages/en/other-section.md:6: notice: pages/zh/other-section.md changed since" in relaxed.stdout
    assert "1 translation out of date" in relaxed.stdout
    assert relaxed.stdout == strict.stdout


def test_github_annotations(tmp_path):
    project = make_project(tmp_path)
    break_structure(project)
    change_original(project)
    lines = run(project, "--github").stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations == [
        "::error file=pages/en/demo-section.md,line=56,title=section check (structure)::this page has no "
        "'## Example {#example}' block (it goes after the answer); the Chinese page "
        "(pages/zh/demo-section.md) has one at line 55: translate it here",
        "::warning file=pages/en/other-section.md,line=6,title=section check (drift)::"
        "pages/zh/other-section.md changed since this translation was recorded "
        f"(31157d8b4680, now {current_hash(project)}): see what changed with "
        "'make diff FILE=pages/en/other-section.md', bring this page up to date, "
        "then run 'make translated FILE=pages/en/other-section.md'",
    ]
    assert lines[len(annotations)].startswith(
        "Section check: 1 error, 0 warnings, 1 translation out of date in 4 section pages:"
    )


def current_hash(project: Path) -> str:
    sys.path.insert(0, str(ROOT / "hooks"))
    from llmqa.sections.page import read_page

    path = project / "pages" / "zh" / "other-section.md"
    return read_page("x", path.read_bytes()).body_hash()


def test_annotation_escapes_newlines_and_property_separators():
    sys.path.insert(0, str(ROOT / "hooks"))
    from check_sections import github_annotation
    from llmqa.sections.report import Problem

    line = github_annotation(Problem("docs/en/a,b:c.md", 3, "safety", "50% bad\n::error::second line"))
    assert line == (
        "::error file=docs/en/a%2Cb%3Ac.md,line=3,title=section check (safety)::"
        "50%25 bad⟨U+000A LINE FEED⟩::error::second line"
    )


def test_no_report_line_can_start_a_workflow_command_or_hide_text():
    """A quoted newline would start a line of its own; a line starting with '::' is a CI command."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from llmqa.sections.report import Problem, Report

    report = Report(
        problems=[
            Problem("docs/en/x.md", 1, "structure", "heading 'a\r\n::set-output name=x::y' \u202e\u200b"),
            Problem("::error::docs/en/y.md", 2, "files", "x"),
        ]
    )
    lines = report.format().split("\n")
    assert len(lines) == 4
    assert not any(line.startswith("::") for line in lines)
    assert "⟨U+000D CARRIAGE RETURN⟩⟨U+000A LINE FEED⟩" in lines[2]
    assert "⟨U+202E RIGHT-TO-LEFT OVERRIDE⟩⟨U+200B ZERO WIDTH SPACE⟩" in lines[2]


def test_recorded_hash_of_digits_only_is_read_back_as_a_record(tmp_path):
    """A record is quoted: an unquoted 12-digit hash would be read as a number, and refused."""
    project = make_project(tmp_path)
    sys.path.insert(0, str(ROOT / "hooks"))
    from llmqa.sections.page import read_page

    original = project / "pages" / "zh" / "other-section.md"
    text = original.read_text(encoding="utf-8")
    for attempt in range(100_000):
        changed = f"{text}\n第 {attempt} 句。\n"
        if read_page("x", changed.encode()).body_hash().isdigit():
            break
    original.write_text(changed, encoding="utf-8")
    assert run(project, "--update-translation-record", "pages/en/other-section.md").returncode == 0
    assert current_hash(project).isdigit()
    assert f'translation_of: "{current_hash(project)}"' in (project / "pages/en/other-section.md").read_text(
        "utf-8"
    )
    assert run(project, "--strict").returncode == 0


def test_update_translation_record_for_one_file_then_all(tmp_path):
    project = make_project(tmp_path)
    change_original(project)
    page = project / "pages" / "en" / "other-section.md"
    result = run(project, "--update-translation-record", "pages/en/other-section.md")
    assert result.returncode == 0
    assert result.stdout.startswith("pages/en/other-section.md: now records pages/zh/other-section.md at ")
    assert f'translation_of: "{current_hash(project)}"\n' in page.read_text(encoding="utf-8")
    assert run(project, "--strict").returncode == 0

    for name in ("demo-section.md", "other-section.md"):
        path = project / "pages" / "en" / name
        path.write_text(
            "".join(
                line for line in path.read_text("utf-8").splitlines(True) if "translation_of" not in line
            ),
            "utf-8",
        )
    everything = run(project, "--update-translation-record")
    assert sorted(everything.stdout.splitlines()) == [
        "pages/en/demo-section.md: now records pages/zh/demo-section.md at 7e5a083ae1a1",
        f"pages/en/other-section.md: now records pages/zh/other-section.md at {current_hash(project)}",
    ]
    assert run(project, "--strict").returncode == 0


def test_update_refuses_originals_and_unknown_files(tmp_path):
    project = make_project(tmp_path)
    result = run(project, "--update-translation-record", "pages/zh/demo-section.md", "nope.md")
    assert result.stdout.splitlines() == [
        "pages/zh/demo-section.md: an original (zh), not a translation: skipped",
        "nope.md: no such file",
    ]


def test_non_utf8_page_is_an_error_not_a_crash(tmp_path):
    project = make_project(tmp_path)
    page = project / "pages" / "zh" / "other-section.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gbk"))
    result = run(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "pages/zh/other-section.md:4: the file is not UTF-8 (it looks like GBK/GB18030)" in result.stdout


def test_real_project_passes_strictly():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--strict"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Section check: 0 errors, 0 warnings in 40 section pages"


def test_pre_commit_runs_the_checker():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    hook = next(h for h in hooks if h["id"] == "check-sections")
    assert "hooks/check_sections.py" in hook["entry"] and hook["pass_filenames"] is False
    assert hook["language"] in ("system", "python")


def test_the_stand_alone_check_runs_with_only_its_declared_dependencies(tmp_path):
    """What pre-commit installs (its additional_dependencies) is all the check imports: run it with a
    Python that sees only the standard library and those packages, taken from this venv."""
    import importlib.util

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "check-sections")
    declared = {dependency.split("==")[0].lower() for dependency in hook["additional_dependencies"]}
    modules = {"pyyaml": ["yaml", "_yaml"], "selectolax": ["selectolax"]}
    assert set(modules) == declared
    packages = tmp_path / "site-packages"
    packages.mkdir()
    for name in (module for dependency in declared for module in modules[dependency]):
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue  # _yaml: PyYAML's optional C part
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        (packages / source.name).symlink_to(source)
    run = (
        f"import sys, runpy; sys.path[:0] = [{str(packages)!r}]; "
        "sys.argv = ['hooks/check_sections.py', '--strict']; "
        "runpy.run_path('hooks/check_sections.py', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-I", "-c", run], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    # pre-commit runs the check again when any module it imports changes.
    assert all(
        re.match(hook["files"], path)
        for path in (
            "hooks/check_sections.py",
            "hooks/llmqa/sections/rules.py",
            "data/glossary.tsv",
            "mkdocs.yml",
        )
    )
