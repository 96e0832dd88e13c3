"""The site's scripts that are kept as parts and joined by the build.

`assets/javascripts/reading.js` (one file, so that a page makes one request for it) is written by the
build: its source is the folder `assets/javascripts/reading/` of the theme's custom_dir, one file per
feature part (`00-shared.js`, `10-language-switch.js` ... `60-report-links.js`), each beginning with
that part's own header comment. The parts, read in name order as UTF-8 and concatenated with nothing
between them, are the script byte for byte; a part is a piece of that one script, not a script of its
own (variables such as qaChoice are shared across parts), so the parts themselves stay out of the site.
Edit the parts, never the joined file. Plain Python, no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# Joined file → folder of its parts, both relative to the theme's custom_dir.
SCRIPT_PARTS: dict[str, str] = {"assets/javascripts/reading.js": "assets/javascripts/reading"}

_PART_FOLDERS = frozenset(PurePosixPath(folder) for folder in SCRIPT_PARTS.values())


def _parts(folder: Path) -> list[Path]:
    """The part files directly in `folder`, in name order."""
    return sorted((path for path in folder.glob("*.js") if path.is_file()), key=lambda path: path.name)


def joined_script(folder: Path) -> str:
    """The parts in `folder` (its `*.js` files) in name order, read as UTF-8 and concatenated.

    Raises ValueError when the folder holds no part.
    """
    parts = _parts(folder)
    if not parts:
        raise ValueError(f"no script part (*.js) in {folder}: nothing to join")
    # Bytes decoded as they are: read_text would turn a part's \r\n into \n.
    return "".join(path.read_bytes().decode("utf-8") for path in parts)


def is_part(path: str) -> bool:
    """Whether a theme-relative path (e.g. "assets/javascripts/reading/20-permalinks.js") is a part."""
    relative = PurePosixPath(path.replace("\\", "/"))
    return relative.suffix == ".js" and relative.parent in _PART_FOLDERS
