"""Builds made once per test run and shared by pytest-xdist's workers (`make test` runs two).

The first worker to ask for a build makes it, under a file lock, in a folder of the run that every
worker sees; the others wait for the lock and read its result back. Without xdist it is the same, in
one process. A build is keyed by its name and a digest of what it changes, so two fixtures that ask
for the same variant share it and a changed variant is never served an old result."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that all workers share: xdist gives each worker a basetemp inside the
    run's own (the pattern its documentation gives for session fixtures)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def key(name: str, *changes: object) -> str:
    """A build's name and a digest of what it changes (any JSON-serialisable description)."""
    digest = hashlib.sha256(json.dumps(changes, sort_keys=True, default=str).encode()).hexdigest()
    return f"{name}-{digest[:12]}"


def completed(result: subprocess.CompletedProcess) -> dict:
    """A finished command as JSON, for the other workers."""
    return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}


def process(data: dict) -> subprocess.CompletedProcess:
    """A finished command read back from JSON."""
    return subprocess.CompletedProcess([], data["returncode"], data["stdout"], data["stderr"])


class Builds:
    """`once(key, make)`: `make(folder)` runs the first time any worker asks for `key`, in a fresh
    folder of its own; every caller gets its JSON result (and may read what it left in the folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def folder(self, key: str) -> Path:
        return self.root / key

    def once(self, key: str, make: Callable[[Path], object]) -> object:
        done = self.root / f"{key}.json"
        with (self.root / f"{key}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if `make` fails
            if done.is_file():
                return json.loads(done.read_text(encoding="utf-8"))
            folder = self.folder(key)
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            result = make(folder)
            done.write_text(json.dumps(result), encoding="utf-8")
            return result
