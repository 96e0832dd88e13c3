"""Term hints: on a section page, the first use of each term the section uses becomes
<abbr title="counterpart"> (assets/javascripts/reading.js shows it on hover, focus and tap).

The hints are made on the content's parsed tree (the HTML5 parser the safety check uses), in its text
nodes only: a hint can never land inside a tag or an attribute, and the glossary's text is inserted as
text and as an attribute value the parser escapes. Plain Python (selectolax), no MkDocs import.
"""

from __future__ import annotations

import html
import re

from llmqa.glossary.terms import Term, term_pattern
from llmqa.safety.html_check import parse_body_fragment

# Where a hint never goes: code, links, headings, what is already explained, note titles.
_NO_HINT_TAGS = frozenset(
    {
        *("code", "pre", "kbd", "samp", "a", "abbr", "summary", "script", "style", "template"),
        *("h1", "h2", "h3", "h4", "h5", "h6"),
    }
)
_NO_HINT_CLASS = "admonition-title"

# The names of a section's own blocks: every reader sees them in the headings, and in running text they
# are ordinary words ("for example", "analysis"). They are in the glossary, not hinted.
BLOCK_WORDS = frozenset({"question", "answer", "example", "analysis", "erratum"})


def hint_markup(text: str, counterpart: str) -> str:
    return f'<abbr title="{html.escape(counterpart, quote=True)}">{html.escape(text, quote=False)}</abbr>'


def hinted(term: Term) -> bool:
    return term.en not in BLOCK_WORDS


def _blocked(node, body) -> bool:
    """Whether a text node sits inside an element where no hint goes."""
    parent = node.parent
    while parent is not None and parent is not body and parent.tag != "body":
        if parent.tag in _NO_HINT_TAGS or _NO_HINT_CLASS in (parent.attributes.get("class") or "").split():
            return True
        parent = parent.parent
    return False


def _finder(terms: list[Term], lang: str) -> tuple[re.Pattern[str], list[Term]]:
    """One pattern for every term, longer terms first (跨语言迁移学习 over 迁移学习)."""
    ordered = sorted(terms, key=lambda t: len(t.name(lang)), reverse=True)
    parts = [f"(?P<t{i}>{term_pattern(term, lang).pattern})" for i, term in enumerate(ordered)]
    return re.compile("|".join(parts), re.IGNORECASE if lang != "zh" else 0), ordered


def hint_tree(body, terms: list[Term], lang: str) -> list[Term]:
    """Mark, in a parsed content's text, the first use of each term with its counterpart; returns the
    terms marked, in page order."""
    terms = [term for term in terms if hinted(term)]
    if not terms or body is None:
        return []
    finder, ordered = _finder(terms, lang)
    done: set[str] = set()
    marked: list[Term] = []
    for node in list(body.traverse(include_text=True)):
        if not node.is_text_node or _blocked(node, body):
            continue
        text = node.text_content or ""
        pieces: list[str] = []
        position = 0
        for match in finder.finditer(text):
            term = ordered[int(match.lastgroup[1:])]
            if term.anchor in done:
                continue
            done.add(term.anchor)
            marked.append(term)
            pieces += [html.escape(text[position : match.start()], quote=False)]
            pieces += [hint_markup(match.group(0), term.counterpart(lang))]
            position = match.end()
        if pieces:
            pieces.append(html.escape(text[position:], quote=False))
            _replace_text(node, "".join(pieces))
    return marked


def _replace_text(node, markup: str) -> None:
    for child in list(parse_body_fragment(markup).body.iter(include_text=True)):
        node.insert_before(child)
    node.decompose()


def add_hints(content: str, terms: list[Term], lang: str) -> tuple[str, list[Term]]:
    """hint_tree on rendered HTML: the new HTML (unchanged when nothing is marked) and the terms marked."""
    tree = parse_body_fragment(content)
    marked = hint_tree(tree.body, terms, lang)
    return (tree.body.inner_html if marked else content), marked


HINT_LIST_OPEN = '<div class="qa-hints" hidden="" data-search-exclude="true">'


def note_lang(term, page_lang: str) -> str:
    """The counterpart's language: the other one than the term's (its nearest lang, or the page's)."""
    node = term.parent
    while node is not None and node.tag != "body":
        if node.attributes.get("lang"):
            return "en" if node.attributes["lang"].lower().startswith("zh") else "zh-CN"
        node = node.parent
    return "en" if page_lang.startswith("zh") else "zh-CN"


def describe_hints(body, page_lang: str) -> tuple[str, tuple[str, ...]]:
    """Each <abbr title> of a section's content made a focusable term described by its counterpart
    (in place: class qa-term, tabindex, aria-describedby, no title), as reading.js used to on load;
    returns the list of counterparts that describe them, to go at the end of the content ("" if none),
    and the counterparts."""
    notes: list[str] = []
    texts: list[str] = []
    for number, term in enumerate(body.css("abbr[title]"), start=1):
        text = term.attributes.get("title") or ""
        texts.append(text)
        lang = note_lang(term, page_lang)
        del term.attrs["title"]
        term.attrs["class"] = " ".join([*(term.attributes.get("class") or "").split(), "qa-term"])
        term.attrs["tabindex"] = "0"
        term.attrs["aria-describedby"] = f"qa-hint-{number}"
        notes.append(f'<span id="qa-hint-{number}" lang="{lang}">{html.escape(text, quote=False)}</span>')
    if not notes:
        return "", ()
    listed = parse_body_fragment(HINT_LIST_OPEN + "".join(notes) + "</div>").body.child.html or ""
    return listed, tuple(texts)
