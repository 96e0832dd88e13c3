"""The collection as data: each language's sections as plain Markdown copies, an llms.txt index and a
JSON Lines dataset, made from the checked section pages (the section check's Report), never by reading
the files again.

Plain Python, no MkDocs import. Every text field is Markdown without HTML: the page's own lines, with
HTML comments, tags and attribute lists (`{#answer}`) taken out, the `///` block syntax turned into
blockquotes (a correction note) or an italic line (a table's caption), and links made absolute so a
copy read on its own still leads to the page. The lines come from the model: where the scanner found
headings, notes and their options, and which text is visible (page.visible, comments removed).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from llmqa.sections.model import BLOCKS, ERRATUM_LABEL_RE, SOURCE_LINE, block_label, is_section_id
from llmqa.sections.page import SectionPage
from llmqa.sections.scanner import (
    BACKTICKS_RE,
    FENCE_OPEN_RE,
    LIST_ITEM_RE,
    NOTE_CLOSE_RE,
    Note,
    code_span_end,
    split_comments,
)

LICENSE = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
ORIGINAL = "zh"  # the language of the original collection
TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ATTR = r"(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
ATTR_LIST_RE = re.compile(rf"[ \t]*\{{:?[ \t]*{_ATTR}(?:[ \t]+{_ATTR})*[ \t]*\}}")
LINK_RE = re.compile(r"(\]\()(<[^>]*>|[^()\s]+)((?:\s+\"[^\"]*\")?\))")
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
SOURCES_SPLIT_RE = re.compile(r"[；;]\s*(?![^\[]*\])")  # `；` between sources, not inside a link's text
CAPTION_KINDS = ("table-caption", "caption")

TEXTS = {
    "zh": {
        "intro": "{sections} 道关于大规模语言模型（LLM）的问答，每节分为题目、答案、举例、解析四部分。"
        "原文是一份未署名的中文 LLM 问答合集，中文页面忠实保留原文；原文有误之处保留原句，"
        "并附上注明出处的勘误（以「勘误」开头的引用块）。",
        "license": "内容采用 [CC BY-SA 4.0]({url}) 许可：转载、改编请署名并以相同许可发布。",
        "header": "原文：一份未署名的中文 LLM 问答合集；本文件是其中文原文，附勘误。"
        "许可：[CC BY-SA 4.0]({license})。网页：<{url}>",
        "schema": "字段结构（schema）：JSON Lines，每节一条记录。字段：id（章节编号）、slug、url、"
        "language、title、question、answer、example、analysis（Markdown，不含 HTML，与页面上的原文相同，"
        "不含勘误）、errata（勘误列表，每条含 id、title、text、sources、block）、topics（主题）、license",
        "other": "同一合集的英文译本",
    },
    "en": {
        "intro": "{sections} questions and answers about large language models (LLMs), each in four parts: "
        "question, answer, example and analysis. The original is an unsigned Chinese collection; these "
        "pages translate it. Where the original is wrong, the claim is kept and a sourced correction "
        "follows it (a blockquote that starts with 'Erratum').",
        "license": "Content under [CC BY-SA 4.0]({url}): share and adapt it with attribution, under the "
        "same license.",
        "header": "Source text: an unsigned Chinese collection of LLM questions and answers; this file is "
        "its English translation, with corrections. License: [CC BY-SA 4.0]({license}). Page: <{url}>",
        "schema": "Schema: JSON Lines, one record per section. Fields: id (section number), slug, url, "
        "language, title, question, answer, example, analysis (Markdown without HTML, as on the page, "
        "corrections left out), errata (a list of id, title, text, sources, block), topics, license",
        "other": "the same collection in Chinese, the original",
    },
}


@dataclass(frozen=True)
class Collection:
    """One language's collection: where it is published and what it is called."""

    lang: str
    site_url: str  # the site's root, ending in "/"
    folder: str  # the language's folder in the site: "" (the default language) or "en/"
    name: str  # the site's name in this language
    summary: str  # the site's description in this language

    @property
    def root_url(self) -> str:
        return self.site_url + self.folder

    @property
    def dataset(self) -> str:
        """The dataset's path from the site root: llm-qa-zh.jsonl, en/llm-qa-en.jsonl."""
        return f"{self.folder}llm-qa-{self.lang}.jsonl"

    @property
    def index(self) -> str:
        return f"{self.folder}llms.txt"

    def page_url(self, slug: str) -> str:
        return f"{self.root_url}{slug}/"

    def copy_path(self, slug: str) -> str:
        """The Markdown copy's path from the site root, next to the page: overfitting/index.md."""
        return f"{self.folder}{slug}/index.md"


