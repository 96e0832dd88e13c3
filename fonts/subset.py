"""Make the font subsets in fonts/ (`make fonts`) from Debian's Noto fonts.

The social cards (hooks/social_cards.py) and the PDF (pdf/) draw text with these files only, so a build
needs no system font and no download. Each subset keeps the characters of GB 2312 level 1 (the 3,755
most common Chinese characters) for the CJK faces, the Latin, Greek and punctuation blocks, and every
character that the project's own text uses today (docs/, data/, templates, hooks). A character that
is in none of them stops the build with the page that uses it (hooks/font_coverage.py); running this
script again adds it.

Sources: Debian's fonts-noto-cjk (Noto Sans CJK SC) and fonts-noto-core (Noto Sans, Noto Sans Mono),
both under the SIL Open Font License 1.1 (fonts/OFL.txt). `make fonts` installs them with apt-get.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fonts"
CJK = Path("/usr/share/fonts/opentype/noto")
LATIN = Path("/usr/share/fonts/truetype/noto")

# output file: (source file, face name inside a collection or None, character set)
FACES = {
    "noto-sans-sc-regular.woff2": (CJK / "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "cjk"),
    "noto-sans-sc-bold.woff2": (CJK / "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "cjk"),
    "noto-sans-regular.woff2": (LATIN / "NotoSans-Regular.ttf", None, "latin"),
    "noto-sans-bold.woff2": (LATIN / "NotoSans-Bold.ttf", None, "latin"),
    "noto-sans-italic.woff2": (LATIN / "NotoSans-Italic.ttf", None, "latin"),
    "noto-sans-mono-regular.woff2": (LATIN / "NotoSansMono-Regular.ttf", None, "latin"),
}
DEBIAN_PACKAGES = "fonts-noto-cjk fonts-noto-core"

BLOCKS = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A
    (0x0370, 0x03FF),  # Greek
    (0x1D00, 0x1DBF),  # Phonetic Extensions (subscript letters)
    (0x2000, 0x209F),  # General Punctuation, superscripts and subscripts
    (0x2100, 0x22FF),  # Letterlike symbols, number forms, arrows, mathematical operators
    (0x25A0, 0x25FF),  # Geometric shapes
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # Full-width forms
]
TEXT_SOURCES = [
    ("docs", "**/*.md"),
    ("data", "**/*"),
    ("overrides", "**/*.html"),
    ("hooks", "**/*.py"),
    ("pdf", "**/*"),
    (".", "mkdocs.yml"),
]


def gb2312_level1() -> set[str]:
    """GB 2312 level 1: rows 16-55, the 3,755 most frequent characters in modern Chinese."""
    chars = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def project_characters(root: Path = ROOT) -> set[str]:
    chars: set[str] = set()
    for folder, pattern in TEXT_SOURCES:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file() and path.suffix not in (".woff2", ".pyc", ".png"):
                chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c.isprintable()}


def character_set(kind: str, extra: set[str]) -> set[int]:
    chars = {chr(c) for start, end in BLOCKS for c in range(start, end + 1)} | extra
    if kind == "cjk":
        chars |= gb2312_level1()
    return {ord(c) for c in chars}


def load(source: Path, face: str | None) -> TTFont:
    fonts = [TTFont(source)] if face is None else TTCollection(source).fonts
    for font in fonts:
        if face is None or font["name"].getDebugName(1) == face:
            font.recalcTimestamp = False  # the same input makes the same bytes: no diff, no new card keys
            return font
    raise SystemExit(f"{source} has no face named {face!r}")


def make_subset(source: Path, face: str | None, unicodes: set[int], target: Path) -> int:
    font = load(source, face)
    options = subset.Options()
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.drop_tables += ["VORG", "vhea", "vmtx"]  # horizontal text only
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return len(font.getBestCmap())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    missing = [str(source) for source, _, _ in FACES.values() if not source.is_file()]
    if missing:
        print(f"Missing {', '.join(missing)}: apt-get install {DEBIAN_PACKAGES}", file=sys.stderr)
        return 1
    extra = project_characters()
    for name, (source, face, kind) in FACES.items():
        target = args.out / name
        count = make_subset(source, face, character_set(kind, extra), target)
        print(
            f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
            f"{count} characters, {target.stat().st_size / 1000:.0f} KB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
