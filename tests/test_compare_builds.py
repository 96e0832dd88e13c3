"""benchmarks/compare_builds.py, the check that a change of code changes nothing in the built site:
two copies of one build are identical, and a changed page, a missing file or a redrawn card is seen."""

from __future__ import annotations

import shutil

from benchmarks.compare_builds import compare


def test_a_copy_of_a_build_is_identical_and_each_change_is_seen(built_site, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built_site, copy)
    assert compare(built_site, copy) == ([], [], [])
    page = copy / "overfitting" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "!</h1>", 1), encoding="utf-8")
    (copy / "en" / "ethics" / "index.html").unlink()
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    only_a, only_b, differ = compare(built_site, copy)
    assert (
        only_a == ["en/ethics/index.html"]
        and only_b == ["extra.txt"]
        and differ == ["overfitting/index.html"]
    )
