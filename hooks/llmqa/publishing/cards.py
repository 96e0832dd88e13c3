"""Draw a page's link-preview card: a 1200×630 PNG in the page's language.

What a card shows: the site's name, the section's number ("第 1 节 · 共 20 节", "Section 1 of 20"), its
title, its question (one or two lines), the four block names in their colours and the site's address.
Text is drawn with the committed font subsets (fonts/), CJK with Noto Sans CJK SC and Latin with Noto
Sans, each character in the first face of the language's list that has it; a character that none has
is reported by hooks/font_coverage.py before anything is drawn.

Drawing a card takes a few tens of milliseconds; hooks/social_card_hook.py keeps cards in a cache keyed
by `card_key`, so a card is redrawn only when what it shows, the fonts or this file change.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from llmqa.publishing.fonts import FONT_DIR

# The drawing code is part of a card's key: any change to this file redraws every card.
RENDERER = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
RAMP = 8  # shades from the background to each colour: the edges of anti-aliased text and shapes

BACKGROUND = (40, 53, 147)  # indigo 800, the site's primary colour family
TEXT = (255, 255, 255)
SUMMARY = (232, 234, 246)
MUTED = (197, 202, 233)
BLOCK_COLORS = [(159, 168, 218), (165, 214, 167), (255, 204, 128), (206, 147, 216)]  # as on the dark palette

REGULAR = {
    "zh": ("noto-sans-sc-regular.woff2", "noto-sans-regular.woff2"),
    "en": ("noto-sans-regular.woff2", "noto-sans-sc-regular.woff2"),
}
BOLD = {
    "zh": ("noto-sans-sc-bold.woff2", "noto-sans-bold.woff2"),
    "en": ("noto-sans-bold.woff2", "noto-sans-sc-bold.woff2"),
}
TITLE_SIZES = (68, 60, 52, 46)
TITLE_LINES = 3
SUMMARY_SIZE = 32
BODY_TOP, BODY_BOTTOM = 150, 500  # between the header and the bottom row

# A token is a run of non-CJK, non-space characters with the spaces after it (a word), a run of spaces,
# or one CJK character or CJK punctuation mark: lines break between tokens.
CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
TOKEN = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+\s*|\s+|.")
NO_LINE_START = set("，。、：；！？）」』》〉】…—,.;:!?)")


@dataclass(frozen=True)
class Card:
    lang: str
    site_name: str
    kicker: str  # the section's number, or what the page is
    title: str
    summary: str  # the question, or the site's description
    labels: tuple[str, ...]  # the four block names
    footer: str  # the site's address without the scheme

    def text(self) -> str:
        return "\n".join(
            [self.site_name, self.kicker, self.title, self.summary, *self.labels, self.footer, "…"]
        )

    def font_files(self) -> list[Path]:
        return [FONT_DIR / name for name in (*REGULAR[self.lang], *BOLD[self.lang])]


@lru_cache(maxsize=16)
def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card_key(card: Card) -> str:
    """Names what is drawn: the card's text, the fonts and the drawing code."""
    fonts = [_digest(path) for path in sorted(set(card.font_files()))]
    data = json.dumps([RENDERER, asdict(card), fonts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


@lru_cache(maxsize=1)
def _palette() -> Image.Image:
    """A palette of the background and RAMP shades towards each colour drawn on it. Mapping a card to
    it keeps every edge smooth (anti-aliasing only blends a colour with the background) and makes a
    PNG of about 20 KB, in a few milliseconds rather than the 0.2 s of an adaptive palette."""
    colors = [BACKGROUND]
    for color in (TEXT, SUMMARY, MUTED, *BLOCK_COLORS):
        for step in range(1, RAMP + 1):
            colors.append(
                tuple(round(b + (c - b) * step / RAMP) for b, c in zip(BACKGROUND, color, strict=True))
            )
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for color in colors for value in color])
    return palette


@lru_cache(maxsize=64)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


