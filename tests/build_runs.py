"""`mkdocs build` for the tests, each run in a process forked from one that has already imported MkDocs,
its plugins and Markdown extensions, and loaded jieba's stock dictionary.

A build is the real command line (`mkdocs build --strict …`, MkDocs's own click entry point) in the
project's folder, with the test's environment, its output captured as a subprocess's would be. What a
fresh `python -m mkdocs` spends first on every run (about two seconds of the five a build of a project
copy takes: importing the packages, reading jieba's dictionary) is spent once per test worker instead.
Nothing of the project is imported before the fork: the hooks (llmqa) are read from the project being
built, as they are when `python -m mkdocs` starts there.
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


def _mkdocs(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """The child: `python -m mkdocs <argv>` in `cwd`, its standard output and error into files."""
    import mkdocs.__main__

    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # `python -m` puts the current folder first on the path, then the standard library and the venv.
    sys.path[:] = [cwd] + [p for p in sys.path if p.startswith((sys.prefix, sys.base_prefix))]
    for fd, name in ((1, out), (2, err)):
        with open(name, "wb") as file:
            os.dup2(file.fileno(), fd)
    code = 0
    try:
        mkdocs.__main__.cli.main(args=argv, prog_name="mkdocs")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, (int, type(None))):
            print(stop.code, file=sys.stderr)
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def mkdocs(argv: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run `mkdocs <argv>` in `cwd` with exactly `env` as its environment; what subprocess.run with
    capture_output=True, text=True would return (TimeoutExpired after `timeout` seconds)."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-run-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        child = _forkserver().Process(target=_mkdocs, args=(argv, str(cwd), env, str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["mkdocs", *argv], timeout)
        read = lambda path: path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""  # noqa: E731
        return subprocess.CompletedProcess(["mkdocs", *argv], child.exitcode, read(out), read(err))
