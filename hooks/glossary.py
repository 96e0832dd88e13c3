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
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("zh", "en", "definition_zh", "definition_en")
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

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def definition(self, lang: str) -> str:
        return self.definition_zh if lang == "zh" else self.definition_en

    def counterpart(self, lang: str) -> str:
        """What a reader of `lang` is shown for this term: its name in the other language."""
        return self.en if lang == "zh" else self.zh


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
    header = "\t".join(COLUMNS)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.strip() == header:
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        where = f"{shown_as}:{number}"
        if len(cells) != len(COLUMNS):
            raise GlossaryError(
                f"{where}: expected {len(COLUMNS)} tab-separated columns ({', '.join(COLUMNS)}), found "
                f"{len(cells)}: separate the columns with one tab each"
            )
        empty = [name for name, cell in zip(COLUMNS, cells, strict=True) if not cell]
        if empty:
            raise GlossaryError(f"{where}: column '{empty[0]}' is empty: write it")
        zh, en, definition_zh, definition_en = cells
        anchor = slug(en)
        for key, what in ((zh, "Chinese term"), (anchor, "English term")):
            if key in seen:
                raise GlossaryError(
                    f"{where}: the {what} '{key}' is already on line {seen[key]}: one row per term"
                )
            seen[key] = number
        terms.append(Term(zh, en, definition_zh, definition_en, number, anchor))
    if not terms:
        raise GlossaryError(f"{shown_as}: the glossary has no terms")
    return terms


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
        return re.compile(r"\s*".join(re.escape(part) for part in term.zh.split()))
    names = sorted(english_names(term.en), key=len, reverse=True)
    return re.compile("|".join(_english_pattern(name) for name in names), re.IGNORECASE)


# --- where sections use a term ---------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n.*?\n---\s*\n", re.S)
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)\s*$", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^#{1,6}\s.*$", re.M)
_BLOCK_LINE = re.compile(r"^\s*///.*$|^\s*attrs:.*$", re.M)  # note titles and their options
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def source_text(markdown: str) -> str:
    """The text of a page's Markdown where a term counts as used: no front matter, code, headings,
    note titles or link targets."""
    text = _FRONT_MATTER.sub("", markdown)
    for pattern in (_FENCE, _COMMENT, _CODE_SPAN, _HEADING, _BLOCK_LINE, _LINK_TARGET):
        text = pattern.sub(" ", text)
    return text


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


# --- term hints in rendered HTML -------------------------------------------------------------------

_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b([^>]*?)(/?)>", re.S)
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
# Where a hint never goes: code, links, headings, what is already explained, note titles.
_NO_HINT_TAGS = frozenset(
    {
        "code",
        "pre",
        "kbd",
        "samp",
        "a",
        "abbr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "script",
        "style",
    }
)
_NO_HINT_CLASS = re.compile(r"""\bclass\s*=\s*["'][^"']*\badmonition-title\b""")


def hint_markup(text: str, counterpart: str) -> str:
    return f'<abbr title="{html.escape(counterpart, quote=True)}">{text}</abbr>'


# The names of a section's own blocks: every reader sees them in the headings, and in running text they
# are ordinary words ("for example", "analysis"). They are in the glossary, not hinted.
BLOCK_WORDS = frozenset({"question", "answer", "example", "analysis", "erratum"})


def hinted(term: Term) -> bool:
    return term.en not in BLOCK_WORDS


def add_hints(content: str, terms: list[Term], lang: str) -> tuple[str, list[Term]]:
    """Mark the first use of each term in rendered HTML with its counterpart; returns the new HTML and
    the terms marked, in page order. Longer terms win where terms overlap (跨语言迁移学习 over 迁移学习)."""
    terms = [term for term in terms if hinted(term)]
    if not terms:
        return content, []
    ordered = sorted(terms, key=lambda t: len(t.name(lang)), reverse=True)
    parts = [f"(?P<t{i}>{term_pattern(term, lang).pattern})" for i, term in enumerate(ordered)]
    finder = re.compile("|".join(parts), re.IGNORECASE if lang != "zh" else 0)
    done: set[str] = set()
    marked: list[Term] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, no hint inside)

    def hint(match: re.Match[str]) -> str:
        term = ordered[int(match.lastgroup[1:])]
        if term.anchor in done:
            return match.group(0)
        done.add(term.anchor)
        marked.append(term)
        return hint_markup(match.group(0), term.counterpart(lang))

    out: list[str] = []
    position = 0
    for token in _TOKEN.finditer(content):
        text = content[position : token.start()]
        blocked = any(no_hint for _, no_hint in stack)
        out.append(text if blocked or not text.strip() else finder.sub(hint, text))
        out.append(token.group(0))
        position = token.end()
        tag = _TAG.fullmatch(token.group(0))
        if tag is None:
            continue  # a comment or a declaration
        closing, name, attributes, self_closing = tag.groups()
        name = name.lower()
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
        elif name not in _VOID and not self_closing:
            stack.append((name, name in _NO_HINT_TAGS or bool(_NO_HINT_CLASS.search(attributes))))
    rest = content[position:]
    out.append(rest if any(no for _, no in stack) else finder.sub(hint, rest))
    return "".join(out), marked


def other_language_terms(text: str, terms: list[Term], lang: str) -> list[str]:
    """The other language's names of the terms a text of `lang` uses (for search)."""
    found: list[str] = []
    for term in terms:
        if term_pattern(term, lang).search(text):
            other = "en" if lang == "zh" else "zh"
            names = english_names(term.en) if other == "en" else [term.zh]
            found += [name for name in names if name not in found]
    return found
