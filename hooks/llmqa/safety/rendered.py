"""The rules for what pages render to, as problems with the source file and line.

- safety: the rendered Markdown of a page against the content allowlist, each finished page against
  the page allowlist, the search indexes' text (html_check.py);
- structure: a section's four blocks and its correction notes are there, once each, as the elements
  they should be, and no block renders empty.

The HTML says nothing of the Markdown lines it came from, so a problem is placed on the first line of
the source that holds the text the markup came from (an attribute, a tag), looked for in its block
first; else on the block's heading.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

import llmqa.safety.html_check as html_check
from llmqa.safety.html_check import Finding, parse_body_fragment, plain_text_problem, start_tag
from llmqa.safety.messages import shown
from llmqa.safety.policy import BLOCKS, HEADINGS
from llmqa.safety.site_markup import Controls, take_site_markup
from llmqa.safety.urls import Site, link_problem
from llmqa.sections.page import SectionPage
from llmqa.sections.report import Problem

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
TEMPLATE_HINT = (
    " (it is outside the page's text: a template, or a value from the page's title, tags or front "
    "matter, wrote it)"
)


def locate(page: SectionPage | None, needles: Iterable[str], block: str | None) -> int:
    """The source line that probably wrote a finding: the first holding a needle, in its block first."""
    if page is None or not page.readable or not page.text:
        return 1
    lines = page.text.lower().split("\n")
    start, end = block_range(page, block)
    for needle in needles:
        needle = needle.lower().strip()
        if len(needle) < 2:
            continue
        for first, last in ((start, end), (1, len(lines))):
            for number in range(first, last + 1):
                if needle in lines[number - 1]:
                    return number
    return start if block else page.body_line


def block_range(page: SectionPage, block: str | None) -> tuple[int, int]:
    """First and last line of a block of the page (the whole page if it has no such block)."""
    last = page.text.count("\n") + 1
    headings = [b.heading.line for b in page.blocks]
    for index, found in enumerate(page.blocks):
        if found.heading.anchor == block:
            return found.heading.line, (headings[index + 1] - 1 if index + 1 < len(headings) else last)
    return 1, last


def _problems(path: str, page: SectionPage | None, findings: list[Finding], hint: str = "") -> list[Problem]:
    return [
        Problem(path, locate(page, finding.needles, finding.block), "safety", str(finding) + hint)
        for finding in findings
    ]


def content_problems(
    path: str, page: SectionPage | None, html: str | LexborHTMLParser, is_section: bool
) -> tuple[list[Problem], set[str]]:
    """A page's content as its Markdown rendered (HTML, or already parsed with parse_body_fragment):
    the content allowlist, then (for a section) its structure.

    Also returns the markup of each refused element, so that later checks do not report it again.
    """
    tree = parse_body_fragment(html) if isinstance(html, str) else html
    findings = html_check.check_content_tree(tree) + misplaced_permalinks(tree)
    problems = _problems(path, page, findings)
    if is_section and page is not None and page.readable:
        problems += structure_problems(path, page, tree)
    return problems, {finding.markup for finding in findings}


def misplaced_permalinks(tree) -> list[Finding]:
    """`headerlink` is the class of a heading's own permalink (¶), which the site's styles make quiet:
    on any other link (an off-site one, say) it is refused."""
    found = []
    for link in tree.body.css("a.headerlink") if tree.body is not None else ():
        parent = link.parent
        anchor = parent.attributes.get("id") if parent is not None and parent.tag in HEADINGS else None
        if anchor is None or link.attributes.get("href") != f"#{anchor}":
            message = (
                "class 'headerlink' belongs to a heading's own permalink (¶), made by Markdown: remove it "
                "from this link"
            )
            found.append(Finding(message, start_tag(link), ("headerlink",)))
    return found


def written_content_problems(
    path: str, page: SectionPage | None, html: str, controls: Controls | None, known: set[str]
) -> tuple[list[Problem], set[str]]:
    """A page's content as the pipeline writes it, once every transform has run: the content allowlist,
    with the block wrappers' own markup taken out where they write it (site_markup.py).

    What the contribution's check reported already (`known`) is not reported twice. Anything else is
    markup a transform made that content may not carry."""
    tree = parse_body_fragment(html)
    if controls is not None and tree.body is not None:
        take_site_markup(tree.body, controls)
    findings = [f for f in html_check.check_content_tree(tree) if f.markup not in known]
    return _problems(path, page, findings), {finding.markup for finding in findings}


def page_problems(
    path: str, page: SectionPage | None, html: str, page_path: str, site: Site, known: set[str]
) -> list[Problem]:
    """A finished page (template and content) against the page allowlist.

    `known`: the markup of what the page's content check reported already, not reported twice.
    """
    findings = [f for f in html_check.check_page(html, page_path, site) if f.markup not in known]
    return _problems(path, page, findings, TEMPLATE_HINT)


def structure_problems(path: str, page: SectionPage, tree) -> list[Problem]:
    """Each block heading and each correction note rendered once, as what it is; no block renders empty."""
    problems: list[Problem] = []
    body = tree.body
    if body is None:
        return problems
    by_id: dict[str, list] = {}
    for node in body.traverse(include_text=False):
        if node.is_element_node and node.attributes.get("id"):
            by_id.setdefault(node.attributes["id"], []).append(node)
    headings = {b.heading.anchor: b.heading.line for b in page.blocks}
    for name in BLOCKS:
        found = by_id.get(name, [])
        if name not in headings or len(found) == 1:
            continue
        if not found:
            message = f"the block heading '#{name}' did not render: check the '## ' line"
            line = headings[name]
        else:
            message = (
                f"{len(found)} elements of the rendered page have the id '{name}': it belongs to the "
                f"block heading alone; remove the other '{{#{name}}}'"
            )
            line = _other_line(page, f"#{name}", headings[name])
        problems.append(Problem(path, line, "structure", message))
    for note in page.notes:
        note_id = note.attrs.get("id")
        if note.kind != "erratum" or not isinstance(note_id, str) or not note_id:
            continue
        found = by_id.get(note_id, [])
        notes = [n for n in found if n.tag == "div" and {"admonition", "erratum"} <= set(_classes(n))]
        if not notes:
            message = (
                f"erratum '{shown(note_id)}' did not render as a correction note: put the option line "
                f"'    attrs: {{id: {shown(note_id)}}}' (4 spaces in) right under the '///' line, with no "
                "blank line between"
            )
            line = note.line
        elif len(found) > 1:
            message = (
                f"{len(found)} elements of the rendered page have the id '{shown(note_id)}': it belongs to "
                f"the correction note alone; remove the other '{{#{shown(note_id)}}}'"
            )
            line = _other_line(page, f"#{note_id}", note.line)
        else:
            continue
        problems.append(Problem(path, line, "structure", message))
    for name, nodes in _block_contents(body).items():
        if name in headings and not _shows_something(nodes):
            problems.append(
                Problem(
                    path,
                    headings[name],
                    "structure",
                    f"block '{name}' renders empty (only spaces, &nbsp;, invisible characters or comments): "
                    "write its text",
                )
            )
    return problems


def _other_line(page: SectionPage, needle: str, besides: int) -> int:
    """The first line other than `besides` that holds `needle` ({#id} written a second time)."""
    lines = page.text.split("\n")
    return next((n for n, text in enumerate(lines, 1) if needle in text and n != besides), besides)


def _classes(node) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _block_contents(body) -> dict[str, list]:
    """The top-level nodes of each block: everything after its heading up to the next H2."""
    contents: dict[str, list] = {}
    current: list | None = None
    for node in body.iter(include_text=True):
        if node.is_element_node and node.tag == "h2":
            name = node.attributes.get("id")
            current = contents.setdefault(name, []) if name in BLOCKS else None
        elif current is not None:
            current.append(node)
    return contents


def _shows_something(nodes: list) -> bool:
    for node in nodes:
        if node.is_element_node and (node.tag in ("img", "table") or node.css_first("img, table")):
            return True
        if node.is_comment_node:
            continue
        text = (node.text(deep=True) or "").translate(INVISIBLE)
        if text.strip():
            return True
    return False


# --- search indexes -------------------------------------------------------------------------------


def search_index_problems(path: str, index: object, source_of) -> list[Problem]:
    """A search index: its text is shown as HTML in search results, so it meets the content allowlist.

    `source_of(location)` gives the source file of an entry (for the message), or None.
    """
    if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
        return [Problem(path, 1, "safety", "the search index is not {'config': ..., 'docs': [...]}")]
    problems: list[Problem] = []
    for doc in index["docs"]:
        if not isinstance(doc, dict):
            problems.append(Problem(path, 1, "safety", "a search index entry is not an object"))
            continue
        location = doc.get("location")
        where = source_of(location) if isinstance(location, str) else None
        file = where or path
        if not isinstance(location, str) or location.startswith("/") or link_problem(location):
            problems.append(
                Problem(
                    file,
                    1,
                    "safety",
                    f"search entry location {shown(repr(location), 80)} is not a relative link",
                )
            )
        for field in ("title", "text"):
            value = doc.get(field, "")
            if not isinstance(value, str):
                problems.append(Problem(file, 1, "safety", f"search entry {field} is not text"))
                continue
            for finding in html_check.check_content(value):
                problems.append(Problem(file, 1, "safety", f"the search index entry's {field}: {finding}"))
        boost = doc.get("boost", 1)
        if isinstance(boost, bool) or not isinstance(boost, (int, float)) or not 0 < boost <= 1e6:
            problems.append(
                Problem(file, 1, "safety", f"search entry boost {shown(repr(boost), 40)} is not a number")
            )
        for tag in doc.get("tags") or []:
            problem = plain_text_problem(tag)
            if problem:
                problems.append(Problem(file, 1, "safety", f"search entry tag {problem}"))
    return problems


def tags_index_problems(path: str, index: object, source_of=lambda url: None) -> list[Problem]:
    """Material's tags.json: item titles and tag names are plain text, URLs relative. A problem of an
    entry is reported on the page it comes from (`source_of`: its URL -> its source file), if known.

    A '>' alone is text (a title may read 'A > B', written '\\>'): only '<' starts markup."""
    problems: list[Problem] = []
    mappings = index.get("mappings") if isinstance(index, dict) else None
    if not isinstance(mappings, list):
        return [Problem(path, 1, "safety", "the tags index is not {'mappings': [...]}")]
    for mapping in mappings:
        item = mapping.get("item") if isinstance(mapping, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(url, str) or url.startswith("/") or link_problem(url):
            problems.append(
                Problem(path, 1, "safety", f"tags index URL {shown(repr(url), 80)} is not a relative link")
            )
        values = [item.get("title") if isinstance(item, dict) else None, *(mapping.get("tags") or [])]
        where = (source_of(url) if isinstance(url, str) else None) or path
        for value in values:
            problem = plain_text_problem(value.replace(">", "") if isinstance(value, str) else value)
            if problem:
                problems.append(Problem(where, 1, "safety", f"its title or topic in {path} {problem}"))
    return problems
