"""`mkdocs serve`, with an edited page shown before the whole site is built again.

MkDocs's server polls for changes every 0.5 s, then builds both languages (about 1.5 s here) into the
folder it serves, holding every request until the build ends, and only then reloads the browser. This
one polls every 0.2 s and builds into the other of two folders while it keeps serving the last good
build from the first. When pages the last full build knows were edited, it first builds just those
pages into the served folder (hooks/page_preview.py, about 25 ms each) and reloads the browser; then
it builds the whole site, serves the new folder and reloads the browser again, so search, nav titles
and the other language catch up a second later. Other changes (a new page, mkdocs.yml, a template, a
hook) are shown by that full build only.

The build loop below is MkDocs 1.6's (mkdocs/livereload/__init__.py) with those two changes; it uses
the server's own fields for the reload epoch, which is why requirements/site.lock pins MkDocs exactly.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import watchdog.events
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url, _timestamp

ROOT = Path(__file__).resolve().parent.parent

from llmqa.build import preview as page_preview  # noqa: E402  (what the pipeline keeps of each build)

log = logging.getLogger("mkdocs.preview")
POLLING_INTERVAL = 0.2


OVERLAY_TITLE = {
    "zh": "构建失败：这一页所在的网站版本未更新",
    "en": "The build failed: this is the last good build",
}
OVERLAY_FIX = {
    "zh": "改好下面的问题并保存，页面会自动刷新。",
    "en": "Fix what is listed below and save: the page reloads by itself.",
}
OVERLAY = (
    '<div id="llm-qa-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;z-index:10000;'
    "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.2rem;background:#b71c1c;color:#fff;"
    'font:15px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.4)">'
    '<strong style="font-size:17px">{title}</strong><p style="margin:.3rem 0">{fix}</p>'
    '<pre style="white-space:pre-wrap;margin:0;font:13px/1.5 ui-monospace,monospace">{problems}</pre></div>'
)


PDF_PAGE = {
    "zh": (
        "预览中没有 PDF",
        "make serve 不生成 PDF（它需要整站构建，约半分钟）。运行 <code>make pdf</code>，"
        "PDF 会写到 <code>site/{name}</code>；部署的网站上，这个按钮直接下载它。",
    ),
    "en": (
        "No PDF in the preview",
        "make serve does not make the PDF (it takes a whole build, about half a minute). Run "
        "<code>make pdf</code>: the PDF is written to <code>site/{name}</code>; on the deployed site this "
        "button downloads it.",
    ),
}


def pdf_page(rel_path: str) -> bytes:
    """What the PDF button opens under make serve: how to make the PDF, in the page's language."""
    lang = "en" if rel_path.startswith("en/") else "zh"
    title, text = PDF_PAGE[lang]
    name = html.escape(rel_path)
    return (
        f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{title}</title>'
        f'<body style="font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">'
        f"<h1>{title}</h1><p>{text.format(name=name)}</p></body></html>"
    ).encode()