@lru_cache(maxsize=16)
def _code_points(name: str) -> frozenset[int]:
    from llmqa.publishing.fonts import code_points

    return code_points(FONT_DIR / name)


class Face:
    """A list of font files at one size; each character is drawn with the first file that has it."""

    def __init__(self, names: tuple[str, ...], size: int):
        self.names = names
        self.size = size

    def runs(self, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        runs: list[tuple[str, str]] = []
        for char in text:
            name = next((n for n in self.names if ord(char) in _code_points(n)), self.names[0])
            if char.isspace() and runs:
                name = runs[-1][0]
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + char)
            else:
                runs.append((name, char))
        return [(_font(name, self.size), part) for name, part in runs]

    def width(self, text: str) -> float:
        return sum(font.getlength(part) for font, part in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: float, text: str, fill) -> float:
        """Draws `text` with its left end at x on the baseline; returns where it ends."""
        for font, part in self.runs(text):
            draw.text((x, baseline), part, font=font, fill=fill, anchor="ls")
            x += font.getlength(part)
        return x


def wrap(text: str, face: Face, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most `width` pixels, broken between words and between CJK characters, with closing
    punctuation allowed to hang past the end of a line rather than start the next; when the text
    needs more than `max_lines`, the last line ends in "…". Returns the lines and whether it was cut."""
    tokens = TOKEN.findall(" ".join(text.split()))
    lines: list[str] = []
    line = ""
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not line and token.isspace():
            index += 1
            continue
        candidate_width = face.width((line + token).rstrip())
        if candidate_width <= width or (token[0] in NO_LINE_START and candidate_width <= width + face.size):
            line += token
            index += 1
        elif not line:  # a word longer than a line: break it between characters
            tokens[index : index + 1] = list(token)
            if len(token) == 1:
                line, index = token, index + 1
        else:
            lines.append(line.rstrip())
            line = ""
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) <= max_lines:
        return lines, False
    return _ellipsize(lines[:max_lines], face, width), True


def balanced(text: str, face: Face, width: float, lines: int) -> list[str]:
    """The same number of lines, as even in length as can be: the narrowest width that still needs
    no more lines (so a title does not end with one short word or character on its last line)."""
    low, high = width / lines, width
    while high - low > 4:
        middle = (low + high) / 2
        if wrap(text, face, middle, lines)[1]:
            low = middle
        else:
            high = middle
    return wrap(text, face, high, lines)[0]


def _ellipsize(lines: list[str], face: Face, width: float) -> list[str]:
    last = lines[-1]
    while last and face.width(last + "…") > width:
        # back to the previous word in Latin text, the previous character in CJK
        last = last[:-1] if CJK.match(last[-1]) or " " not in last else last[: last.rindex(" ")]
    lines[-1] = last.rstrip(" ，、：；,;:") + "…"
    return lines


def _logo(draw: ImageDraw.ImageDraw, x: int, y: int, size: int) -> None:
    """The site's logo (assets/images/favicon.svg): a speech bubble with two lines of text."""
    unit = size / 24
    draw.rounded_rectangle(
        (x + 2 * unit, y + 3 * unit, x + 22 * unit, y + 18 * unit), radius=2 * unit, fill=TEXT
    )
    draw.polygon(
        [(x + 10 * unit, y + 17 * unit), (x + 10 * unit, y + 22 * unit), (x + 15 * unit, y + 17 * unit)],
        fill=TEXT,
    )
    draw.rectangle((x + 7 * unit, y + 7 * unit, x + 17 * unit, y + 9 * unit), fill=BACKGROUND)
    draw.rectangle((x + 7 * unit, y + 11 * unit, x + 14 * unit, y + 13 * unit), fill=BACKGROUND)


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    regular, bold = REGULAR[card.lang], BOLD[card.lang]
    _stripe(draw)
    _header(draw, card, regular, bold)
    _title_and_summary(draw, card, regular, bold)
    _bottom_row(draw, card, regular)
    return _png(image, card)


def _stripe(draw: ImageDraw.ImageDraw) -> None:
    """A stripe in the four block colours across the top."""
    stripe = WIDTH / len(BLOCK_COLORS)
    for index, color in enumerate(BLOCK_COLORS):
        draw.rectangle((round(index * stripe), 0, round((index + 1) * stripe), 11), fill=color)


def _header(draw: ImageDraw.ImageDraw, card: Card, regular: tuple[str, ...], bold: tuple[str, ...]) -> None:
    """The logo and the site's name on the left, the kicker (the section's number) on the right."""
    _logo(draw, MARGIN, 58, 56)
    Face(bold, 36).draw(draw, MARGIN + 72, 102, card.site_name, TEXT)
    if card.kicker:
        kicker = Face(regular, 30)
        kicker.draw(draw, WIDTH - MARGIN - kicker.width(card.kicker), 102, card.kicker, MUTED)


def _title_lines(title: str, bold: tuple[str, ...], width: float) -> tuple[Face, list[str]]:
    """The largest title size that fits in TITLE_LINES lines, balanced; else the smallest, cut."""
    for size in TITLE_SIZES:
        title_face = Face(bold, size)
        title_lines, cut = wrap(title, title_face, width, TITLE_LINES)
        if not cut:
            title_lines = balanced(title, title_face, width, len(title_lines))
            break
    return title_face, title_lines


def _title_and_summary(
    draw: ImageDraw.ImageDraw, card: Card, regular: tuple[str, ...], bold: tuple[str, ...]
) -> None:
    """The title, and as much of the summary as fits under it (at most 3 lines), centred in the space
    between the header and the bottom row."""
    inner = WIDTH - 2 * MARGIN
    title_face, title_lines = _title_lines(card.title, bold, inner)
    title_height = round(title_face.size * 1.25)
    summary_face = Face(regular, SUMMARY_SIZE)
    summary_height = round(SUMMARY_SIZE * 1.5)
    gap = round(SUMMARY_SIZE * 0.9)
    room = (BODY_BOTTOM - BODY_TOP - len(title_lines) * title_height - gap) // summary_height
    summary_lines = (
        wrap(card.summary, summary_face, inner, min(room, 3))[0] if card.summary and room > 0 else []
    )
    height = len(title_lines) * title_height + (
        gap + len(summary_lines) * summary_height if summary_lines else 0
    )
    top = BODY_TOP + (BODY_BOTTOM - BODY_TOP - height) // 2
    baseline = top + round(title_face.size * 1.05)
    for line in title_lines:
        title_face.draw(draw, MARGIN, baseline, line, TEXT)
        baseline += title_height
    baseline += gap - title_height + summary_height
    for line in summary_lines:
        summary_face.draw(draw, MARGIN, baseline, line, SUMMARY)
        baseline += summary_height


def _bottom_row(draw: ImageDraw.ImageDraw, card: Card, regular: tuple[str, ...]) -> None:
    """The four blocks in their colours, and the site's address."""
    label_face = Face(regular, 28)
    x = MARGIN
    for label, color in zip(card.labels, BLOCK_COLORS, strict=False):
        draw.ellipse((x, 560 - 20, x + 16, 560 - 4), fill=color)
        x = label_face.draw(draw, x + 26, 560, label, TEXT) + 36
    footer_face = Face(regular, 26)
    footer_face.draw(draw, WIDTH - MARGIN - footer_face.width(card.footer), 560, card.footer, MUTED)


def _png(image: Image.Image, card: Card) -> bytes:
    """The image in the card's palette, as PNG with its title and description as text chunks."""
    palette = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    info = PngInfo()
    info.add_itxt("Title", card.title, lang=card.lang)
    info.add_itxt("Description", card.summary, lang=card.lang)
    out = io.BytesIO()
    palette.save(out, "PNG", pnginfo=info)
    return out.getvalue()
