"""`make serve` (preview/server.py): an edited page is built on its own and shown first, exactly as the
full build then writes it; the full build follows and is served when it has finished; a broken edit is
reported with its file and line while the browser keeps the last good build."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.serve_edit import free_port, wait_until_up
from tests import build_runs
from tests.conftest import build_env, copy_project, mkdocs_config

# Each test builds a copy of the project, the last three behind a preview server on a port of its own:
# one of them at a time (with tests/test_site_build.py's), so two never pick the same free port.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("preview-server")]

# Build once, then for each page: edit it, build the page alone (hooks/page_preview.py), keep what it
# wrote, build the whole site, and compare the two files.
SAME_AS_FULL_BUILD = r"""
import json, os, sys
sys.path.insert(0, "hooks")
import llmqa.build.preview as page_preview
from mkdocs.commands.build import build
from mkdocs.config import load_config

def full_build():
    config = load_config("mkdocs.yml", site_dir="site-out")
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/llm-qa/")

full_build()
results = {}
for path, anchor, added in json.loads(sys.argv[1]):
    text = open(path, encoding="utf-8").read()
    assert anchor in text, (path, anchor)
    open(path, "w", encoding="utf-8").write(text.replace(anchor, anchor + added, 1))
    written = page_preview.rebuild_page(os.path.abspath(path))
    alone = open(written, "rb").read()
    full_build()
    results[path] = {"written": written, "same": alone == open(written, "rb").read(),
                     "shows_edit": added.strip().encode() in alone}
