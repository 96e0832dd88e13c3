"""Compare HTML with the allowlists of html_policy.py, as a browser would read it.

The HTML is parsed by Lexbor (through selectolax), a maintained parser that follows the WHATWG HTML
parsing algorithm, as browsers do: the check sees the elements and attributes a browser would build,
whatever the text looks like (comment endings such as `<!-->`, quotes, entities, a `<body onload>`
in the middle of a page that adds its attribute to the page's body). Lexbor is written in C: the whole
site (about 1.4 MB of HTML) is read in some 40 ms, where a pure-Python HTML5 parser (justhtml) takes
about 0.7 s, a fifth of a build.

Nothing is ever removed: every element, attribute or URL outside the allowlist is a `Finding`, with the
markup as the browser would see it, so the build can refuse the page and say why. How URLs are read
and where they may point is urls.py; the shapes of the theme's own elements (page level) are shapes.py.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

import llmqa.safety.policy as policy
from llmqa.safety.messages import non_ascii_note, shown
from llmqa.safety.shapes import SHAPES
from llmqa.safety.urls import Site, image_problem, link_problem, own_path

MARKUP_LIMIT = 300


@dataclass(frozen=True)
class Finding:
    """Something a page may not carry: what it is and why (`message`), and how to find its source."""

    message: str
    markup: str = ""  # the element's start tag, as the browser reads it
    needles: tuple[str, ...] = ()  # text of the source that probably wrote it, best first
    block: str | None = None  # the section block (#answer...) it sits in, if known

    def __str__(self) -> str:
        return f"{self.message} (rendered: {self.markup})" if self.markup else self.message


# --- reading --------------------------------------------------------------------------------------


def parse_document(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)


def parse_body_fragment(html: str) -> LexborHTMLParser:
    """HTML that goes inside a page's body, parsed in that place (as the browser will parse it)."""
    return LexborHTMLParser("<!DOCTYPE html><html><head></head><body>" + html)


def children(node: LexborNode) -> Iterator[LexborNode]:
    for child in node.iter(include_text=False):
        if child.is_element_node:
            yield child


def start_tag(node: LexborNode, limit: int = MARKUP_LIMIT) -> str:
    """The element's start tag as the browser sees it, quoted safely for a message."""
    parts = [node.tag]
    for name, value in node.attributes.items():
        parts.append(name if value is None else f'{name}="{value}"')
    return shown("<" + " ".join(parts) + ">", limit)


# --- the walk -------------------------------------------------------------------------------------

# Decisions for elements already seen (see _Walk.element). Not for elements whose content decides
# (a script's text, an icon's paths); with the page's folder for those whose URLs are resolved from it.
_DECISIONS: dict[tuple, tuple[bool, tuple]] = {}
_ATTRIBUTE_DECISIONS: dict[tuple, str | None] = {}  # the same, for one attribute of an element
_UNDECIDED = object()
_UNCACHED = frozenset({"script", "svg"})
_PATH_DEPENDENT = frozenset({"img", "link", "meta", "form"})  # and a link to download (decided each time)


