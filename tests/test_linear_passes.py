"""Every pass over a contribution is linear: pages of openers that never close (backtick runs, comment
starts, link targets, fences) are read in a blink. These used to take minutes (a pattern that looks for
a closer from every opener is quadratic). The bound is a hundred times what the passes take, so the
test cannot flake; the old code went over it by far."""

from __future__ import annotations

import sys
import time

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.glossary.terms import read_glossary, sections_using, source_text
from llmqa.sections.page import read_page
from llmqa.sections.rules import check_page
from llmqa.sections.scanner import code_span_ranges, remove_code_spans

SIZE = 96 * 1024
PAGES = {
    "backtick runs": "".join("`" * (n % 40 + 1) + "x" for n in range(SIZE // 22)),
    "comment starts": "<!-- x " * (SIZE // 7),
    "link targets": "[a](b " * (SIZE // 6),
    "fence openers": "```x\n~~~y\n" * (SIZE // 10),
}
BOUND_SECONDS = 5.0


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_glossary_reads_a_page_of_openers_in_linear_time(kind):
    terms = read_glossary(ROOT / "data" / "glossary.tsv")
    page = "---\nid: 1\n---\n# x\n\n" + PAGES[kind]
    start = time.perf_counter()
    source_text(page)
    sections_using(terms, {"x": {"zh": page, "en": page}})
    assert time.perf_counter() - start < BOUND_SECONDS


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_section_check_reads_a_page_of_openers_in_linear_time(kind):
    text = (ROOT / "docs" / "en" / "overfitting.md").read_text(encoding="utf-8") + "\n" + PAGES[kind]
    start = time.perf_counter()
    check_page(read_page("docs/en/overfitting.md", text.encode()), "en", is_original=False)
    assert time.perf_counter() - start < BOUND_SECONDS


def test_code_spans_are_found_as_markdown_finds_them():
    assert code_span_ranges("a `b` c ``d ` e`` f") == [(2, 5), (8, 17)]
    assert code_span_ranges("``` a ` b") == []
    assert remove_code_spans("x `y` z `` w") == "x   z `` w"
    line = "`" * 3 + "a" + "`" * 2 + "b" + "`" * 3
    assert code_span_ranges(line) == [(0, len(line))]
