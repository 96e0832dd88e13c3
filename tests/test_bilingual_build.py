"""Bilingual study, checked on the built site (issue 12): the glossary pages list every term of
data/glossary.tsv with its definition and the sections that use it, every link resolves, term hints
appear once per term per page and never in code, links, headings or note titles, and each search
index carries the other language's terms. The glossary file's errors name file and line. The
browser side is in test_bilingual_browser.py."""

from __future__ import annotations

import json
import re
import sys
from html import unescape

import pytest

from tests.conftest import ROOT, copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "hooks"))
import llmqa.glossary.page as glossary_hook
import llmqa.glossary.terms as glossary
from llmqa.glossary.hints import add_hints
from llmqa.sections.project import check_project
from llmqa.sections.report import Project

LANGUAGES = {"zh": "", "en": "en/"}
OTHER_LANG = {"zh": "en", "en": "zh-CN"}
NO_HINT = {"code", "pre", "kbd", "a", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}


@pytest.fixture(scope="module")
def terms() -> list[glossary.Term]:
    return glossary.read_glossary(ROOT / "data" / "glossary.tsv")


@pytest.fixture(scope="module")
def uses(terms) -> dict[str, list[str]]:
    sources, _ = checked_sections()
    return glossary.sections_using(terms, sources)


def checked_sections() -> tuple[dict, dict]:
    """The sections as the build's glossary hook gets them: from the section check of docs/."""
    project = Project(root=ROOT, docs_dir=ROOT / "docs", languages=list(LANGUAGES), default="zh")
    return glossary_hook.read_sections(check_project(project))


