"""The glossary (data/glossary.tsv): its terms, where the sections use them, and term hints.

- `read_glossary` reads the file; a bad row is a `GlossaryError` naming file, line and the fix.
- `sections_using` says which sections use a term: the Chinese page uses its Chinese name and the
  English page one of its English names, outside code, headings and correction-note titles. The
  glossary pages link to those sections, and only there do term hints appear, so a hint never lands
  on a word that merely looks like a term (English "precision" of numbers in the quantization section,
  where the Chinese says 精度, not 精确率).
- `add_hints` marks the first use of each such term in a rendered page, outside code, links,
  headings and correction-note titles, as <abbr title="counterpart">; assets/javascripts/reading.js
  turns it into a hint shown on hover, focus and tap.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from llmqa.safety.html_check import plain_text_problem
from llmqa.safety.messages import shown
from llmqa.safety.policy import CONTENT_ID, RESERVED_ID
from llmqa.sections.scanner import remove_code_spans

COLUMNS = ("zh", "en", "definition_zh", "definition_en")
# Words that hold the Chinese term in another sense (推理 is inference, but 逻辑推理 is reasoning): no
# hint and no use of the term there. Written 逻辑推理、演绎推理.
OPTIONAL_COLUMN = "not_in"
HEADERS = ("\t".join(COLUMNS), "\t".join((*COLUMNS, OPTIONAL_COLUMN)))
LANGUAGES = ("zh", "en")
ABBREVIATION = re.compile(r"^[A-Z][A-Za-z]*[A-Z]$")  # LLM, OOM, BiLSTM


class GlossaryError(Exception):
    """A problem with the glossary file, with file and line."""


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    definition_zh: str
    definition_en: str
    line: int
    anchor: str = field(compare=False)
    not_in: tuple[str, ...] = ()  # words where the Chinese term has another sense

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def definition(self, lang: str) -> str:
        return self.definition_zh if lang == "zh" else self.definition_en

    def counterpart(self, lang: str) -> str:
        """What a reader of `lang` is shown for this term: its name in the other language."""
        return self.en if lang == "zh" else self.zh


# Anchors of the glossary page that are not terms: its letter headings (#letter-a).
PAGE_ANCHORS = ("letter-",)


def slug(text: str) -> str:
    """An anchor from an English term: 'large language model (LLM)' -> 'large-language-model-llm'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_glossary(path: Path, shown_as: str = "data/glossary.tsv") -> list[Term]:
    """The terms of the glossary file, in file order."""
    if path.is_symlink() or not path.is_file():
        raise GlossaryError(
            f"{shown_as}: not a regular file (a link or a device): the glossary is a file of the repository"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise GlossaryError(
            f"{shown_as}: the file is not UTF-8 ({error.reason}): re-save it as UTF-8"
        ) from None
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.strip() in HEADERS:
            continue
        term = _row_term([cell.strip() for cell in line.split("\t")], f"{shown_as}:{number}", number)
        for key, what in ((term.zh, "Chinese term"), (term.anchor, "English term")):
            if key in seen:
                where = f"{shown_as}:{number}"
                raise GlossaryError(
                    f"{where}: the {what} '{key}' is already on line {seen[key]}: one row per term"
                )
            seen[key] = number
        terms.append(term)
    if not terms:
        raise GlossaryError(f"{shown_as}: the glossary has no terms")
    return terms


def _row_term(cells: list[str], where: str, number: int) -> Term:
    """One row's term, or the GlossaryError that says what is wrong with the row."""
    if len(cells) not in (len(COLUMNS), len(COLUMNS) + 1):
        raise GlossaryError(
            f"{where}: expected {len(COLUMNS)} tab-separated columns ({', '.join(COLUMNS)}), and a fifth "
            f"({OPTIONAL_COLUMN}) where needed, found {len(cells)}: separate the columns with one tab each"
        )
    named = list(zip((*COLUMNS, OPTIONAL_COLUMN), cells, strict=False))
    empty = [name for name, cell in named[: len(COLUMNS)] if not cell]
    if empty:
        raise GlossaryError(f"{where}: column '{empty[0]}' is empty: write it")
    text_problem = next(
        (f"column '{name}': {problem}" for name, cell in named if (problem := plain_text_problem(cell))), None
    )
    if text_problem:
        raise GlossaryError(f"{where}: {text_problem}; the glossary is plain text, as pages are")
    zh, en, definition_zh, definition_en = cells[: len(COLUMNS)]
    not_in = (
        tuple(word.strip() for word in cells[len(COLUMNS)].split("、") if word.strip())
        if len(cells) > 4
        else ()
    )
    if any(zh not in word or word == zh for word in not_in):
        raise GlossaryError(f"{where}: each word of '{OPTIONAL_COLUMN}' holds the term '{zh}' and more")
    anchor = slug(en)
    if not CONTENT_ID.match(anchor) or RESERVED_ID.match(anchor) or anchor.startswith(PAGE_ANCHORS):
        raise GlossaryError(
            f"{where}: the English term makes the anchor '#{shown(anchor, 60)}', which the glossary "
            "page uses for itself or which is not a plain anchor: name the term in other words"
        )
    return Term(zh, en, definition_zh, definition_en, number, anchor, not_in)


def english_names(en: str) -> list[str]:
    """The names a term goes by in English text.

    'large language model (LLM)' -> large language model, LLM; 'knowledge (graph) embedding' ->
    knowledge graph embedding, knowledge embedding; 'policy / strategy' -> policy, strategy. A bracket
    at the end that is not an abbreviation ('cumulative reward (return)') only explains the term.
    """
    names: list[str] = []
    for part in (p.strip() for p in en.split(" / ")):
        ending = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", part)
        if ending:
            base, inside = ending.groups()
            names.append(base)
            if ABBREVIATION.match(inside):
                names.append(inside)
            continue
        middle = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*(.*)", part)
        if middle:
            before, inside, after = middle.groups()
            names += [f"{before} {inside} {after}", f"{before} {after}"]
            continue
        names.append(part)
    return [name for name in names if name]


def _english_pattern(name: str) -> str:
    if ABBREVIATION.match(name):
        return rf"(?-i:\b{re.escape(name)}s?\b)"
    words = re.split(r"[\s-]+", name)
    last = words[-1]
    if last.endswith("y") and len(last) > 2:
        words[-1] = re.escape(last[:-1]) + "(?:y|ies)"
    elif last.endswith("s"):
        words[-1] = re.escape(last[:-1]) + "s?"
    else:
        words[-1] = re.escape(last) + "(?:s|es)?"
    escaped = [re.escape(word) for word in words[:-1]] + [words[-1]]
    return r"\b" + r"[\s-]?".join(escaped) + r"\b"


@functools.cache
def term_pattern(term: Term, lang: str) -> re.Pattern[str]:
    """How the term is found in text of a language (English: whole words, plurals, case-insensitive)."""
    if lang == "zh":
        found = r"\s*".join(re.escape(part) for part in term.zh.split())
        for word in term.not_in:  # not where it is part of a word with another sense
            before, after = word.split(term.zh, 1)
            if before:
                found = f"(?<!{re.escape(before)}){found}"
            if after:
                found = f"{found}(?!{re.escape(after)})"
        return re.compile(found)
    names = sorted(english_names(term.en), key=len, reverse=True)
    return re.compile("|".join(_english_pattern(name) for name in names), re.IGNORECASE)


# --- where sections use a term ---------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n.*?\n---\s*\n", re.S)
_FENCE_OPEN = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}\s.*$", re.M)
_BLOCK_LINE = re.compile(r"^[ \t]*///.*$|^[ \t]*attrs:.*$", re.M)  # note titles and their options