print(json.dumps(results))
"""

EDITS = [
    ("docs/zh/inference-bottlenecks.md", "## 答案 {#answer}\n", "\n新加的一句话，只为测试。\n"),
    ("docs/en/inference-bottlenecks.md", "## Answer {#answer}\n", "\nA sentence added for the test.\n"),
    ("docs/zh/overfitting.md", "## 解析 {#analysis}\n", "\n解析里新加的一句。\n"),
    ("docs/zh/index.md", None, "\nAn added paragraph for the test.\n"),  # None: after the title line
    ("docs/en/translations.md", None, "\nAn added paragraph for the test.\n"),
]


def test_a_page_built_alone_is_the_page_the_full_build_writes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    edits = [
        (path, anchor or re.search(r"\n# .*\n", (project / path).read_text(encoding="utf-8"))[0], added)
        for path, anchor, added in EDITS
    ]
    result = build_runs.run(["-c", SAME_AS_FULL_BUILD, json.dumps(edits)], project, build_env(), 600)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(pages) == sorted(edit[0] for edit in edits)
    for path, page in pages.items():
        assert page["shows_edit"], f"{path}: the page built alone does not have the edit"
        assert page["same"], f"{path}: built alone, {page['written']} differs from the full build's"


ANSWERS = [("zh", "", "## 答案 {#answer}\n"), ("en", "en/", "## Answer {#answer}\n")]


class Server:
    def __init__(self, project: Path, log: Path) -> None:
        self.project, self.log_path = project, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}{urlsplit(mkdocs_config()['site_url']).path}"
        self.process = build_runs.start(
            ["-m", "preview", "--dev-addr", f"127.0.0.1:{self.port}"], project, build_env(), log
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> int:
        return self.log().count("Documentation built in")

    def wait_for_log(self, pattern: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log()):
            if time.monotonic() > deadline:
                raise AssertionError(f"the server never logged {pattern!r}:\n{self.log()[-3000:]}")
            time.sleep(0.1)

    def wait_for_build_after(self, builds: int, timeout: float = 60) -> None:
        """Until the server has logged more than `builds` finished full builds."""
        deadline = time.monotonic() + timeout
        while self.builds() <= builds and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.builds() > builds, self.log()[-3000:]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    running = Server(project, tmp_path / "serve.log")
    try:
        wait_until_up(running.base, running.process, running.log_path)
        yield running
    finally:
        running.stop()


def edit(path: Path, anchor: str, added: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"{path}: no {anchor!r} to edit after"
    path.write_text(text.replace(anchor, anchor + added, 1), encoding="utf-8")


# The page may be between two loads (the preview reloads it): no body yet.
SHOWS_MARKER = "m => document.body !== null && document.body.innerText.includes(m)"


def test_an_edit_is_shown_from_the_page_alone_then_from_the_full_build(server: Server, browser_instance):
    context = browser_instance.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for lang, folder, anchor in ANSWERS:
            page.goto(f"{server.base}{folder}inference-bottlenecks/")
            builds = server.builds()
            marker = f"preview-marker-{lang}-{time.time_ns()}"
            # A change that is not a page, saved with it, is left to the full build.
            data = server.project / "data" / "unused-by-the-build.txt"
            data.write_text(marker, encoding="utf-8")
            edit(server.project / "docs" / lang / "inference-bottlenecks.md", anchor, f"\n{marker}\n")
            page.wait_for_function(SHOWS_MARKER, arg=marker, timeout=30_000)
            server.wait_for_log(rf"Previewed docs/{lang}/inference-bottlenecks\.md in \d+ ms")
            # The full build follows; when it is served, the page reloads and still has the edit.
            server.wait_for_build_after(builds)
            page.wait_for_load_state("load")
            page.wait_for_function(SHOWS_MARKER, arg=marker, timeout=30_000)
        assert dialogs == []
    finally:
        # Not page.close(): closing a page while the preview's reload commits can wait forever
        # (crbug.com/536385539, microsoft/playwright#42366); the context is disposed of at once.
        context.close()
    log = server.log()
    preview = log.index("Previewed docs/zh/inference-bottlenecks.md")
    assert log.find("Documentation built in", preview) > preview, "the full build did not follow the preview"


def test_a_change_that_is_not_a_page_edit_goes_to_the_full_build(server: Server) -> None:
    builds = server.builds()
    stylesheet = server.project / "overrides" / "assets" / "stylesheets" / "site" / "20-reading.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    server.wait_for_build_after(builds)
    assert "Previewed" not in server.log()


def test_a_broken_edit_is_reported_and_the_last_good_build_stays_served(server: Server) -> None:
    import urllib.request

    page = server.project / "docs" / "zh" / "overfitting.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## 题目 {#question}", "## 题目", 1), encoding="utf-8")
    server.wait_for_log(r"The rebuild failed")
    log = server.log()
    assert "Not previewed: docs/zh/overfitting.md:9: heading '## 题目' has no anchor" in log, log[-3000:]
    assert "Previewed" not in log, "a page left out by the section check was shown as previewed"
    assert "docs/zh/overfitting.md:9: heading '## 题目' has no anchor" in log, log[-3000:]
    assert "docs/zh/overfitting.md:" in log, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    with urllib.request.urlopen(f"{server.base}overfitting/", timeout=10) as response:
        served = response.read().decode("utf-8")
    assert response.status == 200
    assert 'id="qa-block-question"' in served or 'id="question"' in served
    # Until it is fixed, every page says so, with the file, the line and the fix.
    assert 'id="llm-qa-build-error"' in served and "docs/zh/overfitting.md:9: heading" in served
    builds = server.builds()
    page.write_text(text, encoding="utf-8")
    server.wait_for_build_after(builds)
    with urllib.request.urlopen(f"{server.base}overfitting/", timeout=10) as response:
        assert 'id="llm-qa-build-error"' not in response.read().decode("utf-8")


def test_the_root_redirects_quietly_and_the_pdf_button_says_how_to_make_the_pdf(server: Server) -> None:
    import urllib.error
    import urllib.request

    root = server.base.split("/llm-qa/")[0] + "/"
    for _ in range(3):
        with urllib.request.urlopen(root, timeout=10) as response:  # follows the redirect to /llm-qa/
            assert response.status == 200 and response.url == server.base
    assert '"GET / HTTP/1.1" code 302' not in server.log(), "a redirect is logged as a WARNING"
    for folder, name, says in (("", "llm-qa-zh.pdf", "make pdf"), ("en/", "llm-qa-en.pdf", "make pdf")):
        with urllib.request.urlopen(f"{server.base}{folder}", timeout=10) as response:
            home = response.read().decode("utf-8")
        link = re.search(rf'<a class="qa-button qa-download__link" href="{name}"[^>]*>', home).group(0)
        assert " download" not in link, link  # a click opens the page below, not a failed download
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{server.base}{folder}{name}", timeout=10)
        page = missing.value.read().decode("utf-8")
        assert missing.value.code == 404 and says in page and f"site/{folder}{name}" in page, page
        assert f'lang="{"en" if folder else "zh"}"' in page
