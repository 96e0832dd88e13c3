"""A sitemap.xml in each language folder, listing that language's pages.

The root sitemap.xml (written by mkdocs-static-i18n) lists the pages of every language with their
hreflang alternates. A sitemap may only list URLs under its own folder, so <lang>/sitemap.xml keeps
the entries whose <loc> is in <lang>/. Material's language selector looks for sitemap.xml next to a
language's home page (e.g. /en/sitemap.xml); with this file that lookup finds a valid sitemap
instead of a 404.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def language_sitemap(sitemap: bytes, prefix: str) -> bytes:
    """The sitemap reduced to the <url> entries whose <loc> starts with prefix."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.fromstring(sitemap)
    for url in list(root):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", default="").strip()
        if not loc.startswith(prefix):
            root.remove(url)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def write_language_sitemaps(site: Path, site_url: str, folders: dict[str, str]) -> None:
    """<lang>/sitemap.xml for each language with a folder of its own (folders: lang -> 'en/' or '')."""
    sitemap = (site / "sitemap.xml").read_bytes()
    for lang, folder in folders.items():
        if not folder:
            continue
        (site / lang).mkdir(exist_ok=True)
        (site / lang / "sitemap.xml").write_bytes(language_sitemap(sitemap, f"{site_url}{lang}/"))
