"""Serve a built site as GitHub Pages does: under site_url's path, gzipped, 404.html for misses.

Used by the browser tests and the benchmarks; `python -m tests.site_server SITE_DIR` serves by hand.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import threading
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _Handler(http.server.BaseHTTPRequestHandler):
    def __init__(self, *args, root: Path, prefix: str, gzipped: dict, **kwargs):
        self.root = root
        self.prefix = prefix
        self.gzipped = gzipped  # (path, mtime, size) -> body: a browser test asks for the same files often
        super().__init__(*args, **kwargs)

    def _gzip(self, target: Path, body: bytes) -> bytes:
        stat = target.stat()
        key = (str(target), stat.st_mtime_ns, stat.st_size)
        if key not in self.gzipped:
            self.gzipped[key] = gzip.compress(body, 6)
        return self.gzipped[key]

    def log_message(self, format: str, *args) -> None:
        pass

    def _resolve(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        target = (self.root / rel).resolve()
        if self.root not in target.parents and target != self.root:
            return None
        if target.is_dir():
            if not path.endswith("/"):
                return target  # redirected below
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        target = self._resolve()
        if target is not None and target.is_dir():
            self.send_response(301)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.end_headers()
            return
        status = 200
        if target is None:
            status = 404
            target = self.root / "404.html"
        body = target.read_bytes()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_header("Content-Type", ctype)
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self._gzip(target, body)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def start(site_dir: Path, prefix: str, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving in a daemon thread; return the server and the site's base URL."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = partial(_Handler, root=site_dir.resolve(), prefix=prefix, gzipped={})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--prefix", default="/llm-qa/")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    server, url = start(args.site_dir, args.prefix, args.port)
    print(f"Serving {args.site_dir} at {url}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
