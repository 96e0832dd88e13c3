"""Which characters the committed fonts (fonts/*.woff2) can draw.

The social cards and the PDF use only these subsets, so a character missing from all of them would come
out as an empty box (tofu) or in whatever font the machine happens to have. Both check their text first
and stop with the page that uses the character and how to fix it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parents[3] / "fonts"
FIX = (
    "run `make fonts` to add them to the font subsets in fonts/ (fonts/subset.py), or write them another way"
)


@cache
def code_points(font: Path) -> frozenset[int]:
    return frozenset(TTFont(font, lazy=True).getBestCmap())


def missing_characters(text: str, fonts: Iterable[Path]) -> list[str]:
    """Characters of `text` that none of `fonts` has, in order of first use (spaces and controls aside)."""
    covered = frozenset().union(*(code_points(font) for font in fonts))
    seen: dict[str, None] = {}
    for char in text:
        if char.isspace() or not char.isprintable() or ord(char) in covered:
            continue
        seen.setdefault(char, None)
    return list(seen)


def describe(chars: Iterable[str]) -> str:
    """'ć' (U+0107 LATIN SMALL LETTER C WITH ACUTE), ..."""
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)


def coverage_error(where: str, what: str, chars: list[str]) -> str:
    return f"{where}: {what} uses characters that no font in fonts/ has: {describe(chars)}; {FIX}."
