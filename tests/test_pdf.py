"""The PDF of each language, as `make pdf` writes it into the built site (tests/conftest.py does the
same): read back with poppler's pdftotext, pdffonts and pdfinfo. Every section title in order with its
four block headings, the correction notes and "illustrative figures" labels, a table of contents whose
page numbers lead to the sections, numbered pages, only the committed fonts and all embedded, the size
limit; linked from its home page; cached; a character that no font has stops it with the file."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import pdf_build
from tests.html_tools import elements

PDFS = {"zh": "llm-qa-zh.pdf", "en": "en/llm-qa-en.pdf"}
FOLDERS = {"zh": "", "en": "en/"}
BLOCKS = {"zh": ["题目", "答案", "举例", "解析"], "en": ["Question", "Answer", "Example", "Analysis"]}
ILLUSTRATIVE = {"zh": "示意数值，非实测", "en": "Illustrative figures, not measurements"}
CONTENTS = {"zh": "目录", "en": "Contents"}
EDITION = {"zh": "中文版", "en": "English edition"}
MAX_BYTES = 5_000_000
RARE = "龘"  # U+9F98, in no font subset (tests/test_social_cards.py checks that)

languages = pytest.mark.parametrize("lang", list(PDFS))


def run(*command: str) -> str:
    for tool in command[:1]:
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: `make test` installs poppler-utils")
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


def pages_text(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return run("pdftotext", str(pdf), "-").split("\f")[:-1]


def squash(text: str) -> str:
    """Without whitespace, so that a title broken over two lines still matches."""
    return re.sub(r"\s+", "", text)


def erratum_titles(page_html: str) -> list[str]:
    """Each correction note's title as the page shows it, without the controls the build ends it with."""
    from selectolax.lexbor import LexborHTMLParser

    titles = []
    for title in LexborHTMLParser(page_html).css(".admonition.erratum > p.admonition-title"):
        for controls in title.css(".qa-controls"):
            controls.decompose()
        titles.append(title.text())
    return titles


def section_pages(built_site: Path, lang: str) -> list[dict]:
    """What the site shows for each section, by number: its numbered title, erratum titles and
    number of "illustrative figures" tables."""
    sections = []
    for path in sorted((built_site / FOLDERS[lang]).glob("*/index.html")):
        text = path.read_text(encoding="utf-8")
        if '<meta property="og:type" content="article">' not in text:
            continue
        title = html.unescape(re.search(r"<title>(.*?) - ", text).group(1))
        errata = erratum_titles(text)
        illustrative = sum(
            1 for t, a in elements(text) if t == "figure" and "illustrative" in a.get("class", "")
        )
        number = int(title.split(".", 1)[0])
        sections.append({"number": number, "title": title, "errata": errata, "illustrative": illustrative})
    return sorted(sections, key=lambda s: s["number"])


@pytest.fixture(scope="module")
def books(built_site):
    return {lang: pages_text(built_site / path) for lang, path in PDFS.items()}


@languages
def test_each_home_page_links_its_pdf(built_site, lang):
    home = (built_site / FOLDERS[lang] / "index.html").read_text(encoding="utf-8")
    links = [a for t, a in elements(home) if t == "a" and "qa-download__link" in a.get("class", "")]
    assert len(links) == 1
    link = links[0]
    assert "download" in link and link.get("type") == "application/pdf"
    assert (built_site / FOLDERS[lang] / link["href"]) == built_site / PDFS[lang]
    assert (built_site / PDFS[lang]).is_file()


@languages
def test_size_title_and_language(built_site, lang):
    pdf = built_site / PDFS[lang]
    assert pdf.stat().st_size <= MAX_BYTES
    info = dict(line.split(":", 1) for line in run("pdfinfo", str(pdf)).splitlines() if ":" in line)
    home = (built_site / FOLDERS[lang] / "index.html").read_text(encoding="utf-8")
    assert info["Title"].strip() == html.unescape(
        re.search(r"<title>(.*?)</title>", home, re.S).group(1).strip()
    )
    assert info["Page size"].strip().endswith("(A4)")
    assert info["Tagged"].strip() == "yes"


@languages
def test_every_font_is_embedded_and_one_of_the_committed_fonts(built_site, lang):
    rows = run("pdffonts", str(built_site / PDFS[lang])).splitlines()[2:]
    assert rows
    fonts = [(row.split()[0], row.split()[-5]) for row in rows]  # name, "emb" column
    assert all(embedded == "yes" for _, embedded in fonts), rows
    names = {name.split("+", 1)[-1] for name, _ in fonts}
    assert all(name.startswith("QA-Noto-Sans") for name in names), names  # fonts/, never a system font
    assert "QA-Noto-Sans-SC" in names if lang == "zh" else "QA-Noto-Sans" in names


