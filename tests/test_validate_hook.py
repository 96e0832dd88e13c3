"""The validator inside the real `mkdocs build`: broken pages stop the build, drift shows a notice."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env, mkdocs_build, mkdocs_config, mkdocs_run


def build(project: Path, site: Path, strict: bool = True) -> tuple[int, str]:
    result = mkdocs_build(project, site) if strict else mkdocs_run(project, "build", "--site-dir", str(site))
    return result.returncode, result.stdout + result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def test_the_pipeline_is_the_one_hook_in_mkdocs_yml():
    assert mkdocs_config()["hooks"] == ["hooks/pipeline.py"]


def test_broken_pages_stop_the_build_with_one_report(project, tmp_path):
    docs = project / "docs"
    metrics = docs / "en" / "evaluation-metrics.md"
    edit(metrics, "## Example {#example}\n", "")
    interpretability = docs / "en" / "interpretability.md"
    edit(interpretability, "tags:\n", "tags: [\n")
    (docs / "en" / "ethics.md").unlink()
    overfitting = docs / "zh" / "overfitting.md"
    overfitting.write_bytes(overfitting.read_text(encoding="utf-8").encode("gbk"))

    code, output = build(project, tmp_path / "site")

    assert code != 0
    assert "Traceback" not in output
    assert output.count("Section check: ") == 1
    assert "Aborted with a BuildError!" in output
    expected = [
        f"docs/en/evaluation-metrics.md:{line_of(metrics, '## Analysis')}: this page has no "
        "'## Example {#example}' block (it goes after the answer); the Chinese page "
        "(docs/zh/evaluation-metrics.md) has one at line ",
        ": translate it here [structure]",
        "docs/en/interpretability.md:",
        ": front matter is not valid YAML: ",
        "docs/zh/ethics.md:1: this section has no 'en' page: add docs/en/ethics.md (the same file name) "
        "with the translation [parity]",
        "docs/zh/overfitting.md:",
        ": the file is not UTF-8 (it looks like GBK/GB18030)",
    ]
    for fragment in expected:
        assert fragment in output
    assert not (tmp_path / "site" / "en" / "index.html").exists(), "no page may be rendered"


def test_rendered_problems_of_both_languages_come_in_one_report_and_only_good_pages_are_written(
    project, tmp_path
):
    docs = project / "docs"
    for language in ("zh", "en"):
        privacy = docs / language / "data-privacy.md"
        edit(privacy, "{#analysis}\n\n", "{#analysis}\n\n<script>alert(1)</script>\n\n")
    code, output = build(project, tmp_path / "site")
    assert code != 0 and "Traceback" not in output
    assert output.count("Section check: ") == 1
    for language in ("zh", "en"):
        line = line_of(docs / language / "data-privacy.md", "<script>")
        assert f"docs/{language}/data-privacy.md:{line}: element <script> is not allowed" in output
    site = tmp_path / "site"
    assert not (site / "data-privacy" / "index.html").exists()
    assert not (site / "en" / "data-privacy" / "index.html").exists()
    assert (site / "overfitting" / "index.html").exists() and (
        site / "en" / "overfitting" / "index.html"
    ).exists()


def test_on_github_actions_the_build_annotates_the_pull_request(project, tmp_path):
    edit(project / "docs" / "en" / "ethics.md", "{#answer}\n\n", "{#answer}\n\n[x](javascript:alert(1))\n\n")
    result = mkdocs_build(project, tmp_path / "site", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    line = line_of(project / "docs" / "en" / "ethics.md", "[x](javascript")
    assert (
        f"::error file=docs/en/ethics.md,line={line},title=section check (safety)::a 'javascript%3A' link"
        not in result.stdout
    )
    assert (
        f"::error file=docs/en/ethics.md,line={line},title=section check (safety)::a 'javascript:' link"
        in result.stdout
    )


def test_page_in_gbk_alone_is_a_clear_error(project, tmp_path):
    page = project / "docs" / "zh" / "overfitting.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gbk"))
    code, output = build(project, tmp_path / "site")
    assert code != 0 and "Traceback" not in output
    assert re.search(
        r"docs/zh/overfitting\.md:\d+: the file is not UTF-8 \(it looks like GBK/GB18030\)", output
    )


def test_bom_and_crlf_pages_build(project, tmp_path):
    for language in ("zh", "en"):
        page = project / "docs" / language / "overfitting.md"
        page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    code, output = build(project, tmp_path / "site")
    assert code == 0, output


def test_changed_original_is_one_notice_and_never_fails_the_build(project, tmp_path):
    """Drift is reported once per build, at INFO: the strict build passes and ships the notice
    (tests/test_contribution_loop.py follows the whole loop in a git repository)."""
    original = project / "docs" / "zh" / "overfitting.md"
    original.write_text(original.read_text(encoding="utf-8") + "\n新增的一段说明。\n", encoding="utf-8")
    code, output = build(project, tmp_path / "site")
    assert code == 0, output
    notices = [line for line in output.splitlines() if "notice: docs/zh/overfitting.md changed since" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO")
    page = (tmp_path / "site" / "en" / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert "This translation may be out of date" in page
    for other in ("overfitting/index.html", "en/ethics/index.html"):
        assert "admonition outdated" not in (tmp_path / "site" / other).read_text(encoding="utf-8")


@pytest.mark.slow
def test_checks_once_per_build_and_again_on_each_rebuild(tmp_path):
    """static-i18n builds 'en' inside the 'zh' build: one check covers both; a serve rebuild checks again."""
    script = textwrap.dedent(
        """
        import sys
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        for site in sys.argv[1:]:
            build(load_config(config_file="mkdocs.yml", site_dir=site))
            check = sys.modules["hooks/pipeline.py"].plugin.run.check
            pages = {language: len(found) for language, found in check.report.pages.items()}
            print(sys.modules["hooks/pipeline.py"].plugin.checks_run, pages)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "one"), str(tmp_path / "two")],
        cwd=ROOT,
        env=build_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["1 {'zh': 20, 'en': 20}", "2 {'zh': 20, 'en': 20}"]
    assert (tmp_path / "one" / "en" / "overfitting" / "index.html").exists()


def test_real_site_builds_without_outdated_notices(built_site):
    pages = list(built_site.rglob("index.html"))
    assert len(pages) >= 40
    assert not [p for p in pages if "admonition outdated" in p.read_text(encoding="utf-8")]


def test_a_report_names_no_path_of_this_machine(project, tmp_path):
    """Paths in messages are the project's, whatever failed: a source, a file, a rendered page."""
    (project / "docs" / "zh" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    os.symlink("/etc/passwd", project / "docs" / "en" / "passwd.md")
    code, output = build(project, tmp_path / "site")
    assert code != 0
    report = output[output.index("Section check: ") :]
    assert str(project) not in report and str(tmp_path) not in report and "/etc/passwd" not in report
    assert "docs/zh/page.html:1: " in report and "docs/en/passwd.md:1: " in report