def source_text(markdown: str) -> str:
    """The text of a page's Markdown where a term counts as used: no front matter, code, headings,
    note titles or link targets."""
    # Each pass is linear in the page: patterns that look for a closer from every opener (a fence, a
    # comment, a code span, a link target that never ends) took minutes on a page of openers.
    text = _FRONT_MATTER.sub("", markdown)
    text = _without_fences(text)
    text = _without_between(text, "<!--", "-->")
    text = remove_code_spans(text)
    text = _without_between(text, "](", ")")
    for pattern in (_HEADING, _BLOCK_LINE):
        text = pattern.sub(" ", text)
    return text


def _without_fences(text: str) -> str:
    """The text with each fenced code block (up to its closing fence, or the end) made a blank line."""
    out: list[str] = []
    fence: tuple[str, str] | None = None  # (indent, fence) of the open block
    for line in text.split("\n"):
        if fence is None:
            match = _FENCE_OPEN.match(line)
            if match:
                fence = (match.group("indent"), match.group("fence"))
                out.append(" ")
            else:
                out.append(line)
        else:
            if line.rstrip() == fence[0] + fence[1]:
                fence = None
            out.append(" ")
    return "\n".join(out)


def _without_between(text: str, opener: str, closer: str) -> str:
    """The text with each opener ... closer replaced by a space (an opener never closed stays)."""
    out: list[str] = []
    i = 0
    while (start := text.find(opener, i)) >= 0:
        end = text.find(closer, start + len(opener))
        if end < 0:
            break  # no later opener can close either
        out += [text[i:start], " "]
        i = end + len(closer)
    out.append(text[i:])
    return "".join(out)


def sections_using(terms: list[Term], sources: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Term anchor -> slugs of the sections that use it in every language, in the order of `sources`.

    `sources`: slug -> language -> the page's Markdown.
    """
    patterns = {lang: [term_pattern(term, lang) for term in terms] for lang in LANGUAGES}
    texts = {slug: {lang: source_text(md) for lang, md in pages.items()} for slug, pages in sources.items()}
    used: dict[str, list[str]] = {}
    for index, term in enumerate(terms):
        used[term.anchor] = [
            slug
            for slug, pages in texts.items()
            if all(lang in pages and patterns[lang][index].search(pages[lang]) for lang in LANGUAGES)
        ]
    return used


def other_language_terms(text: str, terms: list[Term], lang: str) -> list[str]:
    """The other language's names of the terms a text of `lang` uses (for search)."""
    found: list[str] = []
    for term in terms:
        if term_pattern(term, lang).search(text):
            other = "en" if lang == "zh" else "zh"
            names = english_names(term.en) if other == "en" else [term.zh]
            found += [name for name in names if name not in found]
    return found