@languages
def test_cover_then_contents_then_every_section_in_order_with_its_four_blocks(built_site, books, lang):
    pages = books[lang]
    sections = section_pages(built_site, lang)
    assert [s["number"] for s in sections] == list(range(1, 21))
    assert EDITION[lang] in pages[0]
    contents = next(i for i, page in enumerate(pages) if CONTENTS[lang] in page.splitlines()[:4])
    body = squash("".join(pages[contents + 1 :]))
    position = 0
    starts = []
    for section in sections:
        found = body.find(squash(section["title"]), position)
        assert found >= 0, f"{section['title']} not found after the previous section"
        starts.append(found)
        position = found + 1
    starts.append(len(body))
    for section, start, end in zip(sections, starts, starts[1:], strict=False):
        text = body[start:end]
        position = 0
        for heading in BLOCKS[lang]:
            found = text.find(heading, position)
            assert found >= 0, f"{section['title']}: no {heading} after the previous block"
            position = found
        for erratum in section["errata"]:
            assert squash(erratum) in text, f"{section['title']}: erratum {erratum!r} is missing"
        assert text.count(squash(ILLUSTRATIVE[lang])) >= section["illustrative"], section["title"]


@languages
def test_contents_page_numbers_lead_to_the_sections(built_site, books, lang):
    pages = books[lang]
    contents = next(i for i, page in enumerate(pages) if CONTENTS[lang] in page.splitlines()[:4])
    listing = pages[contents]
    for section in section_pages(built_site, lang):
        # the title, maybe broken over lines, dot leaders, the page number at the end of its line
        title = r"\s*".join(map(re.escape, squash(section["title"])))
        match = re.search(title + r"\s*\.{2,}\s*(\d+)[ \t]*$", listing, re.M)
        assert match, f"{section['title']} is not in the contents"
        page = int(match.group(1))
        assert squash(section["title"]) in squash(pages[page - 1]), f"{section['title']}: not on page {page}"


@languages
def test_pages_are_numbered(books, lang):
    pages = books[lang]
    total = len(pages)
    assert total >= 2 + 20
    unnumbered = [n for n, page in enumerate(pages[1:], start=2) if f"{n} / {total}" not in page]
    assert not unnumbered, f"pages without 'N / {total}': {unnumbered}"


def test_the_pdf_comes_from_the_cache_when_nothing_changed(built_site, tmp_path):
    """The site's build rendered its PDFs into the cache every build shares (tests/conftest.py
    build_env): a copy of the same site gets the same bytes from there, without rendering."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / PDFS["en"]).unlink()
    again = pdf_build(site, "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert "from the cache" in again.stdout and "rendered in" not in again.stdout, again.stdout
    assert (site / PDFS["en"]).read_bytes() == (built_site / PDFS["en"]).read_bytes()


def test_a_character_no_font_has_stops_the_pdf_naming_the_file(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "overfitting" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('<h2 id="answer"', f'<p>{RARE}</p>\n<h2 id="answer"', 1), encoding="utf-8")
    result = pdf_build(site, "--lang", "zh", env={"LLM_QA_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 1
    assert "docs/zh/overfitting.md" in result.stderr and "U+9F98" in result.stderr, result.stderr
    assert "make fonts" in result.stderr and "Traceback" not in result.stderr


# --- images: the site's own, and nothing else ------------------------------------------------------

PNG = (  # a 1x1 red pixel
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


def test_a_figure_of_the_site_is_in_the_pdf(project, tmp_path):
    """An image in docs/assets/images/, linked from a section, is drawn into the PDF (it used to stop
    `python -m pdf` with a traceback: WeasyPrint looked for it next to pdf/book.css)."""
    from tests.conftest import mkdocs_build

    (project / "docs" / "assets" / "images").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "assets" / "images" / "figure.png").write_bytes(PNG)
    page = project / "docs" / "zh" / "overfitting.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("## 答案 {#answer}", "![示意图](../assets/images/figure.png)\n\n## 答案 {#answer}", 1)
    )
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    result = pdf_build(site, "--lang", "zh", "--no-cache", env={"LLM_QA_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    images = run("pdfimages", "-list", str(site / PDFS["zh"])).splitlines()[2:]
    assert len(images) == 1 and images[0].split()[3:5] == ["1", "1"], images


@pytest.mark.parametrize(
    "src",
    ["../../mkdocs.yml", "file:///etc/hostname", "../../../pdf/book.css", "https://example.com/x.png"],
)
def test_the_pdf_loads_no_file_but_the_sites(built_site, tmp_path, src):
    """A page of the built site that names a file elsewhere (of the repository, the machine, the
    network) stops the PDF with the page's Markdown file, and nothing is read."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "overfitting" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('<h2 id="answer"', f'<p><img src="{src}" alt=""></p>\n<h2 id="answer"', 1))
    result = pdf_build(site, "--lang", "zh", "--no-cache", env={"LLM_QA_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 1, result.stdout
    assert "docs/zh/overfitting.md" in result.stderr and "is not a file of the built site" in result.stderr
    assert "Traceback" not in result.stderr


@languages
def test_the_about_page_speaks_of_paper(books, lang):
    """The home page's buttons, switches and files are the website's: the book's about page leaves
    them out and says where they are."""
    about = next(page for page in books[lang] if ("关于本书" if lang == "zh" else "About this book") in page)
    for web_only in ("小旗子", "点击", "练习模式」", "flag button", "click", "llms.txt"):
        assert web_only not in about, web_only
    assert ("本书是网站的印刷版" if lang == "zh" else "printed edition of the website") in about