@dataclass(frozen=True)
class Line:
    """One line of a page's body as the Markdown copy sees it."""

    number: int
    text: str  # what Markdown shows: comments removed, code as written
    role: str  # "text", "code", "blank", "heading", "open", "options", "close" or "comment"
    notes: tuple[Note, ...]  # the notes it is in, outermost first (an opener is in its own note)


def sections(pages: dict[str, SectionPage]) -> list[tuple[str, SectionPage]]:
    """(slug, page) of each section page, by section number."""
    found = [
        (name.removesuffix(".md"), page)
        for name, page in pages.items()
        if is_section_id((page.front_matter or {}).get("id"))
    ]
    return sorted(found, key=lambda item: item[1].front_matter["id"])


def title_of(page: SectionPage, slug: str) -> str:
    return next((heading.text for heading in page.headings if heading.level == 1), slug)


def body_lines(page: SectionPage) -> list[Line]:
    """The body's lines, each with its role, following the scanner's findings (page.py)."""
    visible = dict(page.visible)
    openers = {note.line: note for note in page.notes}
    headings = {heading.line for heading in page.headings}
    stack: list[Note] = []
    lines: list[Line] = []
    fence, in_comment, options_of = None, False, None
    for offset, raw in enumerate(page.body.split("\n")):
        number, raw = page.body_line + offset, raw.expandtabs(4)
        text = visible.get(number)
        if fence is not None:
            role = "code"
            if re.match(rf"^ *{re.escape(fence[0])}{{{len(fence)},}} *$", raw):
                fence = None
        elif options_of is not None and raw.strip() and _indent(raw) >= options_of.indent + 4:
            role = "options"
        elif number in openers:
            stack.append(openers[number])
            role, options_of = "open", openers[number]
        elif text is not None and NOTE_CLOSE_RE.match(text) and stack:
            slashes = len(NOTE_CLOSE_RE.match(text).group("slashes"))
            role = "close"
            lines.append(Line(number, "", role, tuple(stack)))
            while stack and stack.pop().slashes != slashes:
                pass
            continue
        elif not raw.strip():
            role = "blank"
        elif text is None and not in_comment and "<!--" not in raw:
            role = "code"
            found = FENCE_OPEN_RE.match(raw)
            fence = found.group("fence") if found else None
        else:
            role = "heading" if number in headings and text is not None else "text" if text else "comment"
        if role not in ("open", "options"):
            options_of = None
        if role not in ("code", "options"):
            in_comment = split_comments(raw, in_comment)[1]
        lines.append(Line(number, raw if role == "code" else text or "", role, tuple(stack)))
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def outside_code(line: str, change) -> str:
    """`change` applied to the parts of a line outside code spans."""
    out, start = [], 0
    for match in BACKTICKS_RE.finditer(line):
        if match.start() < start:
            continue
        end = code_span_end(line, match.start())
        if end is None:
            continue
        out += [change(line[start : match.start()]), line[match.start() : end]]
        start = end
    return "".join([*out, change(line[start:])])


def plain(text: str, link) -> str:
    """Markdown without HTML: tags and attribute lists out, each link's target through `link`."""

    def change(part: str) -> str:
        part = ATTR_LIST_RE.sub("", TAG_RE.sub("", part))
        return LINK_RE.sub(lambda m: m.group(1) + link(m.group(2).strip("<>")) + m.group(3), part)

    return outside_code(text, change)


def absolute(target: str, collection: Collection, slug: str) -> str:
    """A link of a page as an absolute URL: another section (`other.md#x`), a place on the page, a file."""
    if SCHEME_RE.match(target):
        return target
    if target.startswith("#"):
        return collection.page_url(slug) + target
    path, hash_, anchor = target.partition("#")
    path = posixpath.normpath(path)
    if path.endswith(".md"):
        page = path.removesuffix(".md")
        path = "" if page == "index" else page + "/"
    return collection.root_url + path + hash_ + anchor


