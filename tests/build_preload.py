"""Imported once by the process tests/build_runs.py forks its builds from: what every `mkdocs build` of
the site imports and reads before it looks at the project (nothing of the project itself)."""

import logging

import jieba
import material.plugins.search.plugin
import material.plugins.tags.plugin  # noqa: F401
import mkdocs.__main__
import mkdocs.commands.build  # noqa: F401
import mkdocs_static_i18n.plugin  # noqa: F401
import pymdownx.superfences  # noqa: F401

jieba.setLogLevel(logging.WARNING)  # its four lines on loading the dictionary, said by no build now
jieba.dt.check_initialized()
jieba.setLogLevel(logging.DEBUG)
