"""Keep every glossary term whole in the Chinese search index, without losing its parts.

Material's search plugin cuts Chinese text into words with jieba before indexing it. jieba's stock
dictionary splits many of the site's terms (困惑度 → 困惑 / 度, 知识蒸馏 → 知识 / 蒸馏), so a search
for a term does not find it as one word. The pipeline builds a jieba user dictionary from the zh column
of data/glossary.tsv and loads it before any page is indexed.

A term kept whole is one word in the index, so a search for one of its parts (蒸馏) would no longer
find it. After the build, each entry of the Chinese search index (hooks/search_index_hook.py) that
contains a term gets a `parts` field holding the words jieba's stock dictionary cuts the term into.

The other way round, a page can name a term without writing it whole: the page on evaluation says
用于评估机器翻译质量的指标, never 评估指标, so a search for the term did not list it. An entry with a
clause that holds a term's parts in order gets the term, once per such clause, in an `apart` field.
"""

from __future__ import annotations

import io
import re

import jieba

from llmqa.build.cache import reset_jieba, stock_jieba
from llmqa.glossary.terms import Term

# jieba picks the cut whose words have the highest product of frequencies. Ordinary dictionary words
# that overlap a term (分布式计算 in 分布式计算资源) must lose to it: the commonest two-character words
# are counted in the tens of thousands, so a term gets more than that.
TERM_FREQUENCY = 100_000

CHINESE = "zh"
PARTS_FIELD = "parts"
APART_FIELD = "apart"
CLAUSE_END = re.compile(r"[，。；：！？,;:!?]|<[^>]+>")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
TAG = re.compile(r"<[^>]+>")


def chinese_words(terms: list[Term]) -> list[str]:
    """The Chinese words of the glossary's terms, in file order, without duplicates.

    Material segments only runs of Han characters, so 'F1 分数' contributes 分数; one-character runs
    are left to jieba.
    """
    words: dict[str, None] = {}
    for term in terms:
        for run in HAN_RUN.findall(term.zh):
            if len(run) > 1:
                words.setdefault(run, None)
    return list(words)


def user_dictionary(terms: list[str]) -> str:
    """The terms in jieba's user dictionary format: one 'word frequency' a line."""
    return "".join(f"{term} {TERM_FREQUENCY}\n" for term in terms)


def term_parts(terms: tuple[str, ...]) -> dict[str, list[str]]:
    """Each term's words of two or more characters as jieba's stock dictionary cuts it."""
    stock = stock_jieba()
    parts = {term: [word for word in stock.lcut(term, HMM=False) if len(word) > 1] for term in terms}
    return {term: words for term, words in parts.items() if words and words != [term]}


def entry_parts(doc: dict, separator: str, parts: dict[str, list[str]]) -> list[str]:
    """The parts of the terms that are words of a search index entry, once per use of a term.

    Repeated, so that lunr counts a part as often as the text uses it: an entry that names 模型剪枝
    twice outranks one that names it once for a search of 剪枝, as it would if the term were cut.
    """
    found: list[str] = []
    for word in re.split(separator, TAG.sub(" ", f"{doc['title']} {doc['text']}")):
        found += parts.get(word, ())
    return found


def terms_apart(doc: dict, separator: str, parts: dict[str, list[str]]) -> list[str]:
    """The terms whose parts a clause of the entry holds in order (评估…的指标), once per clause.

    Only terms made of their parts alone: 多语言预训练 is not 语言 … 训练.
    """
    by_first: dict[str, list[tuple[str, list[str]]]] = {}
    for term, term_words in parts.items():
        if len(term_words) > 1 and "".join(term_words) == term:
            by_first.setdefault(term_words[0], []).append((term, term_words))
    found: list[str] = []
    for clause in CLAUSE_END.split(f"{doc['title']}。{doc['text']}"):
        words = [word for word in re.split(separator, clause) if word]
        present = set(words)
        found += [
            term
            for word in present & by_first.keys()
            for term, term_words in by_first[word]
            if term not in present and _in_order(term_words, words)
        ]
    return found


def _in_order(wanted: list[str], words: list[str]) -> bool:
    remaining = iter(words)
    return all(word in remaining for word in wanted)


def load_user_dictionary(words: list[str]) -> None:
    """jieba's default tokenizer with the glossary's words, and nothing from an earlier build."""
    reset_jieba()
    jieba.load_userdict(io.StringIO(user_dictionary(words)))


def add_term_parts(index: dict, parts: dict[str, list[str]]) -> None:
    """The Chinese index's `parts` and `apart` fields (see the module's docstring)."""
    separator = index["config"]["separator"]
    for doc in index["docs"]:
        words = entry_parts(doc, separator, parts)
        if words:
            doc[PARTS_FIELD] = " ".join(words)
        apart = terms_apart(doc, separator, parts)
        if apart:
            doc[APART_FIELD] = " ".join(apart)
    index["config"]["fields"][PARTS_FIELD] = {"boost": 1.0}
    index["config"]["fields"][APART_FIELD] = {"boost": 1.0}
