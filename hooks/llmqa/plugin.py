"""The site's build, step by step, in the order MkDocs runs the steps.

MkDocs calls the events below in this order; each event runs its named steps in the order written.
mkdocs-static-i18n builds the default language, then, in its on_post_build (priority -100), one nested
build per other language through the same events: `nested` tells them apart. What one `mkdocs build`
learns is kept in `self.run` (a BuildRun, made fresh by each outer build); what one language's build
learns, in `self.languages[lang]`. Nothing is kept in module globals but process-lifetime caches
(compiled templates, jieba's stock dictionary, the preview server's last builds), named as such.

    on_startup       whether this is make serve (then no PDF link to download)
    on_config        Material as the site knows it (stops the build if not); settings: warnings
                     counted under -q, the glossary read once, topics, jieba
    on_pre_build     the section check of every source page (stops the build on an error); the nav's
                     topics filled with the sections; the number of sections in this language's settings
    on_files         this language's glossary page; reading.js and site.css joined from their parts;
                     its llms.txt and dataset made known (the home page links to them)
    on_nav           (the preview server keeps the nav)
    on_page_markdown the render timer starts; last-changed date; topics known; a home page's lists
    on_page_content  timer stops; description; term hints; THE CONTENT CHECK of the contribution;
                     each block heading's and note's controls; the hints described; block wrappers;
                     THE CONTENT CHECK of what is written (the build's markup told apart); glossary page
    on_env           numbered titles (before Material's tags plugin); compiled templates cached;
                     this language's tables (related sections, section count)
    on_page_context  link-preview card; PDF link; related sections; translation notice; date
    on_post_page     THE PAGE CHECK of the finished page, as written; classes it uses
    on_post_template THE PAGE CHECK of the 404 page; its place per language; classes it uses
    on_post_build    once every language is built: minified assets, pruned theme stylesheets, the
                     search indexes (each loaded once, completed in memory, checked, written once),
                     THE REPORT (fails the build), the collection as data (llms.txt, dataset,
                     Markdown copies), language sitemaps, card figures, preview state
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from llmqa.build import preview
from llmqa.build.cache import TemplateBytecode
from llmqa.build.strict import count_warnings_when_quiet
from llmqa.config import PipelineConfig
from llmqa.glossary.hints import describe_hints, hint_tree
from llmqa.glossary.page import GlossaryUse, add_glossary_page, glossary_content, glossary_use, is_glossary
from llmqa.glossary.terms import GlossaryError, Term, read_glossary
from llmqa.output.minify import minify_own_assets
from llmqa.output.not_found import place_not_found
from llmqa.output.parts import JOINED, is_part, joined_file
from llmqa.output.sitemaps import write_language_sitemaps
from llmqa.output.unused_css import UsedNames, prune_theme_stylesheets
from llmqa.pages.controls import controls_macro, page_facts, write_controls
from llmqa.pages.dates import page_date, read_dates
from llmqa.pages.descriptions import describe_page
from llmqa.pages.home import LISTS, fill_counts, fill_home, home_lists, is_home_source
from llmqa.pages.nav import fill_nav
from llmqa.pages.related import in_section_order, resolve, sections_by_slug
from llmqa.pages.titles import number_titles, numbered_title
from llmqa.pages.topics import configure_tags, nav_topics, nav_translations, read_topics, warn_unknown_topics
from llmqa.pages.wrappers import section_controls, wrap_tree
from llmqa.publishing.card_pages import CardStats, add_card, cache_dir, is_home, section_count
from llmqa.publishing.collection import sections
from llmqa.publishing.collection_site import linked_files, write_collections
from llmqa.publishing.pdf_link import add_pdf_link
from llmqa.safety import build_check
from llmqa.safety.build_check import BuildCheck
from llmqa.safety.html_check import parse_body_fragment
from llmqa.safety.site_markup import Controls
from llmqa.search.dictionary import add_term_parts, chinese_words, load_user_dictionary, term_parts
from llmqa.search.index import add_title_notes, language_folders, language_indexes
from llmqa.search.leads import add_leads
from llmqa.search.on_demand import ENTRIES, INDEX, split_index
from llmqa.search.terms import add_other_language_terms
from llmqa.sections.page import read_page
from llmqa.sections.report import Problem, Project
from llmqa.theme import material_check
from llmqa.translation.status import Outdated, is_status_page, outdated_translations, status_rows

log = get_plugin_logger("llm_qa")

SHARED_IMAGES = "assets/images"  # in docs/: the images every language's pages may show


@dataclass
class BuildRun:
    """What one `mkdocs build` (every language) knows once its sources are checked."""

    root: Path
    terms: list[Term]
    topics: dict[str, tuple[int, str]]
    check: BuildCheck | None = None
    total: int = 0  # sections (of the default language; the check makes the others match)
    glossary: GlossaryUse = field(default_factory=GlossaryUse)
    outdated: dict[str, Outdated] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)
    cards: CardStats = field(default_factory=CardStats)
    used: UsedNames = field(default_factory=UsedNames)


@dataclass
class LanguageRun:
    """What one language's build knows: tables made once per nav (once per page would grow as N²)."""

    lang: str
    sections: int = 0
    nav: Navigation | None = None
    by_slug: dict[str, Page] = field(default_factory=dict)
    by_number: dict[int, Page] = field(default_factory=dict)
    controls: Controls | None = None


