"""The wrappers each block of a section page sits in, written into the page when it is built.

Practice mode hides a block by its wrapper (div.qa-block#qa-block-answer) and the parallel view puts
the other language's column beside the block's own (div.qa-pair > div.qa-pair__own). reading.js used
to make them on load by moving every node of the article, which made the browser style the whole
article again while the page was starting (about 90 ms of main-thread time on a phone). Written here,
they cost the browser nothing. The controls reading.js gives life to (practice mode's and the
parallel view's switches, each block's show/hide button) are written in too, from
overrides/partials/practice-controls.html: made by the script, they pushed the page down as they
appeared.

The content is parsed as the browser will parse it (html_check.parse_body_fragment) and written
back node by node; a block runs from its heading to the next H1 or H2, as in reading.js.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

from llmqa.safety.html_check import parse_body_fragment
from llmqa.sections.model import BLOCKS

BOUNDARIES = ("h1", "h2")
PAIR_OPEN = '<div class="qa-pair"><div class="qa-pair__own">'
PAIR_CLOSE = "</div></div>"


def block_open(block: str) -> str:
    if block == "question":
        return PAIR_OPEN  # always shown: practice mode hides the other three
    return f'<div class="qa-block" id="qa-block-{block}">{PAIR_OPEN}'


def block_close(block: str) -> str:
    return PAIR_CLOSE if block == "question" else PAIR_CLOSE + "</div>"


def wrap_blocks(html: str, bar: str = "", buttons: dict[str, str] | None = None) -> str:
    """The content with each block's nodes (after its H2) in its wrappers; unchanged without blocks.

    `bar` goes under the page's title (or above the question if there is none), `buttons[block]`
    between a block's heading and its wrapper: the controls reading.js gives life to.
    """
    return wrap_tree(parse_body_fragment(html), bar, buttons) or html


def wrap_tree(tree, bar: str = "", buttons: dict[str, str] | None = None) -> str | None:
    """wrap_blocks on content already parsed with parse_body_fragment; None without blocks."""
    body = tree.body
    if body is None or body.css_first("body > h2#question") is None:
        return None
    buttons = buttons or {}
    out: list[str] = []
    current: str | None = None
    for node in body.iter(include_text=True):
        markup = node.html or ""
        if node.tag not in BOUNDARIES:
            out.append(markup)
            continue
        if current is not None:
            out.append(block_close(current))
        block = node.attributes.get("id") if node.tag == "h2" else None
        current = block if block in BLOCKS else None
        if bar and node.tag == "h1":
            out += [markup, bar]
            bar = ""
        elif bar and current == "question":
            out += [bar, markup]
            bar = ""
        else:
            out.append(markup)
        if current is not None:
            out.append(buttons.get(current, "") + block_open(current))
    if current is not None:
        out.append(block_close(current))
    return "".join(out)


CONTROLS_TEMPLATE = "partials/practice-controls.html"


def section_controls(env, lang: str) -> tuple[str, dict[str, str]]:
    """The practice bar and each block's show/hide button, from overrides/partials/practice-controls.html."""
    template = env.get_template(CONTROLS_TEMPLATE).module
    buttons = {block: str(template.reveal(lang, block)) for block in BLOCKS if block != "question"}
    return str(template.bar(lang)), buttons
