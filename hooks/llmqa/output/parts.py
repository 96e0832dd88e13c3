"""The site's one script and one stylesheet, kept as parts and joined by the build.

`assets/javascripts/reading.js` and `assets/stylesheets/site.css` (one file each, so that a page makes
one request for each) are written by the build: the source of each is a folder of the theme's
custom_dir (`assets/javascripts/reading/`, `assets/stylesheets/site/`), one file per feature part
(`00-shared.js` ... `55-cite.js`; `00-site.css`, `10-a11y.css`, `20-reading.css`), each
beginning with that part's own header comment. The parts, read in name order as UTF-8 and concatenated
with nothing between them, are the file byte for byte; a part is a piece of that one file, not a file
of its own (variables such as qaChoice are shared across the script's parts), so the parts themselves
stay out of the site. Edit the parts, never the joined file. Plain Python, no MkDocs import.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# Joined file → folder of its parts, both relative to the theme's custom_dir.
JOINED: dict[str, str] = {
    "assets/javascripts/reading.js": "assets/javascripts/reading",
    "assets/stylesheets/site.css": "assets/stylesheets/site",
}

_PART_FOLDERS = {PurePosixPath(folder): PurePosixPath(joined).suffix for joined, folder in JOINED.items()}


def _parts(folder: Path, suffix: str) -> list[Path]:
    """The part files directly in `folder`, in name order."""
    return sorted((path for path in folder.glob(f"*{suffix}") if path.is_file()), key=lambda path: path.name)


def joined_file(folder: Path, suffix: str = ".js") -> str:
    """The parts in `folder` (its files ending in `suffix`) in name order, read as UTF-8 and concatenated.

    Raises ValueError when the folder holds no part.
    """
    parts = _parts(folder, suffix)
    if not parts:
        raise ValueError(f"no part (*{suffix}) in {folder}: nothing to join")
    # Bytes decoded as they are: read_text would turn a part's \r\n into \n.
    return "".join(path.read_bytes().decode("utf-8") for path in parts)


def is_part(path: str) -> bool:
    """Whether a theme-relative path (e.g. "assets/javascripts/reading/20-permalinks.js") is a part."""
    relative = PurePosixPath(path.replace("\\", "/"))
    return _PART_FOLDERS.get(relative.parent) == relative.suffix