class Pipeline(BasePlugin[PipelineConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.run: BuildRun | None = None
        self.languages: dict[str, LanguageRun] = {}
        self.checks_run = 0  # source checks since this plugin was made: one per build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        preview.note_command(command)

    # --- helpers --------------------------------------------------------------------------------

    @staticmethod
    def _i18n(config: MkDocsConfig):
        i18n = config.plugins.get("i18n")
        if i18n is None:
            raise PluginError("hooks/pipeline.py needs the i18n plugin (mkdocs-static-i18n, folder layout)")
        return i18n

    def _nested(self, config: MkDocsConfig) -> bool:
        return bool(self._i18n(config).building)

    def _language(self, config: MkDocsConfig) -> LanguageRun:
        lang = self._i18n(config).current_language or config.theme["language"]
        return self.languages.setdefault(lang, LanguageRun(lang))

    def _folders(self, config: MkDocsConfig) -> dict[str, str]:
        i18n = self._i18n(config)
        return language_folders(i18n.default_language, list(i18n.build_languages))

    # --- settings -------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self._nested(config):
            self._check_material(config)
            count_warnings_when_quiet(config)
            self.run = self._new_run(config)
            load_user_dictionary(chinese_words(self.run.terms))
        configure_tags(config, self.run.topics)
        return config

    @staticmethod
    def _check_material(config: MkDocsConfig) -> None:
        """Material as the site knows it (theme/material_internals.py): a release that changed what the
        overrides, the search scripts or the page check rely on stops the build with the list."""
        found = material_check.problems(site=Path(config.config_file_path).resolve().parent)
        if found:
            raise PluginError(material_check.report(found))

    def _new_run(self, config: MkDocsConfig) -> BuildRun:
        root = Path(config.config_file_path).resolve().parent
        try:
            terms = read_glossary(root / self.config.glossary, self.config.glossary)
        except GlossaryError as error:
            raise PluginError(str(error)) from None
        return BuildRun(root=root, terms=terms, topics=read_topics(config))

    # --- before anything is rendered ------------------------------------------------------------

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if not self._nested(config):
            self._check_every_page(config)
        fill_counts(config, self.run.total)  # this language's settings, as mkdocs-static-i18n set them

    def _check_every_page(self, config: MkDocsConfig) -> None:
        run = self.run
        self.checks_run += 1
        with build_check.time_budget(self.config.sources_seconds, "Reading and checking the pages"):
            run.check = self._check_sources(config)
            run.outdated = outdated_translations(run.check.project, run.check.report)
            run.glossary = glossary_use(run.terms, run.check.report)
        default = self._i18n(config).default_language
        originals = run.check.report.pages.get(default, {})
        run.total = len(sections(originals))
        run.check.add(fill_nav(config.nav, originals, f"{run.check.docs_folder}{default}"))
        run.dates = read_dates(run.root, Path(config.docs_dir))
        if not run.dates:
            log.info("no git history here (a shallow clone?): pages show no last-changed date")
        preview.build_started(run.total)

    def _check_sources(self, config: MkDocsConfig) -> BuildCheck:
        i18n = self._i18n(config)
        project = Project(
            root=self.run.root,
            docs_dir=Path(config.docs_dir),
            languages=[locale for locale in i18n.all_languages if locale != "null"],
            default=i18n.default_language,
        )
        check = build_check.check_sources(project, self.config.render_seconds)
        # The glossary page is made from the glossary: a problem in it is located on the glossary's row.
        glossary = self.run.root / self.config.glossary
        check.report.sources[self.config.glossary] = read_page(self.config.glossary, glossary.read_bytes())
        for problem in check.report.warnings:
            log.warning(str(problem))
        for line in check.report.notice_lines():  # drift outside the change in one line
            log.info(line)  # it never fails a build: the page shows it is out of date
        return check

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has kept the current language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = self._language(config).lang
        self.languages[lang] = LanguageRun(lang)  # a new build of this language
        add_glossary_page(files, config, self._i18n(config))
        self._share_images(files, config)
        self._join_parts(files, config)
        for file in linked_files(config, self._i18n(config)):  # written by _write_collection
            files.append(file)
        return files

    def _share_images(self, files: Files, config: MkDocsConfig) -> None:
        """The site's shared images (docs/assets/images/) in every language's build, so that a page of any
        language links them as the check says (mkdocs-static-i18n keeps them for the default one only)."""
        i18n = self._i18n(config)
        if i18n.current_language == i18n.default_language:
            return
        shared = Path(config.docs_dir) / SHARED_IMAGES
        for path in sorted(shared.iterdir()) if shared.is_dir() else ():
            src_uri = f"{SHARED_IMAGES}/{path.name}"
            if path.is_file() and src_uri not in files.src_uris:
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))

    @staticmethod
    def _join_parts(files: Files, config: MkDocsConfig) -> None:
        parts = [file for file in files if is_part(file.src_uri)]
        for file in parts:
            files.remove(file)
        if parts and config.theme.custom_dir:
            for joined, folder in JOINED.items():
                try:
                    content = joined_file(Path(config.theme.custom_dir) / folder, Path(joined).suffix)
                except ValueError as error:
                    message = f"{error}: {joined} is made of the parts in overrides/{folder}/"
                    raise PluginError(message) from None
                files.append(File.generated(config, joined, content=content))

    @event_priority(-200)  # after mkdocs-static-i18n's nav (-100)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> None:
        preview.note_nav(config, nav)

    # --- each page, as MkDocs renders its Markdown ----------------------------------------------

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        run = self.run
        source = build_check.source_of(run.check, page.file)
        if page.file.abs_src_path:
            build_check.check_meta_read_alike(run.check, source, page.meta)
        build_check.start_render_timer(run.check, source)
        date = page_date(run.dates, page, run.root)
        if date:
            page.update_date = date  # the sitemaps' <lastmod>
        warn_unknown_topics(page, run.topics)
        lang = self._language(config).lang
        if is_home_source(page.file.src_uri, lang):
            markdown = self._fill_home(markdown, config, lang, source)
        return markdown

    def _fill_home(self, markdown: str, config: MkDocsConfig, lang: str, source: str) -> str:
        report = self.run.check.report
        if LISTS not in markdown:
            self.run.check.add(
                [
                    Problem(
                        source,
                        1,
                        "home",
                        f"the line {LISTS} is missing, so this home page lists no "
                        "section: put it back where the lists of sections go",
                    )
                ]
            )
        default = self._i18n(config).default_language
        lists = home_lists(
            report.pages.get(lang, {}),
            report.pages.get(default, {}),
            nav_topics(config.nav),
            self.run.topics,
            nav_translations(config).get(lang, {}),
            lang,
        )
        return fill_home(markdown, lists, self.run.total)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        build_check.stop_render_timer()
        run, language = self.run, self._language(config)
        describe_page(page, html)
        slug = Path(page.file.src_uri).stem
        source = build_check.source_of(run.check, page.file)
        tree = parse_body_fragment(html)  # once: the hints, the check and the wrappers share it
        terms = (
            run.glossary.terms_of.get(slug, [])
            if slug in run.glossary.sections.get(language.lang, {})
            else []
        )
        if hint_tree(tree.body, terms, language.lang):
            html = tree.body.inner_html
        build_check.check_contribution(run.check, source, tree)
        if isinstance(page.meta.get("id"), int):
            places = self._write_place_controls(tree, page, config)
            hints, hint_texts = describe_hints(tree.body, language.lang)
            controls = replace(
                self._controls(config, language), places=places, hints=hints, hint_texts=hint_texts
            )
            wrapped = wrap_tree(tree, controls.bar, controls.buttons)
            if wrapped is not None:
                html = wrapped + hints
                build_check.check_written_content(run.check, source, html, controls)
        if is_glossary(page):
            html = glossary_content(run.glossary, page, files, config.theme.get_env(), language.lang)
        return html

    @staticmethod
    def _write_place_controls(tree, page: Page, config: MkDocsConfig) -> dict[str, str]:
        """The permalink, "cite" and "report a problem" of each block heading and note (pages/controls.py)."""
        lang = config.theme.get("language") or "en"
        note = page.meta.get("title_note")
        note = note if isinstance(note, str) else None
        title = numbered_title(page.meta["id"], page.title or "", note, lang)
        facts = page_facts(lang, config.site_name, title, page.canonical_url or page.url, config.repo_url)
        return write_controls(tree.body, controls_macro(config.theme.get_env()), facts)

    @staticmethod
    def _controls(config: MkDocsConfig, language: LanguageRun) -> Controls:
        if language.controls is None:
            bar, buttons = section_controls(config.theme.get_env(), config.theme.get("language") or "en")
            language.controls = Controls(bar, buttons)
        return language.controls

    # --- once every page of a language is read --------------------------------------------------

    @event_priority(110)  # before Material's tags plugin (100) renders the topic index
    def _number_titles(self, env: jinja2.Environment, config: MkDocsConfig, files: Files):
        number_titles(files, config.theme.get("language") or "en")
        return env

    def _cache_templates(self, env: jinja2.Environment, config: MkDocsConfig, files: Files):
        env.bytecode_cache = TemplateBytecode()
        return env

    @event_priority(-200)  # after every other plugin has changed the environment
    def _keep_for_preview(self, env: jinja2.Environment, config: MkDocsConfig, files: Files):
        preview.note_env(config, files, env)
        return env

    on_env = CombinedEvent(_number_titles, _cache_templates, _keep_for_preview)

    # --- each page, as its template is rendered -------------------------------------------------

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        run, language = self.run, self._language(config)
        if language.nav is not nav:
            language.nav = nav
            language.by_slug = sections_by_slug(nav.pages)
            language.by_number = {p.meta["id"]: p for p in language.by_slug.values()}
            language.sections = section_count(nav)
        in_section_order(page, language.by_number)
        add_card(page, config, nav, run.cards)
        if is_home(page, nav):
            add_pdf_link(
                page,
                config.theme.get_env(),
                config.theme["language"],
                language.sections,
                not preview.serving(),
            )
        context["related_sections"] = resolve(page.meta.get("related"), page, nav.pages, language.by_slug)
        state = run.outdated.get(run.check.docs_folder + page.file.src_uri)
        if state is not None:
            context["outdated_translation"] = state
        if is_status_page(page):
            context["translation_rows"] = status_rows(nav, run.outdated)
        context["last_changed"] = page_date(run.dates, page, run.root)
        return context

    @event_priority(100)  # before any other plugin sees the finished page
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        check = self.run.check
        source = build_check.source_of(check, page.file)
        check.sources_by_url[page.url] = source
        output = build_check.check_output(check, output, source, page.file.dest_uri, config.site_url)
        if not output:
            log.info(f"{source}: not written to the site (see the report at the end of the build)")
        self.run.used.add_page(output)
        return output

    @event_priority(100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        i18n = self._i18n(config)
        lang = config.theme.get("language")
        folder = "" if lang == i18n.default_language else f"{lang}/"
        source = f"overrides/{template_name}"
        output = build_check.check_output(
            self.run.check, output_content, source, folder + template_name, config.site_url
        )
        if template_name == "404.html":
            output = place_not_found(output, lang, i18n.default_language, Path(config.site_dir))
        self.run.used.add_page(output)
        return output

    # --- once every language is built -----------------------------------------------------------

    @event_priority(-150)  # after mkdocs-static-i18n (-100) has built every other language
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._nested(config):
            return
        site = Path(config.site_dir)
        if config.theme.custom_dir:
            minify_own_assets(Path(config.theme.custom_dir), site)
        prune_theme_stylesheets(site / "assets", self.run.used)
        indexes = self._complete_search_indexes(config)
        self._report(config, indexes)
        self._write_search_indexes(site, indexes)
        self._write_collection(config)
        write_language_sitemaps(site, config.site_url or "", self._folders(config))
        cards = self.run.cards
        log.info(
            f"Link-preview cards: {cards.drawn} drawn, {cards.cached} from the cache ({cache_dir(config)})"
        )
        preview.build_finished()

    def _complete_search_indexes(self, config: MkDocsConfig) -> dict[str, dict]:
        """Each language's index (by folder), from the one Material wrote, with every field added."""
        site = Path(config.site_dir)
        index = json.loads((site / INDEX).read_text(encoding="utf-8"))
        folders = self._folders(config)
        indexes = language_indexes(index, folders, self.run.check.report.pages)
        parts = term_parts(tuple(chinese_words(self.run.terms)))
        for lang, language_index in indexes.items():
            add_title_notes(language_index, self.run.check.report.pages.get(lang, {}), lang)
            add_other_language_terms(language_index, lang, self.run.terms)
            if lang == "zh":
                add_term_parts(language_index, parts)
            add_leads(language_index, parts if lang == "zh" else {})
        return {folders[lang]: language_index for lang, language_index in indexes.items()}

    def _report(self, config: MkDocsConfig, indexes: dict[str, dict]) -> None:
        tags_path = Path(config.site_dir) / "tags.json"
        tags = json.loads(tags_path.read_text(encoding="utf-8")) if tags_path.is_file() else None
        check = self.run.check
        build_check.check_indexes(check, indexes, tags)
        if check.report.errors:
            raise PluginError(check.final_report())

    @staticmethod
    def _write_search_indexes(site: Path, indexes: dict[str, dict]) -> None:
        for folder, index in indexes.items():
            settings, entries = split_index(index, folder)
            (site / folder / "search").mkdir(parents=True, exist_ok=True)
            for path, data in ((site / folder / ENTRIES, entries), (site / folder / INDEX, settings)):
                path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def _write_collection(self, config: MkDocsConfig) -> None:
        """llms.txt, the dataset and each section's Markdown copy, per language, from the checked pages."""
        write_collections(config, self._i18n(config), self.run.check.report.pages)

    def on_build_error(self, error: Exception, **kwargs) -> None:
        """Another error ends the build (a strict-mode warning in a language's build): report first."""
        build_check.stop_render_timer()
        check = self.run.check if self.run else None
        if (
            check is not None
            and check.report.errors
            and not check.reported
            and not isinstance(error, PluginError)
        ):
            log.error(check.final_report())
