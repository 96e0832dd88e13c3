"""The section rules on fixtures: good pages pass, each bad fixture gets exactly its documented messages."""

from __future__ import annotations

import shutil
import string
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import check_sections  # noqa: E402 - needs hooks/ on the path
from llmqa.sections.changes import Changes  # noqa: E402
from llmqa.sections.page import read_page  # noqa: E402
from llmqa.sections.parity import check_tag_names, compare_pages  # noqa: E402
from llmqa.sections.project import check_project  # noqa: E402
from llmqa.sections.report import Project, Report  # noqa: E402
from llmqa.sections.rules import check_page  # noqa: E402
from llmqa.sections.scanner import remove_code_spans, split_comments, split_row  # noqa: E402
from llmqa.translation.drift import check_drift  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sections"
GOOD = FIXTURES / "good"
EXPECTED = yaml.safe_load((FIXTURES / "expected.yml").read_text(encoding="utf-8"))
PAGE_FIXTURES = sorted(name for name in EXPECTED if not name.startswith("parity/"))
PARITY_FIXTURES = sorted(name for name in EXPECTED if name.startswith("parity/"))


def make_project(tmp_path: Path, good: bool = True) -> Project:
    """A project with the good fixture pages in docs/zh and docs/en."""
    if good:
        shutil.copytree(GOOD, tmp_path / "docs")
    return Project(root=tmp_path, docs_dir=tmp_path / "docs", languages=["zh", "en"], default="zh")


def messages(report_or_problems) -> list[str]:
    problems = report_or_problems.problems if isinstance(report_or_problems, Report) else report_or_problems
    return [str(p) for p in problems]


# --- good pages ----------------------------------------------------------------------------------


def test_good_fixtures_pass(tmp_path):
    report = check_project(make_project(tmp_path))
    assert messages(report) == []
    assert report.section_count == 4
    assert report.outdated == {}


def test_good_page_is_read_as_four_blocks_with_tables_and_notes():
    page = read_page("docs/en/demo-section.md", (GOOD / "en" / "demo-section.md").read_bytes())
    assert page.front_matter["id"] == 7
    assert page.field_line("tags") == 3
    assert [b.heading.anchor for b in page.blocks] == ["question", "answer", "example", "analysis"]
    assert [b.heading.line for b in page.blocks] == [12, 20, 56, 71]
    # headings inside the HTML comment, the fenced code and the indented code are not blocks
    assert [h.anchor for h in page.headings if h.anchor] == [
        "question",
        "answer",
        "summary",
        "example",
        "analysis",
    ]
    assert [(t.block, t.rows, t.columns, t.illustrative) for t in page.tables] == [
        ("answer", 1, 2, False),
        ("example", 2, 3, True),
    ]
    errata = [n for n in page.notes if n.kind == "erratum"]
    assert [(n.attrs["id"], n.block, n.line) for n in errata] == [("erratum-7a", "answer", 26)]


def test_markup_shown_as_code_is_accepted():
    """The good fixtures hold <script> and a javascript: link in fenced code, indented code, a code span.

    (What a page renders to is checked by the build: tests/test_hostile_corpus.py.)"""
    page = read_page("docs/en/demo-section.md", (GOOD / "en" / "demo-section.md").read_bytes())
    text = page.text
    assert "<script>alert(1)</script>" in text and "javascript:alert(1)" in text and "`<script>`" in text
    assert check_page(page, "en", is_original=False) == []


def test_table_cells_comments_and_code_spans_are_split_as_markdown_does():
    assert split_row("| a \\| b | `c|d` | e |") == [" a \\| b ", " `c|d` ", " e "]
    assert split_comments("a <!-- x --> b `<!--` c <!-- y", False) == ("a  b `<!--` c ", True)
    assert split_comments("still hidden --> shown", True) == (" shown", False)
    assert remove_code_spans("x `<script>` y ``a`b`` z ` open") == "x   y   z ` open"


