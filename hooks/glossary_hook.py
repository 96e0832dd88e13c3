"""MkDocs hook: the glossary pages, term hints on section pages, and the other language's terms in search.

data/glossary.tsv is read by hooks/glossary.py, which also says where each section uses a term.

- Glossary pages: /glossary/ and /en/glossary/ are pages of the build with no file in docs/ (the
  section validator takes every page in docs/ for a section). In each language's build, once
  mkdocs-static-i18n has sorted the files (on_files), this hook adds the page `<lang>/glossary.md`,
  gives it its translations (language switch, hreflang, sitemap) and lists it in the nav like any
  page. Its content is overrides/partials/glossary.html, rendered into the page (on_page_content),
  so search indexes each term under its own heading.
- Term hints: on a section page, the first use of each term the section uses becomes
  <abbr title="counterpart"> (assets/javascripts/reading.js shows it on hover, focus and tap).
- Search: each entry of a language's index gets a `terms` field with the other language's names of
  the terms it uses, so "perplexity" typed on the Chinese site finds the sections about 困惑度, and
  困惑度 typed on the English site finds those about perplexity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from build_report import last_check
from glossary import GlossaryError, Term, add_hints, other_language_terms, read_glossary, sections_using
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from section_rules import Report

GLOSSARY = Path("data") / "glossary.tsv"
PAGE = "glossary.md"
TEMPLATE = "partials/glossary.html"
TERMS_FIELD = "terms"
TAG = re.compile(r"<[^>]+>")


@dataclass
class _State:
    terms: list[Term] = field(default_factory=list)
    uses: dict[str, list[str]] = field(default_factory=dict)  # term anchor -> section slugs
    terms_of: dict[str, list[Term]] = field(default_factory=dict)  # section slug -> the terms it uses
    sections: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)  # lang -> slug -> ...


state = _State()


def _i18n(config: MkDocsConfig):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("hooks/glossary_hook.py needs the i18n plugin (mkdocs-static-i18n, folder layout)")
    return i18n


def read_sections(report: Report) -> tuple[dict, dict]:
    """The section pages' Markdown (slug -> lang -> text) and numbers and titles (lang -> slug -> ...).

    Taken from the section check (hooks/validate_hook.py), which reads docs/ first, refuses what may
    not be read (a link, a pipe, a huge file) and stops the build on any error: this hook never opens
    a page itself."""
    sources: dict[str, dict[str, str]] = {}
    sections: dict[str, dict[str, tuple[int, str]]] = {}
    for lang, pages in report.pages.items():
        sections[lang] = {}
        for name, page in pages.items():
            number = (page.front_matter or {}).get("id")
            if not isinstance(number, int) or isinstance(number, bool):
                continue
            slug = name.removesuffix(".md")
            title = next((heading.text for heading in page.headings if heading.level == 1), slug)
            sources.setdefault(slug, {})[lang] = page.text
            sections[lang][slug] = (number, title)
    return sources, sections


def on_config(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).resolve().parent
    try:
        state.terms = read_glossary(root / GLOSSARY)
    except GlossaryError as error:
        raise PluginError(str(error)) from None


@event_priority(-50)  # after hooks/validate_hook.py has read and checked every page
def on_pre_build(config: MkDocsConfig) -> None:
    if _i18n(config).building or last_check.report is None:
        return  # a nested language build: the outer build found where the sections use each term
    sources, state.sections = read_sections(last_check.report)
    state.uses = sections_using(state.terms, sources)
    state.terms_of = {}
    for term in state.terms:  # once per build: looking through every term's list per page grows as N²
        for slug in state.uses.get(term.anchor, []):
            state.terms_of.setdefault(slug, []).append(term)


def _page_markdown(config: MkDocsConfig, lang: str) -> str:
    texts = config.theme.get_env().get_template(TEMPLATE).module.texts[lang]
    meta = {"title": texts["title"], "description": texts["description"], "hide": ["toc"]}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def _glossary_file(config: MkDocsConfig, lang: str, default: str) -> File:
    file = File.generated(config, f"{lang}/{PAGE}", content=_page_markdown(config, lang))
    file.dest_uri = ("" if lang == default else f"{lang}/") + "glossary/index.html"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = PAGE
    file.generated_from = GLOSSARY.as_posix()  # what hooks/validate_hook.py names in a problem with this page
    return file


@event_priority(-150)  # after mkdocs-static-i18n (-100) has kept the current language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = _i18n(config)
    lang = i18n.current_language
    translations = {
        other: _glossary_file(config, other, i18n.default_language) for other in i18n.build_languages
    }
    page = translations[lang]
    page.alternates = translations
    files.append(page)
    i18n.i18n_files_per_language.setdefault(lang, []).append(page)  # the sitemap's list
    return files


def _is_glossary(page: Page) -> bool:
    return page.file.generated_by is not None and page.file.src_uri.endswith("/" + PAGE)


def glossary_groups(terms: list[Term], lang: str, links: dict[str, list[tuple[int, str, str]]]) -> list:
    """Terms by the first letter of their English name, in alphabetical order."""
    groups: dict[str, list[dict]] = {}
    for term in sorted(terms, key=lambda t: t.en.casefold()):
        letter = term.en[0].upper() if term.en[0].isalpha() else "#"
        groups.setdefault(letter, []).append({"term": term, "sections": links.get(term.anchor, [])})
    return sorted(groups.items())


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    lang = _i18n(config).current_language
    if _is_glossary(page):
        links: dict[str, list[tuple[int, str, str]]] = {}
        for term in state.terms:
            for slug in state.uses.get(term.anchor, []):
                target = files.get_file_from_path(f"{lang}/{slug}.md")
                number, title = state.sections[lang][slug]
                if target is not None:
                    links.setdefault(term.anchor, []).append(
                        (number, title, target.url_relative_to(page.file))
                    )
            links.get(term.anchor, []).sort()
        module = config.theme.get_env().get_template(TEMPLATE).module
        return str(module.glossary(lang, glossary_groups(state.terms, lang, links)))
    slug = Path(page.file.src_uri).stem
    if slug not in state.sections.get(lang, {}):
        return html
    return add_hints(html, state.terms_of.get(slug, []), lang)[0]


def entry_terms(doc: dict, lang: str, terms: list[Term]) -> list[str]:
    text = TAG.sub(" ", f"{doc['title']} {doc['text']}").replace("\u200b", "")
    return other_language_terms(text, terms, lang)


@event_priority(-250)  # after hooks/search_index_hook.py (-200) has written each language's index
def on_post_build(config: MkDocsConfig) -> None:
    i18n = _i18n(config)
    if i18n.building:
        return  # nested per-language builds end before the indexes are written
    for lang in i18n.build_languages:
        folder = "" if lang == i18n.default_language else f"{lang}/"
        path = Path(config.site_dir) / folder / "search" / "search_index.json"
        index = json.loads(path.read_text(encoding="utf-8"))
        for doc in index["docs"]:
            if doc["location"].startswith("glossary/"):
                continue  # the glossary names every term in both languages already
            names = entry_terms(doc, lang, state.terms)
            if names:
                doc[TERMS_FIELD] = " ".join(names)
        index["config"]["fields"][TERMS_FIELD] = {"boost": 1.0}
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
