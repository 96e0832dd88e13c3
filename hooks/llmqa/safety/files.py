"""Which files may come from docs/: Markdown pages in the language folders and images in known places.

MkDocs copies every file of docs/ into the site, whatever it is, and follows symbolic links while it
walks the folder. So a contribution could publish an HTML page or a script of its own, an SVG that
runs script, or (through a link) a file from outside the repository. This module walks docs/ without
following links and allows only:

- `<language>/<name>.md`: the pages;
- images (PNG, JPEG, WebP, GIF, each read to check it is what its name says, at most MAX_IMAGE_BYTES)
  in `assets/images/` and `<language>/images/`.

Everything else is refused with a message: other file types (.html, .js, .svg, .css...), hidden files,
names that are not lowercase ASCII, symbolic links, and anything that is not a regular file (a FIFO
or a device would hang a reader). It never opens such a file.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from llmqa.safety.messages import non_ascii_note, shown

MAX_PAGE_BYTES = 100 * 1024
# Page names the site makes itself: a file of that name would take its place or collide with it.
RESERVED_PAGES = {
    "404.md": "the page for a missing address, overrides/404.html",
    "glossary.md": "made from data/glossary.tsv",
}
MAX_IMAGE_BYTES = 500 * 1024
IMAGE_FOLDERS = ("assets/images", "{language}/images")
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)+$")
FOLDER_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ALLOWED = (
    "Markdown pages (docs/<language>/<name>.md) and PNG, JPEG, WebP or GIF images in docs/assets/images/ "
    "or docs/<language>/images/"
)


@dataclass
class DocsFiles:
    """What docs/ holds: the Markdown pages by language, and the problems with everything else."""

    pages: dict[str, list[Path]] = field(default_factory=dict)  # language -> its .md files, sorted
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path from the project root, message)
    refused_pages: set[Path] = field(default_factory=set)  # .md files there but not read


def scan(docs_dir: Path, root: Path, languages: list[str]) -> DocsFiles:
    """Walk docs/ (never following links) and sort its files into pages and problems."""
    found = DocsFiles(pages={language: [] for language in languages})
    image_folders = {folder.format(language=language) for folder in IMAGE_FOLDERS for language in languages}

    def rel(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.name

    def refuse(path: Path, message: str) -> None:
        found.problems.append((rel(path), message))

    stack = [docs_dir]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            refuse(folder, f"this folder cannot be read ({error.strerror or 'error'}): check its permissions")
            continue
        for entry in entries:
            path = Path(entry.path)
            inside = path.relative_to(docs_dir).as_posix()
            name_problem = _name_problem(entry.name, entry.is_dir(follow_symlinks=False))
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as error:
                refuse(path, f"this file cannot be read ({error.strerror or 'error'})")
                continue
            if stat.S_ISLNK(mode):
                refuse(
                    path,
                    "symbolic links are not allowed in docs/ (one could publish a file from outside the "
                    "repository): replace the link with the file itself",
                )
            elif stat.S_ISDIR(mode):
                if name_problem:
                    refuse(path, name_problem)
                else:
                    stack.append(path)
            elif not stat.S_ISREG(mode):
                refuse(path, "this is not a regular file (a device, a pipe or a socket): remove it")
            elif name_problem:
                refuse(path, name_problem)
            else:
                _sort_file(
                    path, inside, entry.stat(follow_symlinks=False).st_size, image_folders, found, refuse
                )
    for pages in found.pages.values():
        pages.sort()
    return found


def _name_problem(name: str, is_dir: bool) -> str | None:
    pattern = FOLDER_RE if is_dir else NAME_RE
    if pattern.match(name):
        return None
    kind = "folder" if is_dir else "file"
    if name.startswith("."):
        return f"hidden {kind} '{shown(name)}' is not allowed in docs/: remove it"
    return (
        f"{kind} name '{shown(name)}'{non_ascii_note(name)} is not allowed: use lowercase ASCII letters, "
        "digits, '-' and '_'" + ("" if is_dir else " and a lowercase extension, e.g. 'figure-1.png'")
    )


def _sort_file(path: Path, inside: str, size: int, image_folders: set[str], found: DocsFiles, refuse) -> None:
    folder, _, name = inside.rpartition("/")
    suffix = Path(name).suffix
    if suffix == ".md":
        language = folder.split("/", 1)[0] if folder else ""
        if language not in found.pages:
            refuse(path, f"pages live in a language folder ({', '.join(found.pages)}): move this file there")
        elif folder == language and name in RESERVED_PAGES:
            refuse(path, f"'{name}' is the site's own page ({RESERVED_PAGES[name]}): choose another name")
        elif size > MAX_PAGE_BYTES:
            found.refused_pages.add(path)
            refuse(
                path,
                f"this page is {size // 1024} KB, over the limit of {MAX_PAGE_BYTES // 1024} KB: "
                "a section is a few KB of text; split or shorten it",
            )
        else:
            found.pages[language].append(path)
        return
    if suffix not in IMAGE_SIGNATURES:
        refuse(path, f"files of type '{shown(suffix or name)}' are not allowed in docs/: it holds {ALLOWED}")
        return
    if folder not in image_folders:
        refuse(path, "images live in docs/assets/images/ or docs/<language>/images/: move this file there")
        return
    if size > MAX_IMAGE_BYTES:
        refuse(
            path,
            f"this image is {size // 1024} KB, over the limit of {MAX_IMAGE_BYTES // 1024} KB: compress it",
        )
        return
    with path.open("rb") as file:
        head = file.read(16)
    signatures = IMAGE_SIGNATURES[suffix]
    if not head.startswith(signatures) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        refuse(
            path, f"this file is not a {suffix[1:].upper()} image, whatever its name says: re-save it as one"
        )
