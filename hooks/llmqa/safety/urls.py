"""URLs as a browser reads them, and where the site's links, images and files may point.

A browser drops some characters before it reads a URL and reads a backslash as a slash; every check
here first cleans a URL the same way, so that what is checked is where the browser would go. `Site`
says where the site is published, to tell its own files from other sites'.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import llmqa.safety.policy as policy

# What a browser's URL parser drops before reading a URL: leading and trailing C0 controls and
# spaces, and every tab and newline; it also reads a backslash as a slash.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_DROPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


@dataclass(frozen=True)
class Site:
    """Where the site is published: absolute URLs under `url` are the site's own."""

    url: str = "/"

    @property
    def path(self) -> str:
        path = urlsplit(self.url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def origin_url(self) -> str:
        return self.url if self.url.endswith("/") else self.url + "/"


def clean_url(url: str) -> str:
    """The URL as a browser reads it (entities are already decoded by the parser)."""
    return _URL_DROPPED.sub("", url.strip(_URL_EDGES)).replace("\\", "/")


def url_scheme(url: str) -> str | None:
    """The scheme of a cleaned URL; '?' when a colon comes before any '/', '?' or '#' without one."""
    match = _SCHEME.match(url)
    if match:
        return match.group(1).lower()
    first = re.search(r"[:/?#]", url)
    return "?" if first and first.group() == ":" else None


def link_problem(url: str) -> str | None:
    """Why a link (href) may not go there, or None: http(s), mailto and relative links only."""
    cleaned = clean_url(url)
    scheme = url_scheme(cleaned)
    if scheme is None:
        if cleaned.startswith("//"):
            return "a link that starts with '//' goes to another site: write the whole https:// address"
        return None
    if scheme in policy.LINK_SCHEMES:
        return None
    if scheme == "?":
        return "a link with a ':' before any '/' is read as a URL scheme: write the whole https:// address"
    return (
        f"a '{scheme}:' link is not allowed (it can run script or open content): "
        "use https://, mailto: or a relative link"
    )


def own_path(url: str, page_path: str, site: Site) -> str | None:
    """The file of the site a URL points to (path from the site root), or None if it is not the site's."""
    cleaned = clean_url(url)
    scheme = url_scheme(cleaned)
    if scheme is not None:
        if scheme not in ("http", "https") or not cleaned.startswith(site.origin_url):
            return None
        path = cleaned[len(site.origin_url) :]
    elif cleaned.startswith("//"):
        return None
    elif cleaned.startswith("/"):
        if not cleaned.startswith(site.path):
            return None
        path = cleaned[len(site.path) :]
    else:
        path = posixpath.join(posixpath.dirname(page_path), cleaned)
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    normal = posixpath.normpath(path) if path else "."
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    return "" if normal == "." else normal


def image_problem(url: str) -> str | None:
    """Why content may not show this image, or None: images are the site's own files, linked relatively."""
    cleaned = clean_url(url)
    if not cleaned:
        return "an image without a source: give it one"
    if url_scheme(cleaned) is not None or cleaned.startswith("/"):
        return (
            "images come from the site itself: put the file in docs/assets/images/ and link it "
            "with a relative path, e.g. '../assets/images/figure.png'"
        )
    return None