class _Redirects(logging.Filter):
    """MkDocs's server logs every answer but 200 as a WARNING: a redirect (`/` to `/llm-qa/`, a page
    without its `/`) is what it should be, not a warning; a missing file still is one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and " code 30" in record.getMessage())


class _ErrorLines(logging.Handler):
    """The errors a build logs (the section check's report, with file, line and fix)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("Aborted with"):  # MkDocs's own closing line says nothing more
            self.lines.append(message)


class PreviewServer(LiveReloadServer):
    def __init__(self, *args, page_builder: Callable[[str], str], **kwargs) -> None:
        super().__init__(*args, polling_interval=POLLING_INTERVAL, **kwargs)
        self.page_builder = page_builder
        self._changed: set[str] = set()
        self.build_error: str | None = None  # what the last build refused, shown on every page until fixed

    def _serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.endswith(".pdf") and path.startswith(self.mount_path):
            rel = path[len(self.mount_path) :].lstrip("/")
            if not Path(self.root, rel).is_file():
                start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
                return [pdf_page(rel)]
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch) -> bytes:
        """As MkDocs's, and, while the last build failed, an overlay with its report: the browser never
        shows a page the check refuses as if it were fine."""
        content = super()._inject_js_into_html(content, epoch)
        if self.build_error is None:
            return content
        lang = "en" if b'<html lang="en"' in content[:2000] else "zh"
        overlay = OVERLAY.format(
            title=html.escape(OVERLAY_TITLE[lang]),
            fix=html.escape(OVERLAY_FIX[lang]),
            problems=html.escape(self.build_error),
        ).encode()
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        return content[:body_end] + overlay + content[body_end:]

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As LiveReloadServer.watch, and each changed file's path is kept for the page step."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def callback(event: watchdog.events.FileSystemEvent) -> None:
            if event.is_directory:
                return
            with self._rebuild_cond:
                self._changed.add(os.fsdecode(getattr(event, "dest_path", "") or event.src_path))
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _show(self, root: str | None = None) -> None:
        """Serve `root` (a finished build) from now on, if given, and reload the browsers."""
        with self._epoch_cond:
            log.info("Reloading browsers")
            if root is not None:
                self.root = root
            # Requests wait while these two differ: they never do here, the served folder is complete.
            self._wanted_epoch = self._visible_epoch = _timestamp()
            self._epoch_cond.notify_all()

    def _preview_pages(self, changed: set[str]) -> None:
        """Build the changed pages alone and show them; whatever else changed waits for the full build
        that always follows (an editor's swap file next to a page does not stop the preview)."""
        start = time.perf_counter()
        shown = []
        for path in sorted(p for p in changed if p.endswith(".md")):
            try:
                self.page_builder(path)
            except page_preview.NotPreviewableError as reason:
                log.info(f"Not previewed: {reason}")
                continue
            except Exception as error:  # the full build that follows reports it, with file and line
                log.info(f"Not previewed: {os.path.relpath(path)} ({type(error).__name__})")
                continue
            shown.append(os.path.relpath(path))
        if shown:
            took = (time.perf_counter() - start) * 1000
            log.info(f"Previewed {', '.join(shown)} in {took:.0f} ms; building the whole site")
            self._show()

    def _build_loop(self) -> None:
        while True:
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                    lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay
                ):
                    pass
                if self._shutdown:
                    break
                log.info("Detected file changes")
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    log.debug("Waiting for file changes to stop happening")
                changed, self._changed = self._changed, set()
                self._want_rebuild = False

            self._preview_pages(changed)
            errors = _ErrorLines()
            logging.getLogger("mkdocs").addHandler(errors)
            try:
                root = self.builder()
            except Exception as error:
                if isinstance(error, MkDocsException):  # the build's own message names file and line
                    log.error(str(error))
                else:
                    traceback.print_exc()
                self.build_error = "\n".join(errors.lines) or f"{type(error).__name__}: {error}"
                log.error("The rebuild failed (above); the browser shows it over the last good build.")
                self._show()
                continue
            finally:
                logging.getLogger("mkdocs").removeHandler(errors)
            self.build_error = None
            self._show(root)


def serve(config_file: str | None = None, dev_addr: str | None = None) -> None:
    """What `mkdocs serve` does (mkdocs/commands/serve.py), with PreviewServer."""
    folders = [tempfile.mkdtemp(prefix="mkdocs_"), tempfile.mkdtemp(prefix="mkdocs_")]
    options = {"dev_addr": dev_addr} if dev_addr else {}
    config = load_config(config_file=config_file, site_dir=folders[0], **options)
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    builds = 0

    def builder(config=None) -> str:
        """A full build into the folder that is not being served; returns that folder."""
        nonlocal builds
        log.info("Building documentation...")
        site_dir = folders[builds % 2]
        if config is None:
            config = load_config(config_file=config_file, site_dir=site_dir, **options)
            config.site_url = serve_url
        build(config, serve_url=serve_url)
        builds += 1
        return site_dir

    server = PreviewServer(
        builder=builder,
        host=host,
        port=port,
        root=folders[0],
        mount_path=mount_path,
        page_builder=page_preview.rebuild_page,
    )

    def error_handler(code: int) -> bytes | None:
        page = Path(server.root, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    logging.getLogger("mkdocs.livereload").addFilter(_Redirects())
    try:
        server.root = builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
