"""Render a book (pdf/book.py) to PDF with WeasyPrint, through a cache.

Before rendering, every character of the book is checked against the committed fonts: one that no
font has stops with the Markdown file that uses it (WeasyPrint would otherwise take it from whatever
font the machine has, or draw an empty box). The PDF is cached in .cache/pdf/<key>.pdf (or
$LLM_QA_CACHE_DIR/pdf), keyed by the HTML, the stylesheet, the fonts, this file and WeasyPrint's version,
so an unchanged site does not render again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from llmqa.publishing.fonts import FONT_DIR, coverage_error, missing_characters

from pdf.book import ROOT, Book, BookError, render_html

__all__ = ["BookError", "render"]

STYLESHEET = Path(__file__).resolve().parent / "book.css"
FONTS = sorted(FONT_DIR.glob("*.woff2"))


class SiteOnlyFetcher:
    """WeasyPrint's URL fetcher, held to the files the book may use: the stylesheet and fonts of pdf/
    and fonts/, and the built site's images (book.py has made them file: URLs of the site). Anything
    else (another file of the machine or the repository, the network) is refused and stops the PDF."""

    def __init__(self, site: Path):
        from weasyprint.urls import URLFetcher

        self.roots = [root.resolve() for root in (STYLESHEET.parent, FONT_DIR, site)]
        self.inner = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
        self.refused: list[str] = []

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots) and path.is_file()

    def __call__(self, url: str, *args, **kwargs):
        from weasyprint.urls import FatalURLFetchingError

        if not self.allowed(url):
            self.refused.append(url)
            raise FatalURLFetchingError(f"the PDF loads only files of the site and of pdf/: {url} refused")
        return self.inner.fetch(url, *args, **kwargs)


def check_fonts(book: Book) -> None:
    problems = []
    for where, text in [
        (book.intro_source, book.text()),
        *((section.source, section.text) for section in book.sections),
    ]:
        missing = missing_characters(text, FONTS)
        if missing:
            problems.append(coverage_error(where, "the PDF", missing))
    if problems:
        raise BookError("\n".join(problems))


def cache_dir() -> Path:
    return Path(os.environ.get("LLM_QA_CACHE_DIR") or ROOT / ".cache") / "pdf"


def book_key(html: str) -> str:
    import weasyprint

    digest = hashlib.sha256()
    parts = (
        weasyprint.__version__.encode(),
        Path(__file__).read_bytes(),
        html.encode(),
        STYLESHEET.read_bytes(),
    )
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    for font in FONTS:
        digest.update(hashlib.sha256(font.read_bytes()).digest())
    return digest.hexdigest()[:24]


def render(book: Book, target: Path, use_cache: bool = True, site: Path | None = None) -> bool:
    """Write the book's PDF to target; returns True if it was rendered, False if it came from the cache."""
    check_fonts(book)
    html = render_html(book)
    cached = cache_dir() / f"{book_key(html)}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    if use_cache and cached.is_file():
        target.write_bytes(cached.read_bytes())
        return False
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    # No network while rendering: only the fonts, the stylesheet and the site's images are read, and a
    # missing one stops the rendering instead of being replaced by a system font or left out.
    fetcher = SiteOnlyFetcher(site or target.parent)
    fonts = FontConfiguration()  # the stylesheet's @font-face rules
    try:
        stylesheet = weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=fetcher, font_config=fonts)
        base = STYLESHEET.parent.as_uri() + "/"
        document = weasyprint.HTML(string=html, base_url=base, url_fetcher=fetcher)
        data = document.write_pdf(stylesheets=[stylesheet], font_config=fonts, pdf_tags=True)
    except FatalURLFetchingError as error:
        raise BookError(f"the PDF could not load a file it needs: {error}") from None
    target.write_bytes(data)
    if use_cache:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)
    return True
