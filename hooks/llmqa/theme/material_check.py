"""The installed Material for MkDocs against what the site relies on in it (material_internals.py).

`problems()` returns one plain sentence per tie that no longer holds: what changed in Material, which
file of the site relies on it, what to do. tests/test_material_internals.py runs it, and so does every
build before it starts (about 20 ms), so that a pull request that upgrades Material says what broke.
`make material-check` prints the list; `make material-digests` (`python hooks/check_material.py
--update`) records the digests of the templates overrides/ copies, once the overrides are reviewed.

Digests are of the templates as Material ships them, with its asset hashes and version number masked:
those change with every release, and the site matches them by pattern (the asset checks below).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from importlib.util import find_spec
from pathlib import Path

from llmqa.safety import policy
from llmqa.theme import material_internals as internals

ROOT = Path(__file__).resolve().parents[3]
DIGESTS = Path(__file__).with_name("material_digests.json")
UPDATE = "make material-digests (python hooks/check_material.py --update)"
COMPARE = "https://github.com/squidfunk/mkdocs-material/compare/{old}...{new}"

HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)\b")
VERSION = re.compile(r"mkdocs-material-([0-9][0-9A-Za-z.+-]*)")
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
BLOCK_TAG = re.compile(r"\{%-?\s*(?:block\s+(\w+)|endblock)\b.*?%\}", re.DOTALL)
EXTENDS = re.compile(r'\{%-?\s*extends\s+"([^"]+)"')
REFERENCE = re.compile(r'\{%-?\s*(?:include|import|from|extends)\s+"([^"]+)"(?!\s*~)')  # a name, not a prefix
IMPORT_AS = re.compile(r'\{%-?\s*import\s+"([^"]+)"\s+as\s+(\w+)')
MACRO = re.compile(r"\{%-?\s*macro\s+(\w+)\(")
LANG_T = re.compile(r"""\blang\.t\(\s*(['"])([^'"]+)\1\s*\)""")
LANGUAGE_KEY = re.compile(r'^\s*"([^"]+)":', re.MULTILINE)
ICON_DEFAULT = re.compile(r'config\.theme\.icon\.\w+\s+or\s+"([^"]+)"')
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>")
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
CONFIG_KEY = re.compile(r'^\s*"([a-z_]+)":', re.MULTILINE)
HOW = {"copies": "copies", "replaces": "replaces", "extends": "extends", "follows": "imitates"}


def installed_material() -> Path:
    spec = find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Material for MkDocs is not installed (make build installs it)")
    return Path(next(iter(spec.submodule_search_locations)))


def masked(text: str) -> str:
    return VERSION.sub("mkdocs-material-VERSION", HASHED.sub(r".########.min.\1", text))


def digest(text: str) -> str:
    return hashlib.sha256(masked(text).encode("utf-8")).hexdigest()


def blocks(text: str) -> dict[str, tuple[int, str]]:
    """Each {% block %} of a template: its depth (0: not inside another block) and its source."""
    text = COMMENT.sub("", text)
    found: dict[str, tuple[int, str]] = {}
    open_blocks: list[tuple[str, int]] = []
    for tag in BLOCK_TAG.finditer(text):
        if tag.group(1):
            open_blocks.append((tag.group(1), tag.start()))
        elif open_blocks:
            name, start = open_blocks.pop()
            found[name] = (len(open_blocks), text[start : tag.end()])
    return found


class _Material:
    """The files of one Material package, read once; the globs that matched no single file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str | None] = {}
        self.missing: dict[str, set[str]] = {}
        self._keys: dict[str, set[str] | None] = {}
        base = self.text("templates/base.html", "overrides/main.html") or ""
        found = VERSION.search(base)
        self.version = found.group(1) if found else "(version unknown)"

    def find(self, pattern: str) -> list[Path]:
        return sorted(self.root.glob(pattern))

    def text(self, pattern: str, *site: str) -> str | None:
        if pattern not in self._texts:
            paths = self.find(pattern)
            self._texts[pattern] = paths[0].read_text(encoding="utf-8") if len(paths) == 1 else None
        if self._texts[pattern] is None and site:
            self.missing.setdefault(pattern, set()).update(site)
        return self._texts[pattern]

    def language_keys(self, lang: str, *site: str) -> set[str] | None:
        """The texts Material has for a language (partials/languages/<lang>.html), by key."""
        if lang not in self._keys:
            text = self.text(f"templates/partials/languages/{lang}.html", *site)
            self._keys[lang] = None if text is None else set(LANGUAGE_KEY.findall(text))
        return self._keys[lang]

    def missing_problems(self) -> list[str]:
        out = []
        for pattern, site in sorted(self.missing.items()):
            names = ", ".join(path.name for path in self.find(pattern))
            rely = "relies" if len(site) == 1 else "rely"
            out.append(
                f"{', '.join(sorted(site))} {rely} on Material's {pattern}; Material {self.version} has "
                f"{'several: ' + names if names else 'no such file'}: find what took its place and update "
                "the site's files and hooks/llmqa/theme/material_internals.py"
            )
        return out


def _shape_problems(material: _Material) -> list[str]:
    out = []
    for shape in internals.SHAPES:
        text = material.text(shape.material, *shape.site)
        if text is None:
            continue
        found = re.search(shape.pattern, text, re.MULTILINE)
        if bool(found) == shape.present:
            continue
        sites = ", ".join(shape.site)
        if shape.present:
            change = f"Material {material.version} no longer does (nothing in it matches /{shape.pattern}/)"
        else:
            change = f"Material {material.version} now does ({found.group(0)!r})"
        rely = "relies" if len(shape.site) == 1 else "rely"
        out.append(f"{sites} {rely} on Material's {shape.material}: {shape.expects}. {change}: {shape.fix}.")
    return out


def _asset_problems(material: _Material) -> list[str]:
    out = []
    base = material.text("templates/base.html") or ""
    for asset in internals.ASSETS:
        paths = material.find(asset.material)
        if len(paths) != 1:
            material.text(asset.material, *asset.site)  # reported once, with the other missing files
            continue
        name = paths[0].name
        path = paths[0].relative_to(material.root / internals.TEMPLATES).as_posix()
        loaded = asset.loaded_as.format(name=name)
        if f"'{path}'" not in base and f'"{path}"' not in base:
            out.append(
                f"Material {material.version}'s templates/base.html does not name {path}, the file "
                f"{asset.material} finds: {', '.join(asset.site)} expect base.html to load it; "
                "see how Material names its assets now"
            )
        if not asset.allowed.search(loaded):
            out.append(
                f"The page check would refuse Material {material.version}'s {path}: a page loads it as "
                f"{loaded}, which hooks/llmqa/safety/policy.py does not accept (/{asset.allowed.pattern}/); "
                f"update that pattern ({', '.join(asset.site)} rely on the name)"
            )
    return out


def _script_problems(material: _Material) -> list[str]:
    out = []
    for script in internals.INLINE_SCRIPTS:
        text = material.text(script.material, "hooks/llmqa/safety/policy.py (INLINE_SCRIPT_TEXTS)")
        if text is None:
            continue
        accepted = [t for t in policy.INLINE_SCRIPT_TEXTS if t.startswith(script.starts)]
        written = [JINJA_EXPRESSION.sub("{base}", found) for found in SCRIPT.findall(text)]
        if len(accepted) != 1 or accepted[0] not in written:
            out.append(
                "hooks/llmqa/safety/policy.py accepts Material's inline script of "
                f"{script.material} only in its exact shape (INLINE_SCRIPT_TEXTS, the text that starts "
                f"{script.starts!r}); Material {material.version} writes it differently, so every page "
                "would fail the page check: compare the two, and once the new script is reviewed, "
                "update INLINE_SCRIPT_TEXTS"
            )
    folder = material.root / internals.TEMPLATES / "partials" / "javascripts"
    present = {path.name for path in folder.glob("*.html")}
    for name in sorted(present - set(internals.SCRIPT_PARTIALS)):
        out.append(
            f"Material {material.version} has a new inline script, templates/partials/javascripts/{name}: "
            "a page that carries it fails the page check (hooks/llmqa/safety/policy.py). See when Material "
            "includes it, and record it in SCRIPT_PARTIALS of hooks/llmqa/theme/material_internals.py "
            "(and its text in policy.INLINE_SCRIPT_TEXTS if the site's pages carry it)"
        )
    for name in sorted(set(internals.SCRIPT_PARTIALS) - present):
        out.append(
            f"Material {material.version} no longer has templates/partials/javascripts/{name}: "
            "remove it from SCRIPT_PARTIALS of hooks/llmqa/theme/material_internals.py"
        )
    base = material.text("templates/base.html") or ""
    tags = tuple(masked(tag) for tag in SCRIPT_TAG.findall(base))
    if base and tags != internals.BASE_SCRIPT_TAGS:
        out.append(
            f"Material {material.version}'s templates/base.html writes the script tags {list(tags)}, "
            f"not {list(internals.BASE_SCRIPT_TAGS)}: a page check allows only the theme's scripts it "
            "knows (hooks/llmqa/safety/policy.py). Review the new ones, then update BASE_SCRIPT_TAGS in "
            "hooks/llmqa/theme/material_internals.py and policy.py"
        )
    config = blocks(base).get("config", (0, ""))[1]
    new_keys = sorted(set(CONFIG_KEY.findall(config)) - policy.CONFIG_KEYS)
    if new_keys:
        out.append(
            f"Material {material.version}'s configuration script (templates/base.html, block config) has "
            f"the keys {new_keys}, which policy.CONFIG_KEYS (hooks/llmqa/safety/policy.py) does not allow: "
            "every page would fail the page check; review what they hold and add them there"
        )
    return out


def _chain_blocks(site: Path, material: _Material, name: str, seen: list[str]) -> set[str]:
    """Every block of the template `name` and of the templates it extends (the site's or Material's)."""
    own = site / "overrides" / name
    if own.is_file():
        text, label = own.read_text(encoding="utf-8"), f"overrides/{name}"
    else:
        text, label = material.text(f"templates/{name}") or "", f"templates/{name}"
    if label in seen:
        return set()
    seen.append(label)
    parent = EXTENDS.search(COMMENT.sub("", text))
    found = set(blocks(text))
    return found | (_chain_blocks(site, material, parent.group(1), seen) if parent else set())


def _override_problems(site: Path, material: _Material) -> list[str]:
    """The ties the overrides show themselves: blocks, includes, macros, texts, icons, file names."""
    out = []
    templates = material.root / internals.TEMPLATES
    copies = {(copy.site, copy.material) for copy in internals.COPIES}
    v = material.version
    overrides = site / "overrides"
    for path in sorted(overrides.rglob("*.html")):
        rel = path.relative_to(overrides).as_posix()
        label, text = f"overrides/{rel}", COMMENT.sub("", path.read_text(encoding="utf-8"))
        if (templates / rel).is_file() and (label, f"templates/{rel}") not in copies:
            out.append(
                f"{label} has the name of Material {v}'s templates/{rel}, which COPIES of "
                "hooks/llmqa/theme/material_internals.py does not record: Material's templates that "
                "include it now get the site's file. Rename the site's file, or, if it is meant to take "
                f"the place of Material's, record it in COPIES and run {UPDATE}"
            )
        parent = EXTENDS.search(text)
        if parent:
            chain: list[str] = []
            available = _chain_blocks(site, material, parent.group(1), chain)
            for name, (depth, _) in sorted(blocks(text).items()):
                if depth == 0 and name not in available:
                    out.append(
                        f"{label} overrides block {name} of {', '.join(chain)} (it extends "
                        f"{parent.group(1)}); Material {v} has no block {name} there, so what the override "
                        "puts in it is no longer on the page: find where that part of the page went and "
                        f"update {label}"
                    )
        for target in sorted(set(REFERENCE.findall(text))):
            if not (overrides / target).is_file() and not (templates / target).is_file():
                out.append(
                    f"{label} includes Material's templates/{target}; Material {v} has no such file: "
                    f"find what took its place and update {label}"
                )
        for target, alias in IMPORT_AS.findall(text):
            if (overrides / target).is_file() or not (templates / target).is_file():
                continue
            defined = set(MACRO.findall((templates / target).read_text(encoding="utf-8")))
            for macro in sorted(set(re.findall(rf"\b{alias}\.(\w+)\(", text)) - defined):
                out.append(
                    f"{label} calls {alias}.{macro}() of Material's templates/{target}; Material {v}'s "
                    f"file defines no macro {macro}: compare the two and update {label}"
                )
        for _, key in sorted(set(LANG_T.findall(text))):
            for lang in internals.LANGUAGES:
                keys = material.language_keys(lang, label)
                if keys is not None and key not in keys:
                    out.append(
                        f"{label} shows lang.t('{key}'); Material {v}'s templates/partials/languages/"
                        f"{lang}.html has no such text, so {lang} pages show the English text or the key "
                        f"itself: find the key Material uses now and update {label}"
                    )
        for icon in sorted(set(ICON_DEFAULT.findall(text))):
            if not (templates / ".icons" / f"{icon}.svg").is_file():
                out.append(
                    f"{label} falls back to Material's icon {icon}; Material {v} has no "
                    f"templates/.icons/{icon}.svg: choose another icon in {label}"
                )
    return out + _unused_copy_problems(site, material)


def _unused_copy_problems(site: Path, material: _Material) -> list[str]:
    """A partial the site copies that no template (Material's or the site's) includes is never shown."""
    templates = material.root / internals.TEMPLATES
    sources = [*templates.glob("*.html"), *templates.glob("partials/*.html")]
    sources += (site / "overrides").rglob("*.html")
    referenced = {name for path in sources for name in REFERENCE.findall(path.read_text(encoding="utf-8"))}
    out = []
    for copy in internals.COPIES:
        rel = copy.material.removeprefix("templates/")
        if copy.how != "copies" or not (templates / rel).is_file():
            continue
        if rel not in referenced:
            out.append(
                f"{copy.site} copies Material's {copy.material}, but no template of Material "
                f"{material.version} includes it any more, so the override is not used: see where Material "
                f"renders that part of the page now and update {copy.site}"
            )
    return out


def _digest_units(site: Path, material: _Material, copy: internals.Copy) -> dict[str, str] | None:
    """The digests of one copied template: the whole file, and for an extended one each block the
    override overrides (file#block)."""
    text = material.text(copy.material, copy.site)
    if text is None:
        return None
    units = {copy.material: digest(text)}
    theirs = blocks(text)
    for name in _overridden(site, copy):
        if name in theirs:
            units[f"{copy.material}#{name}"] = digest(theirs[name][1])
    return units


def _overridden(site: Path, copy: internals.Copy) -> list[str]:
    """The blocks of an extended template that the override overrides (none for the other copies)."""
    if copy.how != "extends":
        return []
    ours = blocks((site / copy.site).read_text(encoding="utf-8"))
    return [name for name, (depth, _) in ours.items() if depth == 0]


def current_digests(site: Path, material: _Material) -> dict[str, str]:
    units: dict[str, str] = {}
    for copy in internals.COPIES:
        units.update(_digest_units(site, material, copy) or {})
    return units


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def _digest_problems(site: Path, material: _Material, digests: Path) -> list[str]:
    recorded = json.loads(digests.read_text(encoding="utf-8")) if digests.is_file() else {}
    old, known = recorded.get("material", "?"), recorded.get("digests", {})
    out, expected = [], set()
    for copy in internals.COPIES:
        expected |= {copy.material, *(f"{copy.material}#{name}" for name in _overridden(site, copy))}
        units = _digest_units(site, material, copy)
        if units is None:
            continue
        if known.get(copy.material) == units[copy.material]:
            continue
        path, how = material.root / copy.material, HOW[copy.how] + copy.note
        side_by_side = (
            f"diff -u {path} {copy.site}" if copy.how in ("copies", "replaces") else f"read {path} next to it"
        )
        if copy.material not in known:
            out.append(
                f"No digest of Material's {copy.material} is recorded in {_shown(digests)}, which "
                f"{copy.site} {how}: review {copy.site} against it ({side_by_side}), then record it: {UPDATE}"
            )
            continue
        where = ""
        if copy.how == "extends":
            keys = sorted({key for key in (*units, *known) if key.startswith(copy.material + "#")})
            changed = [key.split("#")[1] for key in keys if known.get(key) != units.get(key)]
            where = (
                f" (blocks {copy.site} overrides: {', '.join(changed)})"
                if changed
                else f" (outside the blocks {copy.site} overrides)"
            )
        if old == material.version:
            change, compare = f"Material {old}'s {copy.material} is not the one recorded{where}", ""
        else:
            change = f"Material {material.version} changed {copy.material}{where} since {old}"
            compare = f"{COMPARE.format(old=old, new=material.version)}, "
        out.append(
            f"{change}, which {copy.site} {how}: see what changed ({compare}file material/{copy.material}) "
            f"and bring {copy.site} up to date ({side_by_side}); then record the new digest in "
            f"{_shown(digests)}: {UPDATE}"
        )
    stale = sorted(set(known) - expected)
    if stale:
        out.append(
            f"{_shown(digests)} records digests of {', '.join(stale)}, which no file of overrides/ copies "
            f"or overrides any more (COPIES of hooks/llmqa/theme/material_internals.py): {UPDATE}"
        )
    return out


def problems(material: Path | None = None, site: Path = ROOT, digests: Path = DIGESTS) -> list[str]:
    """What no longer holds of what the site relies on in Material (the installed one by default)."""
    found = _Material(material or installed_material())
    out = [
        *_asset_problems(found),
        *_shape_problems(found),
        *_script_problems(found),
        *_override_problems(site, found),
        *_digest_problems(site, found, digests),
    ]
    return found.missing_problems() + out


def version(material: Path | None = None) -> str:
    return _Material(material or installed_material()).version


def report(found: list[str], material: Path | None = None) -> str:
    which = f"Material for MkDocs {version(material)}" + (f" ({material})" if material else ", as installed,")
    listed = "\n".join(f"- {problem}" for problem in found)
    return (
        f"{which} differs from what the site relies on in it "
        f"(hooks/llmqa/theme/material_internals.py):\n{listed}\n"
        "make material-check lists these again."
    )


def record_digests(material: Path | None = None, site: Path = ROOT, digests: Path = DIGESTS) -> dict:
    found = _Material(material or installed_material())
    record = {"material": found.version, "digests": dict(sorted(current_digests(site, found).items()))}
    digests.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--material", type=Path, help="a material package folder (default: the installed)")
    parser.add_argument("--update", action="store_true", help="record the digests of the copied templates")
    args = parser.parse_args(argv)
    if args.update:
        record = record_digests(args.material)
        count, recorded = len(record["digests"]), record["material"]
        print(f"Recorded {count} digests of Material {recorded} in {_shown(DIGESTS)}")
    found = problems(args.material)
    if found:
        print(report(found, args.material))
        return 1
    print(f"Material {version(args.material)}: everything the site relies on in it holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
