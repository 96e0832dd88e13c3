"""The search index of each language, checked on the built site and on its functions: each language's
own pages only, entries that link to their block, pages that list sections ranked below them, whole
glossary terms in the Chinese index (and their parts, and terms written apart), list items' leads as
a field of their own, and jieba's user dictionary made from the glossary data."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.test_reading_build import BLOCK_IDS, GLOSSARY, ISSUE_TERMS, LANGUAGES, page_files, section_sources

sys.path.insert(0, str(ROOT / "hooks"))
import llmqa.search.dictionary as search_dictionary_hook
import llmqa.search.index as search_index_hook
import llmqa.search.leads as search_leads_hook
from llmqa.glossary.terms import read_glossary


def load_index(site: Path, lang: str) -> dict:
    return json.loads(
        (site / LANGUAGES[lang] / "search" / "search_index.full.json").read_text(encoding="utf-8")
    )


def test_each_language_has_a_search_index_of_its_own_pages(built_site):
    for lang, folder in LANGUAGES.items():
        index = load_index(built_site, lang)
        pages = {
            p.parent.relative_to(built_site / folder).as_posix() + "/"
            for p in page_files(built_site / folder)
        }
        if lang == "zh":
            pages = {p for p in pages if not p.startswith("en/")}
        pages = {"" if p == "./" else p for p in pages}
        located = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert located == pages, f"{lang}: the index covers other pages than the language's own"
        assert index["config"]["pipeline"] == ["stopWordFilter"], "a stemmed index misses prefix queries"
        for doc in index["docs"]:
            target = built_site / folder / doc["location"].split("#")[0] / "index.html"
            assert target.is_file(), f"{lang} index entry {doc['location']} points at no page"


def test_pages_that_list_the_sections_rank_below_them(built_site):
    for lang in LANGUAGES:
        docs = load_index(built_site, lang)["docs"]
        sections = {slug + "/" for slug in section_sources()[lang]}
        for doc in docs:
            page = doc["location"].split("#")[0]
            if page in sections:
                assert "boost" not in doc, f"{lang} {doc['location']}: a section entry is boosted"
            else:
                assert doc.get("boost") == search_index_hook.LISTING_BOOST, f"{lang} {doc['location']}"
        assert {"", "glossary/", "tags/", "translations/"} <= {d["location"].split("#")[0] for d in docs}


def test_a_search_entry_boost_that_is_no_positive_number_is_refused():
    import llmqa.safety.rendered as rendered_rules

    for boost in ("1e9", True, -1, 0, float("nan")):
        index = {"config": {}, "docs": [{"location": "x/", "title": "x", "text": "", "boost": boost}]}
        path = "site/search/search_index.json"
        problems = rendered_rules.search_index_problems(path, index, lambda _: None)
        assert [p.rule for p in problems] == ["safety"], boost
        assert "boost" in problems[0].message


def test_search_entries_link_to_the_block_they_come_from(built_site):
    for lang in LANGUAGES:
        docs = load_index(built_site, lang)["docs"]
        for slug in section_sources()[lang]:
            anchors = [
                doc["location"].split("#", 1)[1] for doc in docs if doc["location"].startswith(f"{slug}/#")
            ]
            assert anchors == BLOCK_IDS, f"{lang} {slug}: search entries {anchors}"


def _tokens_with_spans(text: str, separator: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without separators, and each word's span in it."""
    words = [w for w in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if w]
    spans, joined, pos = [], "", 0
    for word in words:
        spans.append((pos, pos + len(word)))
        joined += word
        pos += len(word)
    return joined, spans


def test_glossary_terms_are_whole_words_in_the_chinese_index(built_site):
    """A term never straddles two index words, unless it overlaps another term that is one word
    (自注意力机制 can keep 自注意力 or 注意力机制 whole, not both)."""
    index = load_index(built_site, "zh")
    terms = search_dictionary_hook.chinese_words(read_glossary(ROOT / GLOSSARY))
    assert set(ISSUE_TERMS) <= set(terms)
    separator = index["config"]["separator"]
    split, whole = [], {term: 0 for term in terms}
    for doc in index["docs"]:
        joined, spans = _tokens_with_spans(doc["text"], separator)
        kept = [(a, b) for a, b in spans if joined[a:b] in terms]
        for term in terms:
            for match in re.finditer(re.escape(term), joined):
                start, end = match.span()
                if any(a <= start and end <= b for a, b in spans):
                    whole[term] += 1
                elif not any(a < end and start < b for a, b in kept):
                    split.append(f"{doc['location']}: {term} in {joined[max(0, start - 8) : end + 8]}")
    assert not split, "glossary terms cut into pieces:\n" + "\n".join(split)
    for term in ISSUE_TERMS:
        assert whole[term] > 0, f"{term} never occurs in the Chinese pages"