def _note_heading(note: Note, link) -> str:
    if note.kind == "erratum" or note.title:
        return f"**{plain(note.title, link)}**"
    return ""


def markdown_lines(lines: list[Line], link, errata: bool = True, headings: bool = True) -> list[str]:
    """Lines of a page as plain Markdown: notes as blockquotes (errata left out unless `errata`)."""
    out: list[str] = []
    left_out: Note | None = None  # the correction note just left out, if it was in a list item
    for index, line in enumerate(lines):
        if line.role in ("options", "close", "comment") or (line.role == "heading" and not headings):
            continue
        if not errata and any(note.kind == "erratum" for note in line.notes):
            if line.notes[0].indent and out and not out[-1].strip():
                out.pop()  # the list goes on as it was written, without a blank line where the note was
            left_out = line.notes[0] if line.notes[0].indent else None
            continue
        if left_out is not None and line.role == "blank" and _next_is_item(lines, index):
            left_out = None
            continue
        left_out = None
        note = line.notes[-1] if line.notes else None
        text = line.text if line.role == "code" else plain(line.text, link)
        if line.role == "heading":
            hashes, _, heading = text.strip().partition(" ")
            text = f"{hashes} {heading.strip().rstrip('#').strip()}"
        if note is None:
            out.append(text.rstrip())
            continue
        indent = " " * line.notes[0].indent
        text = text[min(_indent(text), note.indent) :]
        if note.kind in CAPTION_KINDS:
            if line.role != "open" and text.strip():
                out.append(f"{indent}*{text.strip()}*")
            continue
        if line.role == "open":
            text = _note_heading(note, link)
            if not text:
                continue
        quote = indent + ">" * len(line.notes)
        if text.strip() or out[-1:] != [quote]:  # one empty quote line between paragraphs
            out.append(f"{quote} {text}".rstrip() if text.strip() else quote)
    return out


def _next_is_item(lines: list[Line], index: int) -> bool:
    """Whether the next line with text after lines[index] starts a list item."""
    following = next((line for line in lines[index + 1 :] if line.role != "blank"), None)
    return following is not None and LIST_ITEM_RE.match(following.text) is not None


def tidy(lines: list[str]) -> str:
    """Lines joined, with no run of blank lines and no blank line inside a blockquote's end."""
    text = re.sub(r"\n(?:[ \t]*\n)+", "\n\n", "\n".join(lines))
    text = re.sub(r"(?m)^([ >]*>)\n(?!\s*>)", "\n", text)  # a quote ending in an empty line
    return text.strip("\n") + "\n" if text.strip() else ""


def blocks(page: SectionPage) -> dict[str, list[Line]]:
    """Each of the four blocks' lines, without its heading, by block name."""
    lines = body_lines(page)
    starts = [(block.heading.line, block.heading.anchor) for block in page.blocks]
    found: dict[str, list[Line]] = {}
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else float("inf")
        if name in BLOCKS:
            found[name] = [line for line in lines if start < line.number < end]
    return found


def erratum(note: Note, lines: list[Line], lang: str, link) -> dict:
    """A correction note as a record: its id, title, text, sources and the block it stands in."""
    paragraphs = [p for p in tidy(markdown_lines(within(note, lines), link)).split("\n\n") if p.strip()]
    prefix = SOURCE_LINE.get(lang, SOURCE_LINE["en"])
    sourced = [i for i, paragraph in enumerate(paragraphs) if paragraph.startswith(prefix)]
    cut = sourced[-1] if sourced else len(paragraphs)
    source = " ".join(paragraphs[cut:]).removeprefix(prefix).strip()
    sources = [part.strip().rstrip("。.").strip() for part in SOURCES_SPLIT_RE.split(source)]
    title = ERRATUM_LABEL_RE.match(note.title)
    return {
        "id": str(note.attrs.get("id", "")),
        "title": plain(note.title[title.end() :] if title else note.title, link).strip(),
        "text": "\n\n".join(paragraphs[:cut]),
        "sources": [part for part in sources if part],
        "block": note.block,
    }


