"""What a browser downloads to show one page: every response of a first load (empty cache), with its
size on the wire. Used by tests/test_page_weight.py and benchmarks/run.py.

Sizes are the Content-Length the server sent, so gzip-compressed where the server compresses (serve
with tests/site_server.py, which gzips as GitHub Pages does); HTTP headers are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile viewport (Moto G Power)

SEARCH_INDEX = "search/search_index.full.json"  # the entries, fetched by the search worker when it starts
SEARCH_SETTINGS = "search/search_index.json"  # the settings, fetched by Material's bundle as the page loads


@dataclass(frozen=True)
class Transfer:
    url: str
    kind: str  # document, stylesheet, script, font, image, search-index, search, other
    status: int
    bytes: int  # body bytes as sent (compressed when the server compressed it)
    encoding: str  # Content-Encoding, "" when none


def kind_of(url: str, resource_type: str) -> str:
    path = urlsplit(url).path
    if path.endswith(SEARCH_INDEX):
        return "search-index"
    if path.endswith(SEARCH_SETTINGS) or "/javascripts/workers/" in path or "/javascripts/lunr/" in path:
        return "search"  # the search settings, worker and its language support
    if resource_type in ("document", "stylesheet", "script", "font", "image"):
        return resource_type
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font"
    if path.endswith((".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".ico")):
        return "image"
    return "other"


def first_load(
    browser, url: str, viewport: dict[str, int] | None = None, settle_ms: int = 500
) -> list[Transfer]:
    """Load `url` in a fresh context (empty cache) and return every response until the network is
    idle, then `settle_ms` more (the search worker starts after load)."""
    context = browser.new_context(viewport=viewport or PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    seen: list[Transfer] = []

    def record(request) -> None:
        response = request.response()
        if response is None or any(t.url == request.url for t in seen):
            return  # a second request for the same URL is served from the cache (max-age)
        headers = response.headers
        length = headers.get("content-length")
        size = int(length) if length is not None else len(response.body())
        seen.append(
            Transfer(
                request.url,
                kind_of(request.url, request.resource_type),
                response.status,
                size,
                headers.get("content-encoding", ""),
            )
        )

    page.on("requestfinished", record)
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
    finally:
        context.close()
    return seen


def total(transfers: list[Transfer], exclude: tuple[str, ...] = ()) -> tuple[int, int]:
    """(bytes, requests) over the transfers whose kind is not in `exclude`."""
    chosen = [t for t in transfers if t.kind not in exclude]
    return sum(t.bytes for t in chosen), len(chosen)
