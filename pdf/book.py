"""One language's book, read from the built site: cover data, the home page's introduction and every
section's rendered content, in section-number order, as one HTML document (pdf/book.html).

The built pages are the source, so the PDF shows exactly what the site shows: the four blocks, the
correction notes, the "illustrative figures" labels and the related sections. Anchors are made unique
per section (#question of section 3 becomes #s3-question) and links between sections point inside
the book; links to other pages of the site become absolute.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import jinja2
import tinyhtml5
from llmqa.sections.model import is_section_id
from llmqa.sections.page import read_page

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = Path(__file__).resolve().parent
DROP = {  # what a page has that a book does not: controls, permalinks, the page's own H1
    "md-tags",
    "md-content__button",
    "headerlink",
    "md-source-file",
    "qa-download",
    "qa-practice-bar",
    "qa-controls",
}
NUMBERED = re.compile(r"^(\d+)\.\s")
TEXTS = {
    "zh": {
        "contents": "目录",
        "about": "关于本书",
        "edition": "中文版",
        "paper": "本书是网站的印刷版，内容与网站相同。报告错误、练习模式、中英对照和术语提示等功能在网站上："
        "{url}",
    },
    "en": {
        "contents": "Contents",
        "about": "About this book",
        "edition": "English edition",
        "paper": "This book is the printed edition of the website, with the same content. Reporting a "
        "mistake, practice mode, the side-by-side view and the term hints are on the website: {url}",
    },
}
# Paragraphs of the home page's introduction about what only the website does (buttons, switches,
# files to download): the book leaves them out and says where to find them instead ("paper" above).
WEB_ONLY = re.compile(
    r"^(?:报告错误|练习模式|数据|Reporting a mistake|Practice mode|As data)[:：]"
    r"|中英对照|术语表|导航栏|side by side|glossary|navigation",
    re.IGNORECASE,
)


@dataclass
class Section:
    number: int
    slug: str
    title: str  # without its number
    html: str
    source: str  # the Markdown file, for messages
    text: str = ""  # every character the section shows


@dataclass
class Book:
    lang: str
    html_lang: str
    site_name: str
    title: str  # the home page's title
    description: str
    site_url: str
    copyright: str
    intro_html: str
    intro_source: str
    sections: list[Section] = field(default_factory=list)
    texts: dict = field(default_factory=dict)

    @property
    def tagline(self) -> str:
        """The title without the site's name in front: "大模型 20 问（题目、答案、举例、解析）"."""
        for separator in ("：", ": "):
            if self.title.startswith(self.site_name + separator):
                return self.title[len(self.site_name + separator) :]
        return self.title

    def text(self) -> str:
        """Every text of the book outside its sections (cover, introduction, running heads)."""
        return "\n".join(
            [
                self.site_name,
                self.title,
                self.description,
                self.site_url,
                self.copyright,
                html.unescape(re.sub(r"<[^>]+>", " ", self.intro_html)),
                *self.texts.values(),
            ]
        )


def language_folders(site: Path, docs: Path) -> dict[str, str]:
    """{"zh": "", "en": "en/"}: a language folder of docs/ whose home page is at the site root is the
    default language."""
    folders = {}
    for lang_dir in sorted(p for p in docs.iterdir() if p.is_dir()):
        lang = lang_dir.name
        folders[lang] = f"{lang}/" if (site / lang / "index.html").is_file() else ""
    return folders


def front_matter(path: Path) -> dict:
    """The page's front matter as the section check reads it (the build checked it already)."""
    return read_page(path.as_posix(), path.read_bytes()).front_matter or {}


def section_files(docs: Path, lang: str) -> list[tuple[int, str, Path]]:
    """(number, slug, file) of every section of a language, by number."""
    found = []
    for path in sorted((docs / lang).glob("*.md")):
        number = front_matter(path).get("id")
        if is_section_id(number):
            found.append((number, path.stem, path))
    return sorted(found)


def parse(path: Path) -> ElementTree.Element:
    return tinyhtml5.parse(path.read_bytes(), namespace_html_elements=False)


def classes(element: ElementTree.Element) -> set[str]:
    return set((element.get("class") or "").split())


