"""What ARCHITECTURE.md calls plain Python imports no MkDocs: the section check and the modules the
pipeline calls could be called by another generator, or by none."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PLAIN = [
    "llmqa.check.cli",
    "llmqa.check.summary",
    *(
        f"llmqa.sections.{name}"
        for name in ("model", "scanner", "page", "front_matter", "front_matter_reading")
    ),
    *(
        f"llmqa.sections.{name}"
        for name in ("rules", "structure", "ids", "parity", "project", "report", "changes")
    ),
    *(f"llmqa.safety.{name}" for name in ("limits", "files", "messages", "urls", "policy", "shapes")),
    *(f"llmqa.safety.{name}" for name in ("html_check", "rendered", "site_markup")),
    "llmqa.translation.drift",
    "llmqa.translation.history",
    "llmqa.glossary.terms",
    "llmqa.glossary.hints",
    "llmqa.pages.wrappers",
    *(f"llmqa.search.{name}" for name in ("index", "dictionary", "leads", "terms", "on_demand")),
    *(f"llmqa.publishing.{name}" for name in ("collection", "cards", "fonts")),
    *(f"llmqa.output.{name}" for name in ("minify", "not_found", "parts", "sitemaps", "unused_css")),
    "llmqa.build.cache",
    "llmqa.theme.material_internals",
    "llmqa.theme.material_check",
]


def test_the_plain_modules_import_no_mkdocs():
    script = (
        "import importlib, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'hooks')!r})\n"
        f"for name in {PLAIN!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout
    for name in PLAIN:
        assert f"{name.rsplit('.', 1)[1]}.py`" in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"), name