def test_bom_and_crlf_are_accepted_and_do_not_change_the_record(tmp_path):
    project = make_project(tmp_path)
    for path in (project.docs_dir / "zh" / "demo-section.md", project.docs_dir / "en" / "demo-section.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    report = check_project(project)
    assert messages(report) == []
    page = report.pages["zh"]["demo-section.md"]
    assert page.has_bom and page.crlf


# --- one bad fixture per rule --------------------------------------------------------------------


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_page_fixture_reports_documented_messages(fixture):
    path = FIXTURES / fixture
    page = read_page(f"docs/en/{path.name}", path.read_bytes())
    assert messages(check_page(page, "en", is_original=False)) == EXPECTED[fixture]


@pytest.mark.parametrize("fixture", PARITY_FIXTURES)
def test_parity_fixture_reports_documented_messages(fixture, tmp_path):
    project = make_project(tmp_path)
    shutil.copy(FIXTURES / fixture, project.docs_dir / "en" / "demo-section.md")
    assert messages(check_project(project)) == EXPECTED[fixture]


def test_every_rule_has_a_failing_fixture():
    rules = {message.rsplit("[", 1)[1].rstrip("]") for found in EXPECTED.values() for message in found}
    assert rules >= {"structure", "identity", "parity", "input"}


# --- rules across pages --------------------------------------------------------------------------


def test_deleted_translation_is_reported_on_the_original(tmp_path):
    project = make_project(tmp_path)
    (project.docs_dir / "en" / "demo-section.md").unlink()
    assert messages(check_project(project)) == [
        "docs/zh/demo-section.md:1: this section has no 'en' page: add docs/en/demo-section.md "
        "(the same file name) with the translation [parity]"
    ]


def test_translation_without_original(tmp_path):
    project = make_project(tmp_path)
    (project.docs_dir / "zh" / "other-section.md").unlink()
    found = messages(check_project(project))
    assert (
        "docs/en/other-section.md:1: this page has no original: add docs/zh/other-section.md, "
        "or give this file the same name as the page it translates [parity]"
    ) in found


def test_same_id_needs_the_same_file_name(tmp_path):
    project = make_project(tmp_path)
    en = project.docs_dir / "en"
    (en / "demo-section.md").rename(en / "demo.md")
    found = messages(check_project(project))
    assert (
        "docs/en/demo.md:2: id 7 is docs/zh/demo-section.md in the original language: "
        "rename this file to 'demo-section.md' (one file name in every language) [identity]"
    ) in found


def test_ids_are_unique_per_language(tmp_path):
    """The page given a number already taken is told to take a free one (its translation's, free)."""
    project = make_project(tmp_path)
    path = project.docs_dir / "zh" / "other-section.md"
    path.write_text(path.read_text(encoding="utf-8").replace("id: 8", "id: 7"), encoding="utf-8")
    found = messages(check_project(project))
    assert found[0] == (
        "docs/zh/other-section.md:2: id 7 is already §7 (docs/zh/demo-section.md): give this page a free "
        "number, e.g. 8 (the English page, docs/en/other-section.md, has it; no Chinese page does) [identity]"
    )
    assert not [message for message in found if "demo-section.md:" in message.split(" ", 1)[0]]


def test_ids_shared_by_pages_nobody_changed_name_both(tmp_path):
    """Nothing tells the two pages apart (the same time, no git): one message names both."""
    project = make_project(tmp_path)
    path = project.docs_dir / "zh" / "other-section.md"
    path.write_text(path.read_text(encoding="utf-8").replace("id: 8", "id: 7"), encoding="utf-8")
    found = messages(check_project(project, Changes()))
    assert found[0] == (
        "docs/zh/other-section.md:2: id 7 is used by both docs/zh/demo-section.md (line 2) and this page: "
        "every section needs its own number; give one of them a free one, e.g. 8 (the English page, "
        "docs/en/other-section.md, has it; no Chinese page does) [identity]"
    )


def test_related_sections_must_exist(tmp_path):
    project = make_project(tmp_path)
    for language in ("zh", "en"):
        path = project.docs_dir / language / "demo-section.md"
        path.write_text(path.read_text(encoding="utf-8").replace("[other-section]", "[no-such]"), "utf-8")
    found = messages(check_project(project))
    assert (
        "docs/zh/demo-section.md:6: related section 'no-such' does not exist "
        "(docs/zh/no-such.md is missing): use the file name of another section, without '.md' [identity]"
    ) in found


def test_a_topic_has_one_name_per_language(tmp_path):
    project = make_project(tmp_path)
    path = project.docs_dir / "en" / "other-section.md"
    path.write_text(path.read_text(encoding="utf-8").replace("- Evaluation", "- Evaluations"), "utf-8")
    assert messages(check_project(project)) == [
        "docs/en/other-section.md:3: topic '评估' is tagged 'Evaluation' in docs/en/demo-section.md "
        "but 'Evaluations' here: use one name per topic, and list tags in the same order in both languages "
        "[parity]"
    ]


def test_unknown_page_in_a_language_folder_is_checked_not_skipped(tmp_path):
    project = make_project(tmp_path)
    (project.docs_dir / "en" / "about.md").write_text("# About\n\nSome text.\n", encoding="utf-8")
    (project.docs_dir / "en" / "extra").mkdir()
    (project.docs_dir / "en" / "extra" / "page.md").write_text("# Page\n", encoding="utf-8")
    found = messages(check_project(project))
    assert any(m.startswith("docs/en/about.md:1: no front matter") for m in found)
    assert "docs/en/about.md:1: this page has no original: add docs/zh/about.md, " in " ".join(found)
    assert (
        "docs/en/extra/page.md:1: section pages live directly in docs/en/: move this file there [identity]"
        in found
    )


def test_front_matter_holds_only_the_fields_the_site_uses():
    text = (GOOD / "en" / "demo-section.md").read_text(encoding="utf-8")
    text = text.replace("id: 7\n", 'id: 7\ndescription: "<script>alert(1)</script>"\n')
    found = messages(check_page(read_page("docs/en/demo-section.md", text.encode()), "en", is_original=False))
    assert found == [
        "docs/en/demo-section.md:3: front matter field 'description' is not allowed: a section page may have "
        "'id', 'tags', 'related', 'translation_of', 'title_note' [identity]"
    ]


def test_home_page_is_not_a_section_but_its_front_matter_is_checked(tmp_path):
    project = make_project(tmp_path)
    index = project.docs_dir / "en" / "index.md"
    index.write_text("---\ntitle: <b>x</b>\n---\n" + index.read_text(encoding="utf-8"), "utf-8")
    assert messages(check_project(project)) == [
        "docs/en/index.md:2: front matter field 'title' is not allowed (the title is the page's '# ' "
        "heading): this page may have 'hide' [identity]"
    ]


def test_wrong_types_in_front_matter_and_block_options_are_messages_not_errors(tmp_path):
    text = (GOOD / "en" / "demo-section.md").read_text(encoding="utf-8")
    text = (
        text.replace("id: 7\n", "id: {a: [1]}\n")
        .replace("related: [other-section]", "related: 3")
        .replace("attrs: {id: erratum-7a}", "attrs: {id: [erratum-7a], class: {x: 1}}")
    )
    found = messages(check_page(read_page("docs/en/demo-section.md", text.encode()), "en", is_original=False))
    expected = "docs/en/demo-section.md:2: 'id' must be a whole number from 1 to 9999, not {'a': [1]}"
    assert expected in " ".join(found)
    assert any("'related' must list sections by file name" in m for m in found)
    assert any("'id' in 'attrs' must be text, not ['erratum-7a']" in m for m in found)
    assert any("'class' in 'attrs' must be text" in m for m in found)


def test_a_field_given_twice_is_an_error():
    text = (GOOD / "en" / "demo-section.md").read_text(encoding="utf-8").replace("id: 7\n", "id: 7\nid: 8\n")
    found = messages(check_page(read_page("docs/en/demo-section.md", text.encode()), "en", is_original=False))
    assert found == [
        "docs/en/demo-section.md:3: front matter field 'id' is given twice (lines 2 and 3): "
        "keep one [identity]"
    ]


def test_invisible_and_look_alike_characters_are_named(tmp_path):
    text = (GOOD / "en" / "demo-section.md").read_text(encoding="utf-8")
    text = text.replace("attrs: {id: erratum-7a}", "attrs: {id: erratum-7\u0430}").replace(
        "## Example {#example}", "## Example {#example}\u200b"
    )
    found = " ".join(messages(check_page(read_page("docs/en/demo-section.md", text.encode()), "en", False)))
    assert "U+0430 CYRILLIC SMALL LETTER A" in found


# --- translation drift ---------------------------------------------------------------------------


def test_changed_original_warns_and_the_update_command_clears_it(tmp_path):
    project = make_project(tmp_path)
    original = project.docs_dir / "zh" / "demo-section.md"
    original.write_text(original.read_text(encoding="utf-8") + "\n新增一句话。\n", encoding="utf-8")
    report = check_project(project)
    assert [p.severity for p in report.problems] == ["notice"]
    assert messages(report) == [
        "docs/en/demo-section.md:7: notice: docs/zh/demo-section.md changed since this translation "
        f"was recorded (7e5a083ae1a1, now {report.pages['zh']['demo-section.md'].body_hash()}): "
        "see what changed with 'make diff FILE=docs/en/demo-section.md', "
        "bring this page up to date, then run "
        "'make translated FILE=docs/en/demo-section.md' [drift]"
    ]
    assert report.outdated == {"docs/en/demo-section.md": "docs/zh/demo-section.md"}

    translation = project.docs_dir / "en" / "demo-section.md"
    before = translation.read_text(encoding="utf-8")
    result = check_sections.update_translation_record(project, translation)
    assert result.startswith("docs/en/demo-section.md: now records docs/zh/demo-section.md at ")
    after = translation.read_text(encoding="utf-8")
    assert (
        after.replace(after.split("\n")[6], before.split("\n")[6]) == before
    )  # only the record line changed
    assert messages(check_project(project)) == []


def test_front_matter_change_in_the_original_is_not_drift(tmp_path):
    project = make_project(tmp_path)
    original = project.docs_dir / "zh" / "demo-section.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("tags:\n", "tags:\n  - 新主题\n"), "utf-8"
    )
    translation = project.docs_dir / "en" / "demo-section.md"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("tags:\n", "tags:\n  - New topic\n"), "utf-8"
    )
    assert messages(check_project(project)) == []


