"""The English reads as English (issue 11): it keeps the source's hedges, uses American spelling and
title case, gives a table header one rendering, and every cited paper or book gives its year. Read
from the real build (`built_site`)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tests.page_text import LANG_DIRS, squash
from tests.test_site_build import SECTION_SLUGS

# Hedges of the source (可以, 通常) that the English keeps: (slug, gone, there).
ENGLISH_HEDGES = [
    ("inference-optimization", "This lightens the load", "This can lighten the load"),
    ("inference-optimization", "the different optimization methods improve", "can all be improved"),
    ("inference-optimization", "It lowers memory consumption", "It can lower memory consumption"),
    ("training-acceleration", "This shortens training and", "This can shorten training time"),
    ("long-range-dependencies", "methods improves the language", "can improve the language model"),
    ("data-privacy", "methods ensures that", "can ensure that the model keeps"),
    ("interpretability", "methods helps users", "can help users better understand"),
    ("ethics", "LLMs ensures that", "can ensure that the model is used"),
    ("evaluation-metrics", "metrics shows its performance", "can show its performance"),
    ("energy-consumption", "lowers its environmental impact", "can lower the environmental impact"),
    ("reinforcement-learning", "learning gives a language model", "can give a language model"),
    ("computational-efficiency", "The following methods improve", "can be used to improve"),
]


@pytest.mark.parametrize(("slug", "gone", "there"), ENGLISH_HEDGES)
def test_the_english_keeps_the_hedges_of_the_source(pages, slug, gone, there):
    text = " ".join(pages("en", slug).blocks.values())
    assert gone not in text, f"en/{slug} drops a hedge: {gone!r}"
    assert there in text, f"en/{slug} lacks {there!r}"


def test_english_ethics_translates_pian_cha_as_bias_and_keeps_ke_neng(pages):
    text = pages("en", "ethics").blocks["answer"]
    assert "to avoid bias and misleading output" in text
    assert "to avoid errors and misleading" not in text
    assert "any harm the model may cause" in text
    assert "any harm the model causes" not in text


def test_energy_section_says_training_and_inference(pages, built_site):
    page = pages("en", "energy-consumption")
    assert "training and inference" in page.blocks["question"]
    assert "running" not in page.blocks["question"] + page.blocks["analysis"]


BRITISH = re.compile(
    r"\b(behaviour|favour\w*|modelling|modelled|(?:un)?labelled|labelling|centres?|analyse[sd]?|analysing|"
    r"maths|judgement|colour\w*|\w+isation|optimis\w+|generalis\w+|recognis\w+)\b",
    re.IGNORECASE,
)
# Titles of cited works keep their own spelling.
CITED_TITLES = re.compile(r"<em>[^<]*</em>")


def _english_pages(built_site: Path) -> list[Path]:
    return [built_site / "en" / slug / "index.html" for slug in ("", "tags", *SECTION_SLUGS)]


def test_the_english_uses_american_spelling(built_site):
    problems = []
    for path in _english_pages(Path(built_site)):
        html = path.read_text(encoding="utf-8")
        article = CITED_TITLES.sub("", html[html.index("<article") : html.index("</article>")])
        text = re.sub(r"<[^>]+>", " ", article)
        problems += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in BRITISH.finditer(text)]
    assert not problems, "\n".join(problems)


SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs."}


def _title_case_problems(title: str) -> list[str]:
    words = [part for word in title.split() for part in word.split("-")]
    return [
        word
        for index, word in enumerate(words)
        if word[:1].isalpha() and word[:1].islower() and not (index and word in SMALL_WORDS)
    ]


def test_english_titles_and_topic_headings_are_in_title_case(built_site):
    site = Path(built_site)
    titles = []
    for path in _english_pages(site):
        html = path.read_text(encoding="utf-8")
        titles += [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]
        if path.parent.name in ("en", "tags"):
            titles += [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    titles = [unescape(t).replace("¶", "").strip() for t in titles]
    problems = {t: p for t in titles if (p := _title_case_problems(t))}
    assert not problems, problems


def test_performance_effect_header_has_one_english_rendering(built_site):
    """性能影响 heads the tables of §3, §4 and §5; the English gives it one name."""
    headers = set()
    for slug in ("overfitting", "training-acceleration", "evaluation-metrics"):
        zh = (Path(built_site) / slug / "index.html").read_text(encoding="utf-8")
        en = (Path(built_site) / "en" / slug / "index.html").read_text(encoding="utf-8")
        assert "<th>性能影响</th>" in zh
        headers.add(re.findall(r"<th>([^<]*)</th>", en)[1])
    assert headers == {"Effect on performance"}, headers


CITATION = re.compile(r"<p>\s*(?:来源：|Source: )(.*?)</p>", re.S)


def test_every_cited_paper_or_book_gives_its_year(built_site):
    """A reference to authors ("et al.", "&") names its year, in every note of every page."""
    problems = []
    for lang, prefix in LANG_DIRS.items():
        for slug in SECTION_SLUGS:
            html = (Path(built_site) / prefix / slug / "index.html").read_text(encoding="utf-8")
            for match in CITATION.finditer(html):
                for reference in re.split(r"[；;] ?", squash(re.sub(r"<[^>]+>", "", match.group(1)))):
                    if ("et al." in reference or "&" in reference) and not re.search(
                        r"\b(19|20)\d\d\b", reference
                    ):
                        problems.append(f"{lang}/{slug}: {reference[:90]}")
    assert not problems, "\n".join(problems)
