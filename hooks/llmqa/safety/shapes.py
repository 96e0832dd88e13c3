"""The shapes of the theme's own elements: a finished page may carry a script, link, meta, form, input,
button, svg or download link only as the theme writes it.

Each rule reads one element and says what is wrong with it, or None; `SHAPES` maps a tag to its rule.
html_check.py calls them at the page level, before the element's attributes are checked.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import llmqa.safety.policy as policy
from llmqa.safety.messages import shown
from llmqa.safety.urls import clean_url, own_path, url_scheme

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

    from llmqa.safety.html_check import _Walk


def _script_shape(node: LexborNode, walk: _Walk) -> str | None:
    attributes = node.attributes
    text = node.text(deep=True) or ""
    if not attributes:
        if any(pattern.fullmatch(text) for pattern in policy.INLINE_SCRIPTS):
            return None
        return "an inline script that is not one of the theme's own: pages run only the site's scripts"
    if set(attributes) == {"src"}:
        path = own_path(attributes["src"] or "", walk.page_path, walk.site)
        if path is not None and policy.OWN_SCRIPT.match(path) and not text.strip():
            return None
        return "a script that is not one of the site's own files"
    if attributes == {"id": "__config", "type": "application/json"}:
        return _config_problem(text)
    return "a script that is not one of the theme's own"


def _config_problem(text: str) -> str | None:
    try:
        config = json.loads(text)
    except ValueError:
        return "the theme's configuration script is not valid JSON"
    if not isinstance(config, dict) or not set(config) <= policy.CONFIG_KEYS:
        return "the theme's configuration script has keys the theme does not write"
    if not isinstance(config.get("search"), str) or not policy.CONFIG_SEARCH.match(config["search"]):
        return "the theme's configuration names a search worker that is not the site's own"
    return None


def _link_shape(node: LexborNode, walk: _Walk) -> str | None:
    rel = (node.attributes.get("rel") or "").lower()
    href = node.attributes.get("href") or ""
    if rel not in policy.LINK_RELS:
        return f"a <link rel='{shown(rel)}'> is not one the theme writes"
    path = own_path(href, walk.page_path, walk.site)
    if path is None:
        return "a <link> to a file that is not the site's own"
    if rel == "stylesheet" and not policy.OWN_STYLESHEET.match(path):
        return "a stylesheet that is not one of the site's own files"
    return None


def _meta_shape(node: LexborNode, walk: _Walk) -> str | None:
    attributes = node.attributes
    names = set(attributes)
    if names == {"charset"}:
        return None
    content = attributes.get("content") or ""
    if names == {"name", "content"} and (attributes["name"] or "") in policy.META_NAMES:
        key = attributes["name"] or ""
    elif names == {"property", "content"} and policy.META_PROPERTY.match(attributes["property"] or ""):
        key = attributes["property"] or ""
    else:
        return "a <meta> that is not one the theme writes"
    is_url = key in ("og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image")
    if is_url and (
        own_path(content, walk.page_path, walk.site) is None or url_scheme(clean_url(content)) is None
    ):
        return f"'{key}' must be an absolute URL of the site itself"
    return None


def _form_shape(node: LexborNode, walk: _Walk) -> str | None:
    method = (node.attributes.get("method") or "get").lower()
    return None if method == "get" else "a form that sends data (method other than get)"


def _input_shape(node: LexborNode, walk: _Walk) -> str | None:
    kind = (node.attributes.get("type") or "text").lower()
    return (
        None if kind in policy.INPUT_TYPES else f"an <input type='{shown(kind)}'> is not one the theme writes"
    )


def _button_shape(node: LexborNode, walk: _Walk) -> str | None:
    kind = (node.attributes.get("type") or "submit").lower()
    return None if kind in policy.BUTTON_TYPES else f"a <button type='{shown(kind)}'>"


def _svg_shape(node: LexborNode, walk: _Walk) -> str | None:
    namespace = node.attributes.get("xmlns")
    if namespace not in (None, policy.SVG_NAMESPACE):
        return "an <svg> in another namespace"
    for child in node.traverse(include_text=False):
        if child.is_element_node and child.tag not in ("svg", "path"):
            return f"an <svg> holding <{child.tag}> (the theme's icons are paths only)"
    return None


def _a_shape(node: LexborNode, walk: _Walk) -> str | None:
    attributes = node.attributes
    if "target" in attributes and "noopener" not in (attributes.get("rel") or "").split():
        return "a link that opens a new window without rel='noopener'"
    if "download" in attributes and own_path(attributes.get("href") or "", walk.page_path, walk.site) is None:
        return "a download link to a file that is not the site's own"
    return None


SHAPES: dict[str, Callable[[LexborNode, _Walk], str | None]] = {
    "script": _script_shape,
    "link": _link_shape,
    "meta": _meta_shape,
    "form": _form_shape,
    "input": _input_shape,
    "button": _button_shape,
    "svg": _svg_shape,
    "a": _a_shape,
}