def test_a_translation_without_record_is_new_in_sync_and_its_record_keeps_crlf(tmp_path):
    """Without git nothing says the page is not new: a translation with no record is a new one, in sync
    by definition (tests/test_change_messages.py: with git, an old page without one is a notice)."""
    project = make_project(tmp_path)
    translation = project.docs_dir / "en" / "other-section.md"
    lines = translation.read_text(encoding="utf-8").split("\n")
    translation.write_bytes(
        "\r\n".join(line for line in lines if not line.startswith("translation_of")).encode()
    )
    report = check_project(project)
    assert messages(report) == [] and report.outdated == {}
    assert report.unrecorded == ["docs/en/other-section.md"]
    check_sections.update_translation_record(project, translation)
    data = translation.read_bytes()
    assert b'translation_of: "31157d8b4680"\r\n---\r\n' in data and b"\n" not in data.replace(b"\r\n", b"")
    assert messages(check_project(project)) == []


def test_record_on_an_original_is_an_error(tmp_path):
    project = make_project(tmp_path)
    original = project.docs_dir / "zh" / "other-section.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("id: 8\n", "id: 8\ntranslation_of: x\n"), "utf-8"
    )
    assert messages(check_project(project)) == [
        "docs/zh/other-section.md:3: 'translation_of' belongs on translations only: remove it here [identity]"
    ]


