"""Text from a contribution, made safe and clear to print in a report (terminal, CI log, annotation).

A report line quotes what a contributor wrote: a heading, an id, a URL, a piece of markup. Printed as
is, a newline in it would start a line of its own (and one that starts with `::` is a GitHub workflow
command), and an invisible character would be invisible in the message too. So every character that
is not plainly visible is written as its code point and name (`U+200B ZERO WIDTH SPACE`), and a
non-ASCII character in a text that must be ASCII (an id, an anchor, a URL scheme) is named as well,
since it usually is a look-alike (Cyrillic `а` for Latin `a`).
"""

from __future__ import annotations

import unicodedata

# Categories that print as nothing or move the cursor: controls, format characters (zero-width,
# bidirectional overrides), separators other than the plain space, private use, unassigned.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs", "Co", "Cn", "Cs"})
# Unicode gives control characters no name; these are their names in ISO 6429.
_C0_NAMES = (
    (
        "NULL START OF HEADING|START OF TEXT|END OF TEXT|END OF TRANSMISSION|ENQUIRY|ACKNOWLEDGE|BELL|"
        "BACKSPACE|CHARACTER TABULATION|LINE FEED|LINE TABULATION|FORM FEED|CARRIAGE RETURN|SHIFT OUT|"
        "SHIFT IN|DATA LINK ESCAPE|DEVICE CONTROL ONE|DEVICE CONTROL TWO|DEVICE CONTROL THREE|"
        "DEVICE CONTROL FOUR|NEGATIVE ACKNOWLEDGE|SYNCHRONOUS IDLE|END OF TRANSMISSION BLOCK|CANCEL|"
        "END OF MEDIUM|SUBSTITUTE|ESCAPE|INFORMATION SEPARATOR FOUR|INFORMATION SEPARATOR THREE|"
        "INFORMATION SEPARATOR TWO|INFORMATION SEPARATOR ONE"
    )
    .replace("NULL START", "NULL|START")
    .split("|")
)
_NAMES = {chr(code): name for code, name in enumerate(_C0_NAMES)} | {"\x7f": "DELETE"}


def code_point(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        name = "C1 CONTROL CHARACTER" if 0x80 <= ord(char) <= 0x9F else "UNNAMED CHARACTER"
    return f"U+{ord(char):04X} {name}"


def is_hidden(char: str) -> bool:
    return char != " " and unicodedata.category(char) in _HIDDEN_CATEGORIES


def shown(text: str, limit: int | None = None) -> str:
    """`text` on one line, each hidden character as ⟨U+XXXX NAME⟩; cut to `limit` characters if given."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"⟨{code_point(c)}⟩" if is_hidden(c) else c for c in text)


def non_ascii_note(text: str) -> str:
    """' (it contains U+0430 CYRILLIC SMALL LETTER A)' for a text that should be ASCII, else ''."""
    found = list(dict.fromkeys(c for c in text if not c.isascii() and not is_hidden(c)))
    if not found:
        return ""
    return " (it contains " + ", ".join(code_point(c) for c in found[:3]) + ")"


def report_line(line: str) -> str:
    """A line of a report as printed: one line, and never one that a CI log would run as a command."""
    line = shown(line)
    return " " + line if line.startswith("::") else line
