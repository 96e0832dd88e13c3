"""Edits a contributor may make, which the build takes: a shared image shown from a page of either
language (as the check's own message tells), and a title with an escaped character."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import mkdocs_build

PNG = (  # a 1x1 red pixel
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def test_a_shared_image_and_an_escaped_title_build_in_both_languages(project, tmp_path):
    (project / "docs" / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "images" / "figure.png").write_bytes(PNG)
    for lang, block, alt in (
        ("zh", "## 答案 {#answer}", "示意图"),
        ("en", "## Answer {#answer}", "A figure"),
    ):
        page = project / "docs" / lang / "overfitting.md"
        text = page.read_text(encoding="utf-8")
        text = text.replace(block, f"![{alt}](../assets/images/figure.png)\n\n{block}", 1)
        if lang == "en":
            title = next(line for line in text.split("\n") if line.startswith("# "))
            text = text.replace(title, title + r" \> Underfitting", 1)
        page.write_text(text, encoding="utf-8")
    record = [
        sys.executable,
        "hooks/check_sections.py",
        "--update-translation-record",
        "docs/en/overfitting.md",
    ]
    subprocess.run(record, cwd=project, check=True, capture_output=True)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    en = (site / "en" / "overfitting" / "index.html").read_text(encoding="utf-8")
    zh = (site / "overfitting" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/images/figure.png"' in en and 'src="../assets/images/figure.png"' in zh
    assert "Overfitting &gt; Underfitting" in en or "&gt; Underfitting" in en
    assert (site / "assets" / "images" / "figure.png").read_bytes() == PNG