# --- never raises --------------------------------------------------------------------------------

MARKDOWN_BITS = [
    "---",
    "...",
    "id: 1",
    "id: [1",
    "tags: [a, b]",
    "translation_of: 0123456789ab",
    "# Title",
    "## Question {#question}",
    "## 答案 {#answer}",
    "## Example {#example}",
    "## Analysis {#analysis}",
    "## Notes",
    "Title",
    "=====",
    "-----",
    "```",
    "~~~~",
    "    indented code",
    "* item",
    "1. item",
    "        deeper",
    "<!--",
    "-->",
    "<!-- x --> text",
    "/// erratum | Erratum 1a: x",
    "    attrs: {id: erratum-1a}",
    "    attrs: {id: [",
    "/// table-caption | <",
    "    attrs: {class: illustrative}",
    "///",
    "////",
    "Source: x",
    "| a | b |",
    "| --- | --- |",
    "| 1 | 2 | 3 |",
    "|",
    "`code | span`",
    "<script>",
    "<a href='javascript:x' onclick=y>",
    "[x](data:x)",
    "{ onclick=x }",
    "\t",
    "",
    "\r",
    "\ufeff",
    "\x00",
]


@st.composite
def markdownish(draw) -> str:
    parts = draw(
        st.lists(
            st.one_of(st.sampled_from(MARKDOWN_BITS), st.text(string.printable + "题目答案", max_size=12)),
            max_size=40,
        )
    )
    return "\n".join(parts)


def check_pair(zh: bytes, en: bytes) -> None:
    """Every rule on an arbitrary pair of pages, in memory."""
    original = read_page("docs/zh/x.md", zh)
    page = read_page("docs/en/x.md", en)
    for language, one in (("zh", original), ("en", page)):
        problems = check_page(one, language, is_original=language == "zh")
        assert all(p.line >= 1 and p.file == one.path for p in problems)
    if original.readable and page.readable:
        compare_pages(original, page)
    pages = {"zh": {"x.md": original}, "en": {"x.md": page}}
    check_tag_names(pages, "zh", "en")
    project = Project(
        root=Path("/nonexistent"), docs_dir=Path("/nonexistent/docs"), languages=["zh", "en"], default="zh"
    )
    check_drift(project, Report(pages=pages), "en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish(), markdownish())
def test_never_raises_on_markdownish_text(zh, en):
    check_pair(zh.encode("utf-8"), en.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.text(max_size=300))
def test_never_raises_on_arbitrary_bytes_and_text(data, text):
    check_pair(data, text.encode("utf-8", "surrogatepass"))


def test_never_raises_on_a_whole_project_of_arbitrary_pages():
    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(["zh", "en"]), markdownish()), max_size=6))
    def run(pages):
        with tempfile.TemporaryDirectory() as folder:
            project = make_project(Path(folder), good=False)
            for language in ("zh", "en"):
                (project.docs_dir / language).mkdir(parents=True)
            for index, (language, text) in enumerate(pages):
                (project.docs_dir / language / f"page-{index % 3}.md").write_text(
                    text, encoding="utf-8", newline=""
                )
            report = check_project(project)
            assert all(p.severity in ("error", "warning") for p in report.problems)

    run()
