"""The glossary pages and where each section uses each term.

data/glossary.tsv is read once per build (terms.py), which also says where each section uses a term.

- Glossary pages: /glossary/ and /en/glossary/ are pages of the build with no file in docs/ (the
  section check takes every page in docs/ for a section). In each language's build, once
  mkdocs-static-i18n has sorted the files, the pipeline adds the page `<lang>/glossary.md`, gives it
  its translations (language switch, hreflang, sitemap) and lists it in the nav like any page. Its
  content is overrides/partials/glossary.html, rendered into the page, so search indexes each term
  under its own heading.
- Term hints: on a section page, the first use of each term the section uses (hints.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from llmqa.glossary.terms import Term, sections_using
from llmqa.sections.model import is_section_id
from llmqa.sections.report import Report

GLOSSARY = Path("data") / "glossary.tsv"
PAGE = "glossary.md"
TEMPLATE = "partials/glossary.html"


@dataclass
class GlossaryUse:
    """The glossary's terms and where the sections of this build use them."""

    terms: list[Term] = field(default_factory=list)
    uses: dict[str, list[str]] = field(default_factory=dict)  # term anchor -> section slugs
    terms_of: dict[str, list[Term]] = field(default_factory=dict)  # section slug -> the terms it uses
    sections: dict[str, dict[str, tuple[int, str]]] = field(default_factory=dict)  # lang -> slug -> ...


def read_sections(report: Report) -> tuple[dict, dict]:
    """The section pages' Markdown (slug -> lang -> text) and numbers and titles (lang -> slug -> ...).

    Taken from the section check, which reads docs/ first, refuses what may not be read (a link, a
    pipe, a huge file) and stops the build on any error: the glossary never opens a page itself."""
    sources: dict[str, dict[str, str]] = {}
    sections: dict[str, dict[str, tuple[int, str]]] = {}
    for lang, pages in report.pages.items():
        sections[lang] = {}
        for name, page in pages.items():
            number = (page.front_matter or {}).get("id")
            if not is_section_id(number):
                continue
            slug = name.removesuffix(".md")
            title = next((heading.text for heading in page.headings if heading.level == 1), slug)
            sources.setdefault(slug, {})[lang] = page.text
            sections[lang][slug] = (number, title)
    return sources, sections


def glossary_use(terms: list[Term], report: Report) -> GlossaryUse:
    sources, sections = read_sections(report)
    uses = sections_using(terms, sources)
    terms_of: dict[str, list[Term]] = {}
    for term in terms:  # once per build: looking through every term's list per page grows as N²
        for slug in uses.get(term.anchor, []):
            terms_of.setdefault(slug, []).append(term)
    return GlossaryUse(terms, uses, terms_of, sections)


def _page_markdown(env, lang: str) -> str:
    texts = env.get_template(TEMPLATE).module.texts[lang]
    meta = {"title": texts["title"], "description": texts["description"], "hide": ["toc"]}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


def _glossary_file(config: MkDocsConfig, lang: str, default: str) -> File:
    file = File.generated(config, f"{lang}/{PAGE}", content=_page_markdown(config.theme.get_env(), lang))
    file.dest_uri = ("" if lang == default else f"{lang}/") + "glossary/index.html"
    file.locale = file.locale_alternate_of = file.localization = lang
    file.norm_src_uri = PAGE
    file.generated_from = GLOSSARY.as_posix()  # what the section check names in a problem with this page
    return file


def add_glossary_page(files: Files, config: MkDocsConfig, i18n) -> None:
    """The current language's glossary page, with its translations, in the files and the sitemap."""
    lang = i18n.current_language
    translations = {
        other: _glossary_file(config, other, i18n.default_language) for other in i18n.build_languages
    }
    page = translations[lang]
    page.alternates = translations
    files.append(page)
    i18n.i18n_files_per_language.setdefault(lang, []).append(page)  # the sitemap's list


def is_glossary(page: Page) -> bool:
    return page.file.generated_by is not None and page.file.src_uri.endswith("/" + PAGE)


def glossary_groups(terms: list[Term], lang: str, links: dict[str, list[tuple[int, str, str]]]) -> list:
    """Terms by the first letter of their English name, in alphabetical order."""
    groups: dict[str, list[dict]] = {}
    for term in sorted(terms, key=lambda t: t.en.casefold()):
        letter = term.en[0].upper() if term.en[0].isalpha() else "#"
        groups.setdefault(letter, []).append({"term": term, "sections": links.get(term.anchor, [])})
    return sorted(groups.items())


def glossary_content(use: GlossaryUse, page: Page, files: Files, env, lang: str) -> str:
    """The glossary page's content: every term, with links to the sections that use it."""
    links: dict[str, list[tuple[int, str, str]]] = {}
    for term in use.terms:
        for slug in use.uses.get(term.anchor, []):
            target = files.get_file_from_path(f"{lang}/{slug}.md")
            number, title = use.sections[lang][slug]
            if target is not None:
                links.setdefault(term.anchor, []).append((number, title, target.url_relative_to(page.file)))
        links.get(term.anchor, []).sort()
    module = env.get_template(TEMPLATE).module
    return str(module.glossary(lang, glossary_groups(use.terms, lang, links)))