def text_of(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def article(root: ElementTree.Element) -> ElementTree.Element:
    for element in root.iter("article"):
        if "md-content__inner" in classes(element):
            return element
    raise ValueError("no <article class=md-content__inner> in the page")


def head_meta(root: ElementTree.Element, key: str) -> str:
    for meta in root.iter("meta"):
        if key in (meta.get("name"), meta.get("property")):
            return meta.get("content") or ""
    return ""


def prune(parent: ElementTree.Element) -> None:
    """Remove the controls and permalinks (DROP) and scripts, keeping the text that follows them."""
    for child in list(parent):
        if child.tag in ("script", "form", "button") or classes(child) & DROP:
            previous = _previous_sibling(parent, child)
            if child.tail:
                if previous is None:
                    parent.text = (parent.text or "") + child.tail
                else:
                    previous.tail = (previous.tail or "") + child.tail
            parent.remove(child)
        else:
            prune(child)


def _previous_sibling(parent: ElementTree.Element, child: ElementTree.Element) -> ElementTree.Element | None:
    children = list(parent)
    index = children.index(child)
    return children[index - 1] if index else None


class BookError(Exception):
    """A problem with the book's content, reported without a traceback."""


@dataclass
class SiteFiles:
    """The built site, where the book's images come from: nothing else is ever loaded."""

    folder: Path  # the built site
    url: str  # its address (site_url), which the pages' URLs start with

    def file_of(self, url: str) -> Path | None:
        """The file of the built site that an absolute URL of the site names, or None."""
        parts = urlsplit(url)
        if not url.startswith(self.url) or parts.query:
            return None
        relative = unquote(parts.path[len(urlsplit(self.url).path) :])
        path = (self.folder / relative).resolve()
        inside = path.is_relative_to(self.folder.resolve())
        return path if inside and path.is_file() and not path.is_symlink() else None


class Linker:
    """Rewrites ids, links and images of one page so that they work inside the book."""

    def __init__(self, page_url: str, prefix: str, book_pages: dict[str, str], site: SiteFiles, source: str):
        self.page_url = page_url  # the page's absolute URL on the site
        self.prefix = prefix  # "s3-"
        self.book_pages = book_pages  # absolute page URL -> id prefix of the section in the book
        self.site = site
        self.source = source  # the page's Markdown, for messages

    def rewrite(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.get("id"):
                element.set("id", self.prefix + element.get("id"))
            if element.get("aria-labelledby"):
                element.set("aria-labelledby", self.prefix + element.get("aria-labelledby"))
            if element.tag == "a" and element.get("href") is not None:
                element.set("href", self.href(element.get("href")))
            if element.tag == "img":
                element.set("src", self.image(element.get("src") or ""))

    def image(self, src: str) -> str:
        """The image as a file of the built site (a file: URL); anything else is refused."""
        file = self.site.file_of(urljoin(self.page_url, src))
        if file is None:
            raise BookError(
                f"{self.source}: the image '{src}' is not a file of the built site: the PDF shows only the "
                "site's own images (docs/assets/images/ or docs/<language>/images/), linked relatively"
            )
        return file.as_uri()

    def href(self, href: str) -> str:
        url = urljoin(self.page_url, href)
        parts = urlsplit(url)
        page = parts._replace(fragment="").geturl()
        if page in self.book_pages:
            prefix = self.book_pages[page]
            return f"#{prefix}{parts.fragment}" if parts.fragment else f"#{prefix.rstrip('-')}"
        return url


def serialize(element: ElementTree.Element) -> str:
    """The element's content (not the element itself) as HTML."""
    inner = [element.text or ""]
    inner += [ElementTree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(inner)


def read_book(site: Path, docs: Path, lang: str) -> Book:
    folders = language_folders(site, docs)
    folder = folders[lang]
    home = parse(site / folder / "index.html")
    home_url = head_meta(home, "og:url")
    site_url = home_url[: len(home_url) - len(folder)]
    home_title = text_of(next(home.iter("title")))
    copyright_text = next(
        (text_of(e) for e in home.iter("div") if "md-copyright__highlight" in classes(e)), ""
    )
    html_lang = home.get("lang") or lang

    numbered = section_files(docs, lang)
    book_pages = {urljoin(site_url, f"{folder}{slug}/"): f"s{number}-" for number, slug, _ in numbered}
    book_pages[urljoin(site_url, folder)] = "about-"

    intro = article(home)
    prune(intro)
    intro_children = []
    for child in list(intro):
        if child.tag == "h2":
            break
        if child.tag != "h1" and not WEB_ONLY.search(text_of(child)):
            intro_children.append(child)
    intro_root = ElementTree.Element("div")
    intro_root.extend(intro_children)
    files = SiteFiles(site, site_url)
    Linker(urljoin(site_url, folder), "about-", book_pages, files, _rel(docs / lang / "index.md")).rewrite(
        intro_root
    )

    book = Book(
        lang=lang,
        html_lang=html_lang,
        site_name=head_meta(home, "og:site_name"),
        title=home_title,
        description=head_meta(home, "description"),
        site_url=urljoin(site_url, folder),
        copyright=copyright_text,
        intro_html=serialize(intro_root),
        intro_source=_rel(docs / lang / "index.md"),
        texts=TEXTS.get(lang, TEXTS["en"]),
    )
    for number, slug, source in numbered:
        page_url = urljoin(site_url, f"{folder}{slug}/")
        root = parse(site / folder / slug / "index.html")
        content = article(root)
        h1 = next(content.iter("h1"))
        # As the site lists it (its <title>: the number, and the note that tells two like titles apart).
        tab = text_of(next(root.iter("title")))
        title = NUMBERED.sub("", tab.rsplit(" - ", 1)[0]) or NUMBERED.sub("", text_of(h1).rstrip("¶").strip())
        prune(content)
        if h1 in list(content):
            content.remove(h1)
        Linker(page_url, f"s{number}-", book_pages, files, _rel(source)).rewrite(content)
        section = Section(number, slug, title, serialize(content), _rel(source))
        section.text = title + "\n" + "".join(content.itertext())
        book.sections.append(section)
    return book


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def render_html(book: Book) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True, keep_trailing_newline=True
    )
    return environment.get_template("book.html").render(book=book)