def test_terms_kept_whole_still_match_their_parts(built_site):
    """知识蒸馏 is one index word; its entries also carry 知识 and 蒸馏, so a search for 蒸馏 finds it."""
    index = load_index(built_site, "zh")
    assert "parts" in index["config"]["fields"]
    with_term = [doc for doc in index["docs"] if "知识蒸馏" in doc["text"]]
    assert with_term
    for doc in with_term:
        assert {"知识", "蒸馏"} <= set(doc.get("parts", "").split()), doc["location"]
    assert not any("parts" in doc for doc in load_index(built_site, "en")["docs"])


def test_a_part_counts_as_often_as_its_term_is_used():
    doc = {"title": "答案", "text": "<p>\u200b模型剪枝\u200b：\u200b模型剪枝\u200b是\u200b一种</p>"}
    parts = {"模型剪枝": ["模型", "剪枝"]}
    separator = search_index_hook.SEARCH_SETTINGS["separator"]
    assert search_dictionary_hook.entry_parts(doc, separator, parts) == ["模型", "剪枝"] * 2


def test_a_term_written_apart_within_a_clause_is_found():
    separator = search_index_hook.SEARCH_SETTINGS["separator"]
    parts = {"评估指标": ["评估", "指标"], "多语言预训练": ["语言", "训练"]}

    def apart(text: str) -> list[str]:
        return search_dictionary_hook.terms_apart({"title": "", "text": text}, separator, parts)

    assert apart("是\u200b用于\u200b评估\u200b翻译\u200b质量\u200b的\u200b指标") == ["评估指标"]
    assert apart("指标\u200b用于\u200b评估") == []  # not in the term's order
    assert apart("评估\u200b模型\u200b，\u200b指标") == []  # two clauses
    assert apart("<p>评估</p> <p>指标</p>") == []
    assert apart("评估指标\u200b和\u200b评估\u200b的\u200b指标") == []  # written whole: the text has it
    # 多语言预训练 is more than 语言 and 训练: its parts leave out 多 and 预.
    assert apart("语言\u200b模型\u200b的\u200b训练") == []


def test_the_leads_of_list_items_are_their_own_search_field():
    separator = search_index_hook.SEARCH_SETTINGS["separator"]
    parts = {"模型剪枝": ["模型", "剪枝"]}
    zh = (
        "<ul> <li> <p>\u200b模型剪枝\u200b： \u200b模型剪枝\u200b是</p> </li>"
        " <li>\u200b量化\u200b：\u200b量化</li></ul>"
    )
    assert search_leads_hook.entry_leads(zh, separator, parts) == ["模型剪枝", "模型", "剪枝", "量化"]
    en = "<ul> <li> <p>Model pruning: removes weights: all of them.</p></li> <li>Ratio 3:2 is</li></ul>"
    assert search_leads_hook.entry_leads(en, separator, {}) == ["Model", "pruning"]
    assert search_leads_hook.entry_leads("<p>量化：不是列表项</p>", separator, parts) == []


def test_search_indexes_weigh_leads_and_find_terms_written_apart(built_site):
    for lang, query in (("zh", "剪枝"), ("en", "pruning")):
        index = load_index(built_site, lang)
        assert index["config"]["fields"]["leads"] == {"boost": search_leads_hook.LEADS_BOOST}
        leads = {doc["location"]: doc.get("leads", "").lower().split() for doc in index["docs"]}
        assert query in leads["inference-optimization/#answer"]
        assert query not in leads["training-acceleration/#answer"]  # mentioned there in passing only
    zh = load_index(built_site, "zh")["docs"]
    apart = {doc["location"]: doc.get("apart", "").split() for doc in zh}
    assert "评估指标" in apart["evaluation-metrics/#answer"]
    assert not any("apart" in doc for doc in load_index(built_site, "en")["docs"])


def test_user_dictionary_comes_from_the_glossary_data():
    terms = search_dictionary_hook.chinese_words(read_glossary(ROOT / GLOSSARY))
    lines = search_dictionary_hook.user_dictionary(terms).splitlines()
    assert len(lines) == len(terms) == len(set(terms))
    assert all(re.fullmatch(r"[\u3400-\u9fff]{2,} \d+", line) for line in lines)
    # 'F1 分数' keeps its Chinese word; 'A / B' rows are one term each.
    assert "分数" in terms and "梯度消失" in terms and "梯度爆炸" in terms
    rows = [
        line.split("\t")[0]
        for line in (ROOT / GLOSSARY).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "zh\t"))
    ]
    assert len(rows) > 90 and all("/" not in row for row in rows)


def test_index_split_keeps_each_language_apart():
    docs = [
        {"location": "", "title": "首页", "text": ""},
        {"location": "a/#answer", "title": "答案", "text": ""},
        {"location": "en/", "title": "Home", "text": ""},
        {"location": "en/a/#answer", "title": "Answer", "text": ""},
    ]
    folders = search_index_hook.language_folders("zh", ["zh", "en"])
    split = search_index_hook.split_docs(docs, folders)
    assert [d["location"] for d in split["zh"]] == ["", "a/#answer"]
    assert [d["location"] for d in split["en"]] == ["", "a/#answer"]
    assert split["en"][1]["title"] == "Answer"
