"""`python -m mkdocs …`, `python -m preview …` and `python -c …` for the tests, each run in a process
forked from one that has already imported MkDocs, its plugins and Markdown extensions, and loaded jieba's
stock dictionary.

A run is the real command line: the module run as `__main__` (runpy, as `python -m` does) in the
project's folder, with the test's environment and the folder first on the path, its output captured as
a subprocess's would be. What a fresh interpreter spends first on every run (about two seconds of the
five a build of a project copy takes: importing the packages, reading jieba's dictionary) is spent once
per test worker instead. Nothing of the project is imported before the fork: the hooks (llmqa) are read
from the project being built, as they are when `python -m mkdocs` starts there.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

_PRELOAD = "tests.build_preload"
_context: multiprocessing.context.ForkServerContext | None = None


def _forkserver() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload([_PRELOAD])
    return _context


def _python(args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """The child: `python <args>` (`-m module …` or `-c code …`) in `cwd`, its standard output and
    error into files (one file for both when they are the same)."""
    import runpy

    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # `python -m` puts the current folder first on the path, then the standard library and the venv.
    sys.path[:] = [cwd] + [p for p in sys.path if p.startswith((sys.prefix, sys.base_prefix))]
    with open(out, "wb") as file:
        os.dup2(file.fileno(), 1)
        if err == out:
            os.dup2(file.fileno(), 2)
    if err != out:
        with open(err, "wb") as file:
            os.dup2(file.fileno(), 2)
    # The one thing the preloaded modules read from the terminal on import: MkDocs's log line width.
    import shutil

    import mkdocs.__main__

    mkdocs.__main__.ColorFormatter.text_wrapper.width = shutil.get_terminal_size(fallback=(0, 0)).columns
    option, target, *rest = args
    code = 0
    try:
        if option == "-m":
            sys.argv = [target, *rest]
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            sys.argv = ["-c", *rest]
            exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
    except SystemExit as stop:
        if isinstance(stop.code, int) or stop.code is None:
            code = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            code = 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


class Child:
    """A started run, with what the tests use of subprocess.Popen."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str], out: Path, err: Path) -> None:
        self.args = [sys.executable, *args]
        self._process = _forkserver().Process(target=_python, args=(args, str(cwd), env, str(out), str(err)))
        self._process.start()
        self.pid = self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout or 0)
        return self._process.exitcode

    def terminate(self) -> None:
        self._process.terminate()

    def kill(self) -> None:
        self._process.kill()


def start(args: list[str], cwd: Path, env: dict[str, str], log: Path) -> Child:
    """Start `python <args>` in `cwd` with exactly `env`; its output (both streams) goes to `log`."""
    return Child(args, cwd, env, log, log)


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run `python <args>` in `cwd` with exactly `env`: what subprocess.run with capture_output=True,
    text=True would return (TimeoutExpired after `timeout` seconds)."""
    with tempfile.TemporaryDirectory(prefix="python-run-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        child = Child(args, cwd, env, out, err)
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise
        read = lambda path: path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""  # noqa: E731
        return subprocess.CompletedProcess(child.args, child.returncode, read(out), read(err))
