"""Front matter is read as MkDocs reads it, or the page is refused: where MkDocs's reading
(mkdocs.utils.meta.get_data) and the section check's would differ, a contribution could set fields the
check never saw (a title, a template, an icon) on any page."""

from __future__ import annotations

import sys

import pytest
from mkdocs.utils.meta import get_data

from tests.conftest import ROOT, mkdocs_build

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.sections.page import read_page
from llmqa.sections.rules import check_other_page, check_page

TRICKS = {
    # MkDocs takes '---' twice, then fields, then '---' as one front matter holding those fields.
    "empty-front-matter": (
        "---\n---\ntitle: <b>x</b>\ntemplate: ../x.html\n---\n\n# 首页\n",
        "an empty front matter",
    ),
    # Without '---', MkDocs reads 'name: value' lines at the top as fields (MultiMarkdown).
    "multimarkdown": ("template: ../../x.html\nicon: ../x\n\n# 首页\n", "starts with 'name: value'"),
    # A closing '---' without a line break: MkDocs reads no front matter, and shows the fields as text.
    "unended": ("---\nhide:\n  - navigation\n---", "no line break after it"),
}
OTHER_PAGES = ("index.md", "tags.md", "translations.md")


@pytest.mark.parametrize("name", list(TRICKS))
@pytest.mark.parametrize("page_name", OTHER_PAGES)
def test_a_reading_mkdocs_would_make_differently_is_refused(name, page_name):
    text, expected = TRICKS[name]
    meta = get_data(text)[1]
    page = read_page(f"docs/zh/{page_name}", text.encode())
    assert meta != (page.front_matter or {}) or name == "unended"  # the two readings differ
    messages = [str(problem) for problem in check_other_page(page)]
    assert any(expected in message for message in messages), messages


def test_a_section_with_the_empty_front_matter_trick_is_refused():
    good = (ROOT / "docs" / "zh" / "overfitting.md").read_text(encoding="utf-8")
    page = read_page("docs/zh/overfitting.md", ("---\n---\n" + good.split("---\n", 1)[1]).encode())
    messages = [str(problem) for problem in check_page(page, "zh", is_original=True)]
    assert any("an empty front matter" in message for message in messages), messages


@pytest.mark.parametrize(
    ("page_name", "field"),
    [("index.md", "template: translations.html"), ("tags.md", "title: Topics"), ("index.md", "status: new")],
)
def test_each_page_type_has_its_own_fields(page_name, field):
    page = read_page(f"docs/en/{page_name}", f"---\n{field}\n---\n\n# x\n".encode())
    messages = [str(problem) for problem in check_other_page(page)]
    assert any("is not allowed" in message and ":2:" in message for message in messages), messages


def test_the_real_pages_read_alike():
    for path in sorted((ROOT / "docs").glob("*/*.md")):
        text = path.read_text(encoding="utf-8-sig")
        page = read_page(path.relative_to(ROOT).as_posix(), path.read_bytes())
        assert get_data(text)[1] == (page.front_matter or {}), path


def test_the_build_refuses_the_tricks_on_the_pages_that_are_not_sections(project, tmp_path):
    placed = {}
    for (_name, (text, expected)), page_name in zip(TRICKS.items(), OTHER_PAGES, strict=True):
        (project / "docs" / "en" / page_name).write_text(text, encoding="utf-8")
        placed[f"docs/en/{page_name}"] = expected
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    for where, expected in placed.items():
        assert any(line.startswith(where + ":") and expected in line for line in output.splitlines()), output
