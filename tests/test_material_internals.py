"""What the site relies on in Material for MkDocs holds for the installed Material, and a Material that
changed one of those things is reported with the file of the site that relies on it and what to do
(hooks/llmqa/theme/material_internals.py, material_check.py). The changed Materials are the installed
one with a few files rewritten: every other file is a link to the installed one."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT, mkdocs_config

sys.path.insert(0, str(ROOT / "hooks"))
from llmqa.safety import policy
from llmqa.theme import material_check, material_internals

INSTALLED = material_check.installed_material()


def changed_material(tmp_path: Path, changes: dict[str, str | None]) -> Path:
    """The installed Material, with each file of `changes` holding the text given (None: removed)."""
    root = tmp_path / "material"

    def real_folder(rel: Path) -> None:
        folder = root / rel
        if folder.is_dir() and not folder.is_symlink():
            return
        if folder.is_symlink():
            folder.unlink()
        folder.mkdir(parents=True)
        for entry in (INSTALLED / rel).iterdir():
            (folder / entry.name).symlink_to(entry)

    real_folder(Path("."))
    for name, text in changes.items():
        rel = Path(name)
        for depth in range(1, len(rel.parts)):
            real_folder(Path(*rel.parts[:depth]))
        (root / rel).unlink(missing_ok=True)
        if text is not None:
            (root / rel).write_text(text, encoding="utf-8")
    return root


def installed(name: str) -> str:
    return (INSTALLED / name).read_text(encoding="utf-8")


def asset(pattern: str) -> str:
    return next(INSTALLED.glob(pattern)).relative_to(INSTALLED).as_posix()


def problems_of(tmp_path: Path, changes: dict[str, str | None]) -> list[str]:
    return material_check.problems(changed_material(tmp_path, changes))


def one(found: list[str], *words: str) -> str:
    """The one problem that has every word in it."""
    matching = [problem for problem in found if all(word in problem for word in words)]
    assert len(matching) == 1, (words, found)
    return matching[0]


# --- the installed Material ------------------------------------------------------------------------


def test_the_installed_material_holds_everything_the_site_relies_on():
    found = material_check.problems()
    assert found == [], material_check.report(found)


def test_the_recorded_digests_are_the_installed_materials_and_nothing_else():
    record = json.loads(material_check.DIGESTS.read_text(encoding="utf-8"))
    material = material_check._Material(INSTALLED)
    assert record["material"] == material.version
    assert record["digests"] == material_check.current_digests(ROOT, material)
    # main.html's blocks are recorded one by one, besides base.html as a whole.
    assert {"templates/base.html#site_meta", "templates/base.html#config"} <= set(record["digests"])


def test_every_inline_script_the_page_check_accepts_is_materials_or_the_sites_own():
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    for text in policy.INLINE_SCRIPT_TEXTS:
        ours = [s for s in material_internals.INLINE_SCRIPTS if text.startswith(s.starts)]
        assert len(ours) == 1 or f"<script>{text}</script>" in main, text[:40]


def test_every_override_with_a_name_of_materials_is_recorded():
    overrides = ROOT / "overrides"
    shadowing = {
        f"overrides/{path.relative_to(overrides).as_posix()}"
        for path in overrides.rglob("*.html")
        if (INSTALLED / "templates" / path.relative_to(overrides)).is_file()
    }
    assert shadowing == {copy.site for copy in material_internals.COPIES}


def test_the_languages_whose_texts_are_checked_are_the_sites():
    i18n = next(plugin["i18n"] for plugin in mkdocs_config()["plugins"] if "i18n" in plugin)
    assert {language["locale"] for language in i18n["languages"]} == set(material_internals.LANGUAGES)


def test_the_check_is_cheap_enough_to_run_before_every_build():
    import time

    material_check.problems()  # files in the page cache, as in a build after the first
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        material_check.problems()
        runs.append(time.perf_counter() - start)
    assert sorted(runs)[2] < 0.1, runs  # about 20 ms; a generous bound on a shared machine


# --- a changed Material ----------------------------------------------------------------------------


def test_a_renamed_block_names_the_override_that_fills_it(tmp_path):
    base = installed("templates/base.html").replace("{% block site_meta %}", "{% block site_head %}")
    found = problems_of(tmp_path, {"templates/base.html": base})
    problem = one(found, "overrides/main.html overrides block site_meta")
    assert "templates/base.html (it extends base.html); Material 9." in problem
    assert "has no block site_meta there" in problem
    digest = one(found, "templates/base.html is not the one recorded (blocks overrides/main.html overrides: ")
    assert "overrides: site_meta), which overrides/main.html extends" in digest
    assert "make material-digests" in digest
    assert len(found) == 2, found


def test_a_changed_partial_says_which_override_to_bring_up_to_date_and_how(tmp_path):
    nav = installed("templates/partials/nav.html").replace("in nav.items %}", "in nav %}")
    found = problems_of(tmp_path, {"templates/partials/nav.html": nav})
    assert len(found) == 1, found
    problem = found[0]  # the same version as recorded: no link to compare them
    assert "compare/" not in problem
    assert problem.startswith("Material 9.8.2's templates/partials/nav.html is not the one recorded, which ")
    assert "overrides/partials/nav.html copies" in problem
    assert f"diff -u {tmp_path}/material/templates/partials/nav.html overrides/partials/nav.html" in problem
    assert "digest in hooks/llmqa/theme/material_digests.json: make material-digests" in problem


def test_a_new_release_is_compared_with_the_recorded_one(tmp_path):
    base = installed("templates/base.html").replace("mkdocs-material-9.8.2", "mkdocs-material-9.9.0")
    search = installed("templates/partials/search.html").replace('role="search"', 'role="searchbox"')
    found = problems_of(tmp_path, {"templates/base.html": base, "templates/partials/search.html": search})
    assert len(found) == 1, found  # the version in base.html is masked
    assert "https://github.com/squidfunk/mkdocs-material/compare/9.8.2...9.9.0" in found[0]
    assert "overrides/partials/search.html copies" in found[0]


def test_a_removed_partial_names_every_file_that_relied_on_it(tmp_path):
    found = problems_of(tmp_path, {"templates/partials/nav-item.html": None})
    assert one(found, "overrides/partials/nav.html includes Material's templates/partials/nav-item.html")
    missing = one(found, "on Material's templates/partials/nav-item.html; Material 9.8.2 has no such file")
    assert missing.startswith("overrides/partials/nav.html relies on")


def test_a_renamed_macro_is_named_with_its_caller(tmp_path):
    item = installed("templates/partials/nav-item.html").replace("{% macro render(", "{% macro render_item(")
    found = problems_of(tmp_path, {"templates/partials/nav-item.html": item})
    assert one(found, "overrides/partials/nav.html calls item.render() of Material's").endswith(
        "defines no macro render: compare the two and update overrides/partials/nav.html"
    )
    assert one(found, "the macro render(nav_item, path, level, ...) renders one nav item")


def test_a_renumbered_worker_message_names_the_site_worker(tmp_path):
    name = asset(material_internals.WORKER)
    worker = installed(name).replace("{type:3,data:de.search(e)}", "{type:4,data:de.search(e)}")
    assert worker != installed(name)
    found = problems_of(tmp_path, {name: worker})
    problem = one(found, "message 2 (QUERY) is answered by message 3 (RESULT)")
    assert problem.startswith("overrides/assets/javascripts/workers/search-words.js relies on Material's ")
    assert "Material 9.8.2 no longer does" in problem


def test_a_bundle_that_sends_setup_differently_is_reported(tmp_path):
    name = asset(material_internals.BUNDLE)
    bundle = re.sub(r"\{type:0,data:\{config:", "{type:0,data:{settings:", installed(name))
    found = problems_of(tmp_path, {name: bundle})
    assert one(found, "sends the search index as message 0 (SETUP) {config, docs, options}")


def test_a_bundle_that_sets_onmessage_is_reported(tmp_path):
    name = asset(material_internals.BUNDLE)
    found = problems_of(tmp_path, {name: installed(name) + ";w.onmessage=f"})
    assert one(found, "sets no onmessage or onerror", "now does ('.onmessage=')")


def test_a_reshaped_inline_script_names_the_page_checks_allowlist(tmp_path):
    name = "templates/partials/javascripts/palette.html"
    palette = installed(name).replace("var palette=", "let palette=")
    found = problems_of(tmp_path, {name: palette})
    problem = one(found, "accepts Material's inline script of templates/partials/javascripts/palette.html")
    assert problem.startswith("hooks/llmqa/safety/policy.py ")
    assert "update INLINE_SCRIPT_TEXTS" in problem


def test_a_new_inline_script_partial_or_config_key_is_reported(tmp_path):
    base = installed("templates/base.html").replace('"version": _.version or none', '"palette": 1')
    found = problems_of(
        tmp_path,
        {"templates/partials/javascripts/tooltips.html": "<script>x()</script>", "templates/base.html": base},
    )
    assert one(found, "has a new inline script, templates/partials/javascripts/tooltips.html")
    assert one(found, "has the keys ['palette'], which policy.CONFIG_KEYS")


def test_a_second_bundle_or_a_missing_stylesheet_is_reported(tmp_path):
    bundle = asset(material_internals.BUNDLE)
    palette = asset(f"{material_internals.STYLESHEETS}/palette.*.min.css")
    found = problems_of(
        tmp_path,
        {bundle.replace("bundle.", "bundle.0"): "", palette: None},
    )
    assert one(found, f"on Material's {material_internals.BUNDLE}; Material 9.8.2 has several:")
    problem = one(found, "on Material's templates/assets/stylesheets/palette.*.min.css; Material 9.8.2 has")
    assert "has no such file" in problem
    assert "hooks/llmqa/output/unused_css.py (THEME_STYLESHEETS)" in problem


def test_a_missing_text_and_icon_are_named_with_the_partial_that_shows_them(tmp_path):
    zh = installed("templates/partials/languages/zh.html")
    zh = re.sub(r'^\s*"search.reset": .*\n', "", zh, flags=re.MULTILINE)
    found = problems_of(
        tmp_path, {"templates/partials/languages/zh.html": zh, "templates/.icons/material/close.svg": None}
    )
    assert one(found, "overrides/partials/search.html shows lang.t('search.reset')", "languages/zh.html")
    assert one(found, "overrides/partials/search.html falls back to Material's icon material/close")


def test_a_new_template_of_materials_that_a_site_partial_shadows_is_reported(tmp_path):
    found = problems_of(tmp_path, {"templates/partials/date.html": "{{ date }}"})
    problem = one(found, "overrides/partials/date.html has the name of Material 9.8.2's templates/partials/")
    assert "Rename the site's file" in problem


def test_a_digest_no_override_needs_is_reported_as_stale(tmp_path):
    record = json.loads(material_check.DIGESTS.read_text(encoding="utf-8"))
    record["digests"]["templates/base.html#footer"] = "0" * 64
    digests = tmp_path / "digests.json"
    digests.write_text(json.dumps(record), encoding="utf-8")
    found = material_check.problems(digests=digests)
    assert len(found) == 1, found
    assert "records digests of templates/base.html#footer, which no file of overrides/ copies" in found[0]


def test_recording_the_digests_of_a_changed_material_makes_its_digests_pass(tmp_path):
    search = installed("templates/partials/search.html") + "\n"
    material = changed_material(tmp_path, {"templates/partials/search.html": search})
    digests = tmp_path / "digests.json"
    record = material_check.record_digests(material, ROOT, digests)
    assert record["material"] == "9.8.2"
    assert material_check.problems(material, ROOT, digests) == []
    assert material_check.problems(INSTALLED, ROOT, digests) != []


def test_the_command_line_prints_the_problems_and_fails(tmp_path, capsys):
    search = installed("templates/partials/search.html") + "\n"
    material = changed_material(tmp_path, {"templates/partials/search.html": search})
    assert material_check.main(["--material", str(material)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"Material for MkDocs 9.8.2 ({material}) differs from what the site relies on")
    assert "\n- Material 9.8.2's templates/partials/search.html is not the one recorded" in out
    assert material_check.main([]) == 0


def test_the_build_stops_before_it_starts_with_the_list(tmp_path, monkeypatch):
    from llmqa.plugin import Pipeline
    from mkdocs.exceptions import PluginError

    material = changed_material(tmp_path, {"templates/partials/nav-item.html": None})
    monkeypatch.setattr(material_check, "installed_material", lambda: material)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    with pytest.raises(PluginError) as error:
        Pipeline._check_material(config)
    message = str(error.value)
    assert message.startswith("Material for MkDocs 9.8.2, as installed, differs from what the site relies")
    assert "\n- overrides/partials/nav.html includes Material's templates/partials/nav-item.html" in message
