"""Fixtures shared by the test folders."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitegen.build import BUILD_MARKER


@contextmanager
def running_server(site: Path):
    """`sitegen serve --port 0` as a subprocess; yields (process, url, output lines); always stopped."""
    process = subprocess.Popen([sys.executable, "-m", "sitegen.cli", "serve", str(site), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()
    try:
        deadline = time.monotonic() + 60
        while not any(line.startswith("serving http://") for line in lines):
            assert process.poll() is None, f"the server stopped: {''.join(lines)}"
            assert time.monotonic() < deadline, f"no URL printed: {''.join(lines)}"
            time.sleep(0.05)
        url = next(line for line in lines if line.startswith("serving http://")).split()[1]
        yield process, url, lines
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(name="running_server")
def running_server_fixture():
    """A context manager starting `sitegen serve --port 0` on a site folder (see `running_server`)."""
    return running_server


@pytest.fixture
def site_dir(tmp_path) -> Path:
    """A copy of the example site in seeds/, to build and edit."""
    folder = tmp_path / "site"
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    shutil.copytree(seeds, folder, ignore=shutil.ignore_patterns(".sitegen-cache", "_site"))
    return folder


@pytest.fixture(name="files_of")
def files_of_fixture():
    """Every file of a built site with its bytes, the build's marker left out."""
    def files_of(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file() and p.name != BUILD_MARKER}
    return files_of