def section_slugs() -> list[str]:
    return sorted(checked_sections()[1]["zh"])


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def hints_of(page: str) -> list[tuple[str, str, list]]:
    """The term hints of a page's article: (counterpart, text, ancestors) of each <abbr>, its
    counterpart the element that describes it (the build's list of counterparts) or its title."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    found = []
    for abbr in tree.css("article abbr"):
        described = abbr.attributes.get("aria-describedby")
        note = tree.css_first(f"#{described}") if described else None
        counterpart = note.text() if note is not None else abbr.attributes.get("title") or ""
        ancestors = []
        node = abbr.parent
        while node is not None and node.tag != "article":
            ancestors.insert(0, (node.tag, {k: v or "" for k, v in node.attributes.items()}))
            node = node.parent
        found.append((counterpart, abbr.text(), ancestors))
    return found


# --- the glossary file ----------------------------------------------------------------------------


def test_every_term_has_a_definition_in_both_languages(terms):
    assert len(terms) >= 100
    for term in terms:
        assert term.definition_zh.endswith("。"), f"data/glossary.tsv:{term.line}: {term.definition_zh}"
        assert term.definition_en.endswith("."), f"data/glossary.tsv:{term.line}: {term.definition_en}"
        assert len(term.definition_zh) <= 80 and len(term.definition_en) <= 200, term.zh  # one line


def test_chinese_definitions_follow_the_writing_conventions(terms):
    autocorrect_py = pytest.importorskip("autocorrect_py")
    problems = [
        f"data/glossary.tsv:{t.line}: expected {autocorrect_py.format_for(t.definition_zh, 'md')}"
        for t in terms
        if autocorrect_py.format_for(t.definition_zh, "md") != t.definition_zh
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("过拟合\toverfitting\t定义。", "data/glossary.tsv:3: expected 4 tab-separated columns"),
        ("过拟合\toverfitting\t\tWhen.", "data/glossary.tsv:3: column 'definition_zh' is empty: write it"),
        (
            "过拟合\toverfit\t定义。\tWhen.",
            "data/glossary.tsv:3: the Chinese term '过拟合' is already on line 2",
        ),
        (
            "欠拟合\toverfitting\t定义。\tWhen.",
            "data/glossary.tsv:3: the English term 'overfitting' is already",
        ),
        (
            "欠拟合\tunder\u202efitting\t定义。\tWhen.",
            "data/glossary.tsv:3: column 'en': 'under⟨U+202E RIGHT-TO-LEFT OVERRIDE⟩fitting' holds",
        ),
        ("欠拟合\tunderfitting\t定义\x1b[31m。\tWhen.", "data/glossary.tsv:3: column 'definition_zh':"),
        ("欠拟合\tunderfitting\t定义。\t<b>When</b>.", "data/glossary.tsv:3: column 'definition_en':"),
        ("欠拟合\tqa-block answer\t定义。\tWhen.", "data/glossary.tsv:3: the English term makes the anchor"),
        ("欠拟合\tletter a\t定义。\tWhen.", "data/glossary.tsv:3: the English term makes the anchor"),
    ],
    ids=["columns", "empty", "same-zh", "same-en", "bidi", "escape", "markup", "site-anchor", "page-anchor"],
)
def test_a_bad_row_is_an_error_naming_file_and_line(tmp_path, row, message):
    path = tmp_path / "glossary.tsv"
    path.write_text(
        "zh\ten\tdefinition_zh\tdefinition_en\n过拟合\toverfitting\t定义。\tWhen.\n" + row + "\n",
        encoding="utf-8",
    )
    with pytest.raises(glossary.GlossaryError) as error:
        glossary.read_glossary(path)
    assert str(error.value).startswith(message), str(error.value)


@pytest.mark.slow
def test_a_bad_glossary_stops_the_build_with_that_message(tmp_path):
    project = tmp_path / "project"
    copy_project(project)
    with (project / "data" / "glossary.tsv").open("a", encoding="utf-8") as file:
        file.write("新术语\tnew term\t只有释义\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    lines = len((project / "data" / "glossary.tsv").read_text(encoding="utf-8").splitlines())
    assert f"data/glossary.tsv:{lines}: expected 4 tab-separated columns" in result.stderr
    assert "Traceback" not in result.stderr


def test_english_names_of_a_term():
    assert glossary.english_names("large language model (LLM)") == ["large language model", "LLM"]
    assert glossary.english_names("knowledge (graph) embedding") == [
        "knowledge graph embedding",
        "knowledge embedding",
    ]
    assert glossary.english_names("policy / strategy") == ["policy", "strategy"]
    assert glossary.english_names("cumulative reward (return)") == ["cumulative reward"]


def test_term_patterns_find_plurals_and_spellings_not_parts_of_words(terms):
    by_zh = {term.zh: term for term in terms}

    def finds(zh: str, text: str) -> bool:
        return bool(glossary.term_pattern(by_zh[zh], "en").search(text))

    assert finds("大规模语言模型", "Large language models scale") and finds("大规模语言模型", "an LLM")
    assert not finds("大规模语言模型", "llm in lower case is not the abbreviation")
    assert finds("长距离依赖", "long-range dependencies") and finds("预训练", "pretraining")
    assert not finds("召回率", "recalled") and not finds("参数", "parametric")
    assert glossary.term_pattern(by_zh["F1 分数"], "zh").search("F1分数")


# --- term hints -----------------------------------------------------------------------------------


def test_hints_skip_code_links_headings_and_note_titles(terms):
    by_zh = {term.zh: term for term in terms}
    term = by_zh["困惑度"]
    html = (
        "<h2>困惑度</h2><p><code>困惑度</code> <a href='x'>困惑度</a></p>"
        '<div class="admonition erratum"><p class="admonition-title">勘误：困惑度</p>'
        "<p>正文里的困惑度和困惑度</p></div>"
    )
    result, marked = add_hints(html, [term], "zh")
    assert marked == [term]
    assert result.count("<abbr") == 1
    assert '<p>正文里的<abbr title="perplexity">困惑度</abbr>和困惑度</p>' in result
    assert result.startswith(
        '<h2>困惑度</h2><p><code>困惑度</code> <a href="x">困惑度</a></p>'
    )  # as the parser writes it


def test_the_longer_of_two_overlapping_terms_wins(terms):
    by_zh = {term.zh: term for term in terms}
    chosen = [by_zh["迁移学习"], by_zh["跨语言迁移学习"]]
    result, _ = add_hints("<p>跨语言迁移学习与迁移学习</p>", chosen, "zh")
    assert result == (
        '<p><abbr title="cross-lingual transfer learning">跨语言迁移学习</abbr>与'
        '<abbr title="transfer learning">迁移学习</abbr></p>'
    )


def test_a_counterpart_is_escaped():
    term = glossary.Term("词", 'a "quoted" <b>term</b>', "释义。", "Meaning.", 1, "a-quoted-term")
    result, _ = add_hints("<p>词</p>", [term], "zh")
    assert result == '<p><abbr title="a &quot;quoted&quot; &lt;b&gt;term&lt;/b&gt;">词</abbr></p>'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hints_appear_once_per_term_per_page_where_allowed(built_site, terms, uses, lang):
    by_counterpart = {term.counterpart(lang): term for term in terms}
    total = 0
    for slug in section_slugs():
        page = (built_site / LANGUAGES[lang] / slug / "index.html").read_text(encoding="utf-8")
        hints = hints_of(page)
        titles = [title for title, _, _ in hints]
        assert len(titles) == len(set(titles)), f"{lang}/{slug}: a term is hinted twice: {titles}"
        for title, text, ancestors in hints:
            term = by_counterpart.get(title)
            assert term is not None, f"{lang}/{slug}: hint {title!r} is no glossary term"
            assert glossary.term_pattern(term, lang).fullmatch(text), (
                f"{lang}/{slug}: {text!r} is not {term.zh}"
            )
            assert slug in uses[term.anchor], (
                f"{lang}/{slug}: {term.zh} hinted, but the section does not use it"
            )
            bad = [
                tag
                for tag, attrs in ancestors
                if tag in NO_HINT or "admonition-title" in attrs.get("class", "")
            ]
            assert not bad, f"{lang}/{slug}: hint {text!r} inside {bad}"
        total += len(hints)
    assert total >= 150, f"{lang}: only {total} hints on 20 sections"


def test_the_issues_examples_are_hinted(built_site):
    zh = hints_of((built_site / "evaluation-metrics" / "index.html").read_text(encoding="utf-8"))
    en = hints_of((built_site / "en" / "evaluation-metrics" / "index.html").read_text(encoding="utf-8"))
    assert ("perplexity", "困惑度") in [(title, text) for title, text, _ in zh]
    assert ("困惑度", "Perplexity") in [(title, text) for title, text, _ in en]


def test_non_section_pages_have_no_hints(built_site):
    for folder in LANGUAGES.values():
        for page in ("index.html", "tags/index.html", "glossary/index.html"):
            assert "<abbr" not in article((built_site / folder / page).read_text(encoding="utf-8")), (
                folder + page
            )


# --- glossary pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_lists_every_term_with_definition_and_sections(built_site, terms, uses, lang):
    path = built_site / LANGUAGES[lang] / "glossary" / "index.html"
    page = path.read_text(encoding="utf-8")
    assert re.search(r'<html lang="' + lang, page)
    body = article(page)
    entries = re.findall(r'<div class="qa-glossary__entry">(.*?)</div>', body, re.S)
    assert len(entries) == len(terms)
    numbers = {slug: meta[0] for slug, meta in checked_sections()[1][lang].items()}
    for term in terms:
        entry = next((e for e in entries if f'<h3 id="{term.anchor}">' in e), None)
        assert entry is not None, f"{lang}: no entry #{term.anchor}"
        text = unescape(entry)
        assert f"<span>{term.name(lang)}</span>" in text
        assert (
            f'<span class="qa-glossary__other" lang="{OTHER_LANG[lang]}">{term.counterpart(lang)}</span>'
            in text
        )
        assert term.definition(lang) in text
        linked = re.findall(r'<a href="\.\./([a-z0-9-]+)/" title="[^"]*">§(\d+)</a>', entry)
        assert [slug for slug, _ in linked] == sorted(uses[term.anchor], key=numbers.get), term.zh
        assert all(numbers[slug] == int(number) for slug, number in linked)
    # Alphabetical by English name, the same order in both languages.
    anchors = re.findall(r'<h3 id="([^"]+)">', body)
    assert anchors == [t.anchor for t in sorted(terms, key=lambda t: t.en.casefold())]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_glossary_link_resolves_to_a_section_that_uses_the_term(built_site, terms, lang):
    folder = built_site / LANGUAGES[lang] / "glossary"
    body = article((folder / "index.html").read_text(encoding="utf-8"))
    by_anchor = {term.anchor: term for term in terms}
    checked = 0
    for anchor, entry in re.findall(r'<h3 id="([^"]+)">(.*?)</div>', body, re.S):
        for href in re.findall(r'href="([^"#]+)"', entry):
            target = (folder / href / "index.html").resolve()
            assert target.is_file(), f"{lang} glossary #{anchor}: {href} resolves to nothing"
            text = unescape(re.sub(r"<[^>]+>", "", article(target.read_text(encoding="utf-8"))))
            assert glossary.term_pattern(by_anchor[anchor], lang).search(text), (
                f"{href} does not use {anchor}"
            )
            checked += 1
    for letter in re.findall(r'<a href="#(letter-[a-z])">', body):
        assert f'<h2 id="{letter}">' in body
    assert checked >= 150


def test_glossary_is_in_the_nav_home_pages_language_switch_and_sitemaps(built_site, site_config):
    for lang, folder in LANGUAGES.items():
        for page in ("index.html", "overfitting/index.html"):
            html = (built_site / folder / page).read_text(encoding="utf-8")
            label = {"zh": "术语表", "en": "Glossary"}[lang]
            assert re.search(r'href="(?:\.\./)?glossary/"[^>]*>\s*(?:<span[^>]*>)?\s*' + label, html), page
        home = article((built_site / folder / "index.html").read_text(encoding="utf-8"))
        assert 'href="glossary/"' in home, f"{lang}: the home page does not link to the glossary"
        page = (built_site / folder / "glossary" / "index.html").read_text(encoding="utf-8")
        other = "en/glossary/" if lang == "zh" else "glossary/"
        assert f'hreflang="{"en" if lang == "zh" else "zh"}"' in page
        assert f'href="{site_config["site_url"]}{other}"' in page  # the absolute hreflang alternate
        assert (
            f"{site_config['site_url']}{folder}glossary/" in (built_site / folder / "sitemap.xml").read_text()
        )


# --- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_entries_carry_the_other_languages_terms(built_site, lang):
    index = json.loads(
        (built_site / LANGUAGES[lang] / "search" / "search_index.full.json").read_text("utf-8")
    )
    assert "terms" in index["config"]["fields"]
    by_location = {doc["location"]: doc for doc in index["docs"]}
    metrics = by_location["evaluation-metrics/#answer"]["terms"]
    assert ("perplexity" if lang == "zh" else "困惑度") in metrics.split(" ")
    glossary_entry = by_location["glossary/#perplexity"]
    assert "困惑度" in glossary_entry["title"] and "perplexity" in glossary_entry["title"]


def test_a_hint_never_lands_inside_markup(terms):
    """The hints walk the parser's text nodes: an attribute holding '>' and the term is left alone, and
    a counterpart is only ever an attribute's escaped value."""
    by_zh = {term.zh: term for term in terms}
    term = by_zh["困惑度"]
    html = '<p title="a > 困惑度 b">x</p><p>困惑度</p>'
    result, marked = add_hints(html, [term], "zh")
    assert marked == [term]
    assert result == '<p title="a &gt; 困惑度 b">x</p><p><abbr title="perplexity">困惑度</abbr></p>'


def test_a_term_is_not_hinted_where_a_word_gives_it_another_sense(terms):
    """推理 is inference (the glossary says: not reasoning); in 逻辑推理 and 推理能力 it is reasoning."""
    term = {term.zh: term for term in terms}["推理"]
    assert term.not_in == ("逻辑推理", "推理能力")
    result, marked = add_hints("<p>因果关系和逻辑推理。提升推理能力。降低推理成本。</p>", [term], "zh")
    assert result == '<p>因果关系和逻辑推理。提升推理能力。降低<abbr title="inference">推理</abbr>成本。</p>'
    assert marked == [term]


def test_the_reinforcement_learning_page_gives_logical_reasoning_no_inference_hint(built_site):
    page = (built_site / "reinforcement-learning" / "index.html").read_text(encoding="utf-8")
    assert "逻辑推理" in page and '<abbr title="inference">推理</abbr>能力' not in page
    assert "logical reasoning" in (built_site / "en" / "reinforcement-learning" / "index.html").read_text(
        encoding="utf-8"
    )