def _inside(node: LexborNode, refused: set[int]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id in refused:
            return True
        parent = parent.parent
    return False


@dataclass
class _Walk:
    level: str  # "content" or "page"
    page_path: str = ""
    site: Site = field(default_factory=Site)
    findings: list[Finding] = field(default_factory=list)
    page_folder: str = ""

    def __post_init__(self) -> None:
        self.page_folder = posixpath.dirname(self.page_path)

    def add(self, node: LexborNode, what: str, block: str | None, *needles: str) -> None:
        self.findings.append(Finding(what, start_tag(node), tuple(n for n in needles if n), block))

    def tree(self, root: LexborNode, block: str | None) -> None:
        """Check `root` and everything in it; inside a refused element, nothing more is reported.

        Pages repeat the same elements (the theme's navigation above all), so each element's shape is
        decided once (_DECISIONS); this loop runs for every element of every page and is kept lean."""
        refused: set[int] = set()
        decisions = _DECISIONS
        by_tag = (self.level, self.site.url)
        by_folder = (self.level, self.site.url, self.page_folder)
        for node in root.traverse(include_text=False):
            tag = node.tag
            if tag[0] == "-" or (refused and _inside(node, refused)):
                continue  # a comment or a doctype; or inside a refused element
            attributes = node.attributes
            if tag in _UNCACHED or (tag == "a" and "download" in attributes):
                descend, problems = self.decide(node, tag, attributes)
            else:
                key = (by_folder if tag in _PATH_DEPENDENT else by_tag, tag, tuple(attributes.items()))
                decision = decisions.get(key)
                if decision is None:
                    if len(decisions) > 100_000:
                        decisions.clear()
                    decision = decisions[key] = self.decide(node, tag, attributes)
                descend, problems = decision
            for what, needles in problems:
                self.findings.append(Finding(what, start_tag(node), needles, block))
            if not descend:
                refused.add(node.mem_id)

    def decide(self, node: LexborNode, tag: str, attributes: dict) -> tuple[bool, tuple]:
        """(whether its content is looked at, ((what is wrong, source needles), ...)) for one element."""
        elements = policy.CONTENT_ELEMENTS if self.level == "content" else policy.PAGE_ELEMENTS
        if tag not in elements:
            why = policy.WHY_REFUSED.get(tag, "it is not an element pages use")
            hint = "" if self.level == "page" else f", or show it as code: `<{tag}>`"
            return False, ((f"element <{tag}> is not allowed ({why}): remove it{hint}", (f"<{tag}",)),)
        problems = []
        if self.level == "page" and tag in SHAPES:
            problem = SHAPES[tag](node, self)
            if problem:
                problems.append((problem, (f"<{tag}",)))
            if tag == "script":
                return True, tuple(problems)  # its text is no markup: the shape rule read it
        for name, value in attributes.items():
            value = value or ""
            lowered = name.lower()
            where = self.page_folder if lowered in ("src", "action") else ""
            key = (self.level, self.site.url, where, tag, lowered, value)
            problem = _ATTRIBUTE_DECISIONS.get(key, _UNDECIDED)
            if problem is _UNDECIDED:
                if len(_ATTRIBUTE_DECISIONS) > 100_000:
                    _ATTRIBUTE_DECISIONS.clear()
                problem = _ATTRIBUTE_DECISIONS[key] = self.attribute(tag, lowered, value, elements[tag])
            if problem:
                # The value as written may differ (entities, escapes): its second half often does not.
                tail = value[len(value) // 2 :] if len(value) >= 8 else ""
                problems.append((problem, tuple(n for n in (value, tail, f"{name}=", name) if n)))
        return True, tuple(problems)

    def attribute(self, tag: str, name: str, value: str, allowed: frozenset[str]) -> str | None:
        content = self.level == "content"
        if name.startswith("on"):
            return f"event attribute '{name}' on <{tag}> is not allowed (it runs script): remove it"
        if name == "style":
            return (
                f"a style attribute on <{tag}> is not allowed (pages take their styles from the site's "
                "stylesheets): remove it"
            )
        global_attributes = policy.GLOBAL_ATTRIBUTES if content else policy.PAGE_GLOBAL_ATTRIBUTES
        known = (
            name in allowed
            or name in global_attributes
            or (not content and policy.PAGE_ATTRIBUTE_FAMILY.match(name) is not None)
        )
        if not known:
            return f"attribute '{name}' on <{tag}> is not one pages use: remove it"
        check = _VALUE_CHECKS.get(name)
        return check(tag, value, self) if check else None


def _class_problem(tag: str, value: str, walk: _Walk) -> str | None:
    for name in value.split():
        if policy.is_content_class(tag, name):
            continue
        if walk.level == "page" and (policy.PAGE_CLASS.match(name) or name in policy.PAGE_ONLY_CLASSES):
            continue
        if policy.RESERVED_CLASS.match(name) or name in policy.PAGE_ONLY_CLASSES:
            return f"class '{shown(name)}' on <{tag}> is reserved for the site's own markup: remove it"
        return f"class '{shown(name)}' on <{tag}> is not one the site's stylesheets use: remove it"
    return None


def _id_problem(tag: str, value: str, walk: _Walk) -> str | None:
    pattern = policy.CONTENT_ID if walk.level == "content" else policy.PAGE_ID
    if pattern.match(value):
        return None
    if policy.RESERVED_ID.match(value):
        return (
            f"id '{shown(value)}' is reserved for the site's own markup (ids starting with '__' or 'qa-'): "
            "choose another"
        )
    return (
        f"id '{shown(value)}'{non_ascii_note(value)} is not a plain anchor: use ASCII letters, digits, "
        "'-' and '_', starting with a letter"
    )


def _href_problem(tag: str, value: str, walk: _Walk) -> str | None:
    if tag == "a":
        problem = link_problem(value)
        return f"{problem}; the link goes to '{shown(value)}'" if problem else None
    if tag == "link":
        return None  # shape rule
    return f"attribute 'href' on <{tag}> is not one pages use: remove it"


def _src_problem(tag: str, value: str, walk: _Walk) -> str | None:
    if tag == "img":
        if walk.level == "content":
            problem = image_problem(value)
        else:
            problem = (
                None if own_path(value, walk.page_path, walk.site) is not None else "not the site's own file"
            )
        return f"{problem}; the image is '{shown(value)}'" if problem else None
    return None  # script: shape rule


def _number_problem(tag: str, value: str, walk: _Walk) -> str | None:
    return None if policy.NUMBER.match(value) else f"'{shown(value)}' on <{tag}> should be a whole number"


def _align_problem(tag: str, value: str, walk: _Walk) -> str | None:
    return (
        None
        if value.lower() in policy.ALIGN_VALUES
        else f"align '{shown(value)}' on <{tag}>: use left, right or center"
    )


def _lang_problem(tag: str, value: str, walk: _Walk) -> str | None:
    return (
        None
        if policy.LANGUAGE_TAG.match(value)
        else f"lang '{shown(value)}' is not a language tag such as 'en' or 'zh-CN'"
    )


def _target_problem(tag: str, value: str, walk: _Walk) -> str | None:
    return None if value == "_blank" else f"target '{shown(value)}' on <{tag}>: only '_blank' is used"


def _action_problem(tag: str, value: str, walk: _Walk) -> str | None:
    if own_path(value, walk.page_path, walk.site) is None:
        return f"a form may only send to the site itself, not to '{shown(value)}'"
    return None


_VALUE_CHECKS: dict[str, Callable[[str, str, _Walk], str | None]] = {
    "class": _class_problem,
    "id": _id_problem,
    "href": _href_problem,
    "src": _src_problem,
    "width": _number_problem,
    "height": _number_problem,
    "start": _number_problem,
    "colspan": _number_problem,
    "rowspan": _number_problem,
    "tabindex": lambda tag, value, walk: (
        None if re.match(r"^-?[0-9]$", value) else f"tabindex '{shown(value)}'"
    ),
    "align": _align_problem,
    "lang": _lang_problem,
    "hreflang": _lang_problem,
    "target": _target_problem,
    "action": _action_problem,
}


# --- entry points ---------------------------------------------------------------------------------


def check_content(html: str) -> list[Finding]:
    """Rendered Markdown (what goes into a page's article) against the CONTENT allowlist.

    Without a '<' there is nothing to parse: an HTML5 parser makes an element (or a comment, or a
    doctype) only from a '<' in the source, so such text is text (most search titles are)."""
    if "<" not in html:
        return []
    return check_content_tree(parse_body_fragment(html))


def check_content_tree(tree: LexborHTMLParser) -> list[Finding]:
    """check_content on HTML already parsed with parse_body_fragment."""
    walk = _Walk("content")
    root, head, body = tree.root, tree.head, tree.body
    for element, name in ((root, "html"), (body, "body")):
        if element is not None and element.attributes:
            walk.add(
                element,
                f"a <{name}> tag in the text adds its attributes to the whole page: remove it",
                None,
                f"<{name}",
            )
    for child in children(head) if head is not None else ():
        walk.tree(child, None)
    block = None
    for child in children(body) if body is not None else ():
        if child.tag == "h2" and child.attributes.get("id") in policy.BLOCKS:
            block = child.attributes["id"]
        walk.tree(child, block)
    return walk.findings


def check_page(html: str, page_path: str, site: Site) -> list[Finding]:
    """A finished page against the PAGE allowlist. `page_path`: its path from the site root."""
    tree = parse_document(html)
    walk = _Walk("page", page_path=page_path, site=site)
    if tree.root is not None:
        walk.tree(tree.root, None)
    return walk.findings


def plain_text_problem(value: object) -> str | None:
    """Why a value that templates print as text (a title, a tag) is not plain text, or None."""
    if not isinstance(value, str):
        return f"{shown(repr(value), 80)} is not text"
    if "<" in value or ">" in value:
        return f"'{shown(value, 120)}' holds '<' or '>': write it without markup"
    hidden = [c for c in value if not c.isprintable()]
    if hidden:
        return f"'{shown(value, 120)}' holds an invisible character: delete it"
    return None
