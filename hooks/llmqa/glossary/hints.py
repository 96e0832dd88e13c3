"""Term hints: on a section page, the first use of each term the section uses becomes
<abbr title="counterpart"> (assets/javascripts/reading.js shows it on hover, focus and tap).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import html
import re

from llmqa.glossary.terms import Term, term_pattern

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
