"""`python -m pdf SITE_DIR`: write each language's PDF into a built site (make pdf).

.venv/bin/python -m pdf site                 # both languages, through the cache
.venv/bin/python -m pdf site --lang en --no-cache
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from llmqa.publishing.pdf_link import pdf_path

from pdf.book import ROOT, language_folders, read_book
from pdf.render import BookError, render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pdf", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--no-cache", action="store_true", help="render even if the cache has the PDF")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} is not a built site: run `make build` first", file=sys.stderr)
        return 2
    folders = language_folders(args.site, args.docs)
    default = next(lang for lang, folder in folders.items() if not folder)
    for lang in args.lang or list(folders):
        start = time.perf_counter()
        try:
            book = read_book(args.site, args.docs, lang)
            target = args.site / pdf_path(lang, default)
            rendered = render(book, target, use_cache=not args.no_cache, site=args.site)
        except BookError as error:
            print(f"PDF ({lang}) not made:\n{error}", file=sys.stderr)
            return 1
        how = f"rendered in {time.perf_counter() - start:.1f} s" if rendered else "from the cache"
        print(f"{target}: {len(book.sections)} sections, {target.stat().st_size / 1e6:.2f} MB, {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
