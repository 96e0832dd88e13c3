"""The one hook MkDocs loads (mkdocs.yml `hooks:`): the events of the site's build pipeline.

Every step, in the order it runs, is in llmqa/plugin.py; this file only hands MkDocs its events.
LLM_QA_RENDER_SECONDS and LLM_QA_SOURCES_SECONDS set the time limits of a page's rendering and of the
passes over every page before it (tests need limits that any build goes over).
"""

from __future__ import annotations

import os

from llmqa.plugin import Pipeline

plugin = Pipeline()
plugin.load_config(
    {
        "render_seconds": float(os.environ.get("LLM_QA_RENDER_SECONDS", "10")),
        "sources_seconds": float(os.environ.get("LLM_QA_SOURCES_SECONDS", "60")),
    }
)

on_startup = plugin.on_startup
on_config = plugin.on_config
on_pre_build = plugin.on_pre_build
on_files = plugin.on_files
on_nav = plugin.on_nav
on_page_markdown = plugin.on_page_markdown
on_page_content = plugin.on_page_content
on_env = plugin.on_env
on_page_context = plugin.on_page_context
on_post_page = plugin.on_post_page
on_post_template = plugin.on_post_template
on_post_build = plugin.on_post_build
on_build_error = plugin.on_build_error
