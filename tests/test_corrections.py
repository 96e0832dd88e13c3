"""The corrections are themselves correct (issue 11): each corrected claim, pinned by a phrase, is gone
from the built page in both languages and the corrected one is there; notes that answer a sentence
in another block stand in that block (tests/fixtures/corrected_notes.yml pins the phrases). The
English's own wording is checked in test_english_text.py.

Read from the real build (`built_site`) as tests/page_text.py reads a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.page_text import LANG_DIRS

# Each note's phrases: what it may no longer say and what it must say, in each language.
CORRECTED_NOTES = [
    (note["section"], note["note"], {lang: (note[lang]["gone"], note[lang]["there"]) for lang in LANG_DIRS})
    for note in yaml.safe_load(
        (Path(__file__).parent / "fixtures" / "corrected_notes.yml").read_text(encoding="utf-8")
    )
]


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize(
    ("slug", "item", "phrases"), CORRECTED_NOTES, ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_corrected_claim_is_gone_and_the_correction_is_there(pages, lang, slug, item, phrases):
    note = pages(lang, slug).note(item)
    gone, there = phrases[lang]
    for phrase in gone:
        assert phrase not in note, f"{lang}/{slug} #erratum-{item} still says {phrase!r}:\n{note}"
    for phrase in there:
        assert phrase in note, f"{lang}/{slug} #erratum-{item} lacks {phrase!r}:\n{note}"


# A note that answers a sentence of another block stands in that block, and links the note it leans on.
NOTES_IN_THEIR_BLOCK = [
    ("inference-optimization", "2d", "example", ()),
    ("inference-optimization", "2e", "analysis", ("#erratum-2d",)),
    ("data-privacy", "7d", "analysis", ("#erratum-7b",)),
    ("generative-vs-discriminative", "16a", "answer", ("#erratum-16b",)),
    ("generative-vs-discriminative", "16d", "example", ("#erratum-16a",)),
    ("generative-vs-discriminative", "16e", "analysis", ("#erratum-16a",)),
    ("energy-consumption", "11b", "example", ("training-acceleration/#erratum-4c",)),
    ("computational-efficiency", "8b", "analysis", ("/#erratum-4b", "/#erratum-4c", "/#erratum-4d")),
]


@pytest.mark.parametrize("lang", LANG_DIRS)
@pytest.mark.parametrize(("slug", "item", "block", "links"), NOTES_IN_THEIR_BLOCK)
def test_a_note_stands_in_the_block_of_the_sentence_it_corrects(pages, lang, slug, item, block, links):
    page = pages(lang, slug)
    page.note(item)
    assert page.block_of(item) == block, f"{lang}/{slug}: #erratum-{item} is in {page.block_of(item)}"
    start = page.html.index(f'id="erratum-{item}"')
    note_html = page.html[start : page.html.index("</div>", start)]
    hrefs = re.findall(r'href="([^"]+)"', note_html)
    for link in links:
        assert any(href.endswith(link) for href in hrefs), (
            f"{lang}/{slug}: #erratum-{item} lacks a link to {link}"
        )


def test_the_lead_in_of_section_16_is_corrected_before_its_first_claim(pages):
    """16a answers the lead-in ("differ in model structure") before the list that follows it."""
    for lang in LANG_DIRS:
        html = pages(lang, "generative-vs-discriminative").html
        assert html.index('id="erratum-16a"') < html.index("<ul>", html.index('id="answer"'))


def test_4b_titles_say_the_same_in_both_languages(pages):
    titles = {}
    for lang in LANG_DIRS:
        note = pages(lang, "training-acceleration").note("4b")
        titles[lang] = note.split("来源" if lang == "zh" else "Source", 1)[0]
    assert "FP32" in titles["zh"][:40] and "FP32" in titles["en"][:110], titles
    assert "括号" not in titles["zh"][:40]
