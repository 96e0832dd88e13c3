"""One page built again from the last full build's state, so the preview server can show an edit before
the whole site is rebuilt (called by the pipeline's last steps and by preview/).

A full build of both languages takes about 1.5 s; one page takes about 25 ms. For each language, the
last full build leaves what MkDocs needs to build a page again: the configuration, the files, the nav,
the Jinja environment, and its plugins' state (mkdocs-static-i18n and Material's tags plugin keep
per-language state on the plugin, so each language's is taken as its build left it). The page then
goes through MkDocs's own steps (read, Markdown, hooks, template) and is written where the full build
writes it. For an edit of a page's text, the result is byte for byte what a full build writes
(tests/test_preview_server.py); everything else (other pages' nav titles, search, the other
language's translation notice) waits for the full build that the server runs next.

State is kept only for a build that finished: a build that fails half-way leaves the previous one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from llmqa.pages.home import fill_counts
from llmqa.sections.page import read_page
from llmqa.sections.project import page_problems


@dataclass
class LanguageBuild:
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    plugins: dict[str, dict]  # each plugin's attributes as this language's build left them


class NotPreviewableError(Exception):
    """The change is not an edit of a page the last full build knows: only a full build shows it."""


@dataclass
class LastBuilds:
    """What the last full build of this process left, by language: a process-lifetime cache, since the
    preview server builds pages again between full builds."""

    pending: dict[str, LanguageBuild] = field(default_factory=dict)
    navs: dict[str, Navigation] = field(default_factory=dict)
    finished: dict[str, LanguageBuild] = field(default_factory=dict)
    building: bool = False  # between a full build's start and its end; a page built again notes nothing
    total: int = 0  # sections, as the pipeline counted them: a page's settings say it (pages/home.py)
    serving: bool = False  # this process serves the site (make serve, mkdocs serve): it makes no PDF


LAST_BUILDS = LastBuilds()


def language_of(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme["language"]


def note_command(command: str) -> None:
    """MkDocs's on_startup, once per process (a rebuild under serve loads the hooks again, not this)."""
    LAST_BUILDS.serving = command == "serve"


def serving() -> bool:
    return LAST_BUILDS.serving


def build_started(total: int) -> None:
    LAST_BUILDS.building = True
    LAST_BUILDS.total = total
    LAST_BUILDS.pending.clear()
    LAST_BUILDS.navs.clear()


def note_nav(config: MkDocsConfig, nav: Navigation) -> None:
    if LAST_BUILDS.building:
        LAST_BUILDS.navs[language_of(config)] = nav


def note_env(config: MkDocsConfig, files: Files, env: jinja2.Environment) -> None:
    """Called when a language's pages are read and its environment is ready (MkDocs's on_env)."""
    lang = language_of(config)
    if not LAST_BUILDS.building or lang not in LAST_BUILDS.navs:
        return
    plugins = {name: dict(vars(p)) for name, p in config.plugins.items() if isinstance(p, BasePlugin)}
    LAST_BUILDS.pending[lang] = LanguageBuild(config, files, LAST_BUILDS.navs[lang], env, plugins)


def build_finished() -> None:
    LAST_BUILDS.building = False
    LAST_BUILDS.finished.clear()
    LAST_BUILDS.finished.update(LAST_BUILDS.pending)
    LAST_BUILDS.pending.clear()
    LAST_BUILDS.navs.clear()


def _find(path: str) -> tuple[LanguageBuild, File]:
    wanted = os.path.abspath(path)
    for state in LAST_BUILDS.finished.values():
        for file in state.files.documentation_pages():
            if file.abs_src_path and os.path.abspath(file.abs_src_path) == wanted and file.page:
                return state, file
    raise NotPreviewableError(f"{path} is not a page of the last full build")


def rebuild_page(path: str) -> str:
    """Build the page whose Markdown is at `path` again; return the HTML file written."""
    if not LAST_BUILDS.finished:
        raise NotPreviewableError("no full build has finished yet")
    if not os.path.isfile(path):
        raise NotPreviewableError(f"{path} is gone")
    state, file = _find(path)
    config = state.config
    _check_source(path, state, getattr(file, "locale", None) or language_of(config))
    for name, attributes in state.plugins.items():
        vars(config.plugins[name]).update(attributes)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        config = i18n.on_config(config) or config  # the shared config back to this language's settings
    fill_counts(config, LAST_BUILDS.total)
    _populate_page(file.page, config, state.files)
    # As in a full build: hooks that read every page's metadata (numbered titles) run after reading.
    state.env = config.plugins.on_env(state.env, config=config, files=state.files)
    before = _written_at(file.abs_dest_path)
    _build_page(file.page, config, state.files.documentation_pages(), state.nav, state.env)
    if _written_at(file.abs_dest_path) == before:  # a page with problems is left out; the build says why
        raise NotPreviewableError(f"{file.src_uri} was not written")
    return file.abs_dest_path


def _check_source(path: str, state: LanguageBuild, lang: str) -> None:
    """The page's own rules (the ones a full build checks before rendering anything): a page they refuse
    is not previewed, so the browser never shows it as if it were fine."""
    root = os.path.dirname(os.path.abspath(state.config.config_file_path))
    rel = os.path.relpath(os.path.abspath(path), root)
    page = read_page(rel, Path(path).read_bytes())
    default = getattr(state.config.plugins.get("i18n"), "default_language", lang)
    problems = page_problems(page, Path(path).name, lang, default)
    errors = sorted(problem for problem in problems if problem.severity == "error")
    if errors:
        raise NotPreviewableError("; ".join(str(problem) for problem in errors[:3]))


def _written_at(path: str) -> int | None:
    return os.stat(path).st_mtime_ns if os.path.exists(path) else None