def within(note: Note, lines: list[Line]) -> list[Line]:
    """The lines of a note's body as lines of their own: out of the note, its indent taken off."""
    found = []
    for line in lines:
        if note not in line.notes or (line.notes[-1] is note and line.role in ("open", "close")):
            continue
        text = line.text[min(_indent(line.text), note.indent) :]
        found.append(Line(line.number, text, line.role, line.notes[line.notes.index(note) + 1 :]))
    return found


def section_record(page: SectionPage, collection: Collection, slug: str) -> dict:
    """One section as a record of the dataset (README: "The collection as data")."""
    link = _linker(collection, slug)
    by_block = blocks(page)
    front = page.front_matter or {}
    record = {
        "id": front["id"],
        "slug": slug,
        "url": collection.page_url(slug),
        "language": collection.lang,
        "title": plain(title_of(page, slug), link).strip(),
    }
    for name in BLOCKS:
        record[name] = tidy(markdown_lines(by_block.get(name, []), link, errata=False)).strip()
    lines = body_lines(page)
    record["errata"] = [
        erratum(note, lines, collection.lang, link) for note in page.notes if note.kind == "erratum"
    ]
    record["topics"] = [str(tag) for tag in front.get("tags") or []]
    record["license"] = LICENSE
    return record


def _linker(collection: Collection, slug: str):
    return lambda target: absolute(target, collection, slug)


def markdown_copy(page: SectionPage, collection: Collection, slug: str) -> str:
    """The section as one plain Markdown file: title, a line naming source and license, four blocks."""
    link = _linker(collection, slug)
    texts = TEXTS.get(collection.lang, TEXTS["en"])
    number = (page.front_matter or {}).get("id")
    header = texts["header"].format(license=LICENSE_URL, url=collection.page_url(slug))
    parts = [f"# {number}. {plain(title_of(page, slug), link).strip()}", header]
    for name, lines in blocks(page).items():
        parts += [f"## {block_label(collection.lang, name)}", tidy(markdown_lines(lines, link)).strip()]
    return "\n\n".join(parts) + "\n"


def one_line(text: str) -> str:
    return " ".join(text.split())


def llms_txt(collection: Collection, records: list[dict], others: list[Collection]) -> str:
    """The language's llms.txt (llmstxt.org): title, summary, intro, sections, dataset and schema."""
    texts = TEXTS.get(collection.lang, TEXTS["en"])
    lines = [f"# {collection.name}", "", f"> {one_line(collection.summary)}", ""]
    lines += [
        texts["intro"].replace("{sections}", str(len(records))),
        "",
        texts["license"].format(url=LICENSE_URL),
        "",
        "## Sections",
        "",
    ]
    for record in records:
        url = collection.site_url + collection.copy_path(record["slug"])
        lines.append(f"- [{record['id']}. {record['title']}]({url}): {one_line(record['question'])}")
    dataset = collection.site_url + collection.dataset
    lines += ["", "## Dataset", ""]
    lines.append(f"- [{posixpath.basename(dataset)}]({dataset}): {texts['schema']}")
    if others:
        lines += ["", "## Optional", ""]
        other = TEXTS.get(collection.lang, TEXTS["en"])["other"]
        lines += [f"- [{o.name}]({o.site_url + o.index}): {other}" for o in others]
    return "\n".join(lines) + "\n"


def jsonl(records: list[dict]) -> str:
    """Records as JSON Lines: one JSON object a line, UTF-8 text as it is."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def write_collection(site: Path, collection: Collection, pages: dict[str, SectionPage], others) -> list[str]:
    """Write a language's llms.txt, dataset and Markdown copies into the site; return their paths."""
    records, written = [], []
    for slug, page in sections(pages):
        records.append(section_record(page, collection, slug))
        written.append(_write(site, collection.copy_path(slug), markdown_copy(page, collection, slug)))
    written.append(_write(site, collection.dataset, jsonl(records)))
    written.append(_write(site, collection.index, llms_txt(collection, records, others)))
    return written


def _write(site: Path, path: str, text: str) -> str:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return path
