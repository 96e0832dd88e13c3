"""The site's own markup in a section's content, told apart from the contribution's.

After a section's Markdown is rendered, the pipeline writes markup of its own into the content: each
block's wrappers (div.qa-block, div.qa-pair, div.qa-pair__own) and the controls reading.js gives life
to (the practice bar, each block's show/hide button: pages/wrappers.py), the controls that end each
block heading and correction-note title (span.qa-controls: pages/controls.py), and the term hints
(abbr.qa-term and the list of counterparts at the end: glossary/hints.py). The content check runs on
the content as it is written: this module takes the site's markup out of the parsed content, each
piece only in the exact shape and at the exact place the build writes it, once per place, and turns
each term back into the <abbr title> the contribution's check saw, so that what is left is the
contribution alone, which then meets the content allowlist. A contribution that imitates the site's
markup leaves a piece that is not in its place or one too many: it stays in the tree, and the
allowlist refuses its reserved classes.

Plain Python (selectolax), no MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from llmqa.pages.controls import is_note_title
from llmqa.pages.wrappers import PAIR_OPEN, block_open
from llmqa.safety.html_check import children
from llmqa.sections.model import BLOCKS


@dataclass
class Controls:
    """The controls the build writes: for the page's language the practice bar and a button per block;
    for the page itself, the controls that end each block heading and note title, by the place's id."""

    bar: str = ""
    buttons: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    hints: str = ""  # the list of the terms' counterparts, at the end of the content
    hint_texts: tuple[str, ...] = ()  # the counterparts, in page order (the terms' titles before)


def _start_tag(node) -> str:
    html = node.html or ""
    return html[: html.find(">") + 1]


def _is(node, tag: str, cls: str) -> bool:
    return node is not None and node.tag == tag and cls in (node.attributes.get("class") or "").split()


def _next_element(node):
    node = node.next
    while node is not None and not node.is_element_node:
        node = node.next
    return node


def _prev_element(node):
    node = node.prev
    while node is not None and not node.is_element_node:
        node = node.prev
    return node


def _unwrap_pair(pair) -> bool:
    """A div.qa-pair with one div.qa-pair__own in it, as the wrappers write it: unwrapped."""
    inner = pair.child
    if _start_tag(pair) + (_start_tag(inner) if inner is not None else "") != PAIR_OPEN:
        return False
    if _next_element(inner) is not None or inner.prev is not None:
        return False
    inner.unwrap()
    pair.unwrap()
    return True


def _is_bar(node, controls: Controls) -> bool:
    """The practice bar, under the title (or above the question when there is none)."""
    if not _is(node, "div", "qa-practice-bar") or node.html != controls.bar:
        return False
    before, after = _prev_element(node), _next_element(node)
    return (before is not None and before.tag == "h1") or (
        after is not None and after.tag == "h2" and after.attributes.get("id") == "question"
    )


def _is_button(node, block: str | None, controls: Controls) -> bool:
    """A block's show/hide button, between its heading and its wrapper."""
    if not block or not _is(node, "button", "qa-reveal") or node.html != controls.buttons.get(block):
        return False
    before = _prev_element(node)
    return before is not None and before.tag == "h2" and _is(_next_element(node), "div", "qa-block")


def _is_block_wrapper(node, block: str | None) -> bool:
    """div.qa-block#qa-block-<block> holding one div.qa-pair, right after the block's button."""
    if not block or block == "question" or not _is(node, "div", "qa-block"):
        return False
    pair = node.child
    return (
        _start_tag(node) + PAIR_OPEN == block_open(block)
        and _is(pair, "div", "qa-pair")
        and pair.next is None
    )


def _place_of(span) -> str | None:
    """The id of the place a span.qa-controls ends, if it is the last child of a place's title."""
    holder = span.parent
    if holder is None or span.next is not None:
        return None
    if holder.tag == "h2" and holder.parent is not None and holder.parent.tag == "body":
        anchor = holder.attributes.get("id")
        return anchor if anchor in BLOCKS else None
    note = holder.parent
    if note is None or not is_note_title(holder):
        return None
    if "erratum" not in (note.attributes.get("class") or "").split():
        return None
    first = next(children(note), None)
    return note.attributes.get("id") or None if first is not None and first.mem_id == holder.mem_id else None


def _take_place_controls(body, controls: Controls) -> None:
    """Each place's controls, where the build writes them (pages/controls.py), once per place."""
    taken: set[str] = set()
    for span in body.css("span.qa-controls"):
        anchor = _place_of(span)
        if anchor and anchor not in taken and span.html == controls.places.get(anchor):
            taken.add(anchor)
            span.decompose()


def _take_hints(body, controls: Controls) -> None:
    """The term hints as the build writes them (glossary/hints.py describe_hints): the list of
    counterparts, the content's last element, and each term back to <abbr title> (as the contribution's
    check saw it), when its attributes are exactly the build's, in their order."""
    last = body.last_child
    while last is not None and not last.is_element_node:
        last = last.prev
    if not controls.hints or last is None or last.html != controls.hints:
        return
    last.decompose()
    for number, term in enumerate(body.css("abbr.qa-term"), start=1):
        made = {"class": "qa-term", "tabindex": "0", "aria-describedby": f"qa-hint-{number}"}
        if number > len(controls.hint_texts) or dict(term.attributes) != made:
            return
        for name in made:
            del term.attrs[name]
        term.attrs["title"] = controls.hint_texts[number - 1]


def take_site_markup(body, controls: Controls) -> None:
    """Remove the build's markup from a parsed section content (in place), where it is its own."""
    _take_hints(body, controls)
    _take_place_controls(body, controls)
    block: str | None = None  # the block whose heading came last
    done: set[str] = set()  # the bar, and the blocks whose wrappers were taken out
    for node in list(body.iter(include_text=False)):
        if node.tag in ("h1", "h2"):
            anchor = node.attributes.get("id") if node.tag == "h2" else None
            block = anchor if anchor in BLOCKS else None
        elif "bar" not in done and _is_bar(node, controls):
            done.add("bar")
            node.decompose()
        elif block not in done and _is_button(node, block, controls):
            node.decompose()
        elif block not in done and _is_block_wrapper(node, block) and _unwrap_pair(node.child):
            node.unwrap()
            done.add(block)
        elif block == "question" and block not in done and _is(node, "div", "qa-pair") and _unwrap_pair(node):
            done.add(block)
