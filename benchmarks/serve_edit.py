"""How long the live-reloading server takes to show an edit: from saving a section's Markdown to the new
text in the browser that has the page open, and how much of that is the full rebuild.

A copy of the project is served by `python -m preview` (what `make serve` runs: preview/server.py,
which builds the edited page first) and, for comparison, by plain `mkdocs serve`; chromium opens
section 1 in Chinese; each run changes one sentence of its answer and waits until the page in the
browser shows it. The first edit after the server starts is not counted (Python's imports and
jieba's dictionary are loaded by then in any session that edits). Aim (issue 14): ≤ 1 s. Usage:

    .venv/bin/python benchmarks/serve_edit.py [--runs N]
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import browser as browser_mod  # noqa: E402
from tests.conftest import build_env, copy_project, mkdocs_config  # noqa: E402

AIM_SECONDS = 1.0
PAGE = Path("docs") / "zh" / "inference-bottlenecks.md"
REBUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
SERVERS = {
    "make serve": ["-m", "preview"],
    "mkdocs serve": ["-m", "mkdocs", "serve"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            last = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            raise SystemExit(
                f"{' '.join(server.args[1:3])} stopped (exit {server.returncode}) before serving {url}; "
                "its last lines:\n" + "\n".join(last)
            )
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"mkdocs serve did not serve {url} within {timeout:.0f} s")


def rebuild_times(log: Path) -> list[float]:
    return [float(seconds) for seconds in REBUILT.findall(log.read_text(encoding="utf-8", errors="replace"))]


def measure(runs: int) -> dict[str, dict]:
    """For each server: seconds from save to the new text on screen, per counted run, and the full
    rebuilds' own times."""
    return {name: measure_server(arguments, runs) for name, arguments in SERVERS.items()}


def measure_server(arguments: list[str], runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project)
        prefix = mkdocs_config()["site_url"].split("://", 1)[1].split("/", 1)[1].strip("/")
        port = free_port()
        log = Path(tmp) / "serve.log"
        with log.open("w", encoding="utf-8") as out:
            server = subprocess.Popen(
                [sys.executable, *arguments, "--dev-addr", f"127.0.0.1:{port}"],
                cwd=project,
                env=build_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}/{prefix}/inference-bottlenecks/"
        try:
            wait_until_up(url, server, log)
            page_file = project / PAGE
            original = page_file.read_text(encoding="utf-8")
            anchor = "\n## 答案 {#answer}\n"
            if anchor not in original:
                raise SystemExit(f"{PAGE}: no '## 答案 {{#answer}}' heading to edit after")
            shown: list[float] = []
            with sync_playwright() as playwright:
                browser = browser_mod.launch(playwright)
                page = browser.new_page()
                page.goto(url)
                for run in range(runs + 1):
                    marker = f"编辑标记 {run} {time.time_ns()}"
                    before = len(rebuild_times(log))
                    start = time.perf_counter()
                    page_file.write_text(
                        original.replace(anchor, f"{anchor}\n{marker}。\n", 1), encoding="utf-8"
                    )
                    page.wait_for_function(
                        "m => document.body && document.body.innerText.includes(m)",
                        arg=marker,
                        timeout=60_000,
                    )
                    elapsed = time.perf_counter() - start
                    while len(rebuild_times(log)) <= before and time.perf_counter() - start < 10:
                        time.sleep(0.05)
                    if run:
                        shown.append(elapsed)
                    time.sleep(1.0)
                browser.close()
            rebuilds = rebuild_times(log)[-runs:]
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    return {"shown": shown, "rebuilds": rebuilds}


def report_lines(results: dict[str, dict]) -> list[str]:
    lines = []
    for name, result in results.items():
        shown, rebuilds = result["shown"], result["rebuilds"]
        median = statistics.median(shown)
        aim = (
            f" Aim ≤ {AIM_SECONDS:.0f} s: {'met' if median <= AIM_SECONDS else 'missed'}."
            if name == "make serve"
            else ""
        )
        lines.append(
            f"- `{name}`: median {median:.2f} s over {len(shown)} edits (min {min(shown):.2f}, "
            f"max {max(shown):.2f}); the full rebuild: median {statistics.median(rebuilds):.2f} s "
            f"(as MkDocs logs it).{aim}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.runs)
    print("\n".join(report_lines(result)))


if __name__ == "__main__":
    main()
