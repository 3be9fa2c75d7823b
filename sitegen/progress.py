"""Progress of a long build on stderr: a line per stage, or one updating line on a terminal.

A build that finishes within a second shows nothing; after that, the stages
done so far are shown and each later one as it ends (`rendering 15,603 pages… 31.0 s`).
On a terminal one line is rewritten instead. `Progress(None)` is silent (the library default).
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Optional, TextIO

SHOW_AFTER = 1.0  # seconds: quicker builds print nothing
REDRAW = 0.1  # seconds between updates of the terminal line


class Progress:
    def __init__(self, stream: Optional[TextIO] = sys.stderr, show_after: float = SHOW_AFTER):
        self.stream = stream
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self.show_after = show_after
        self.started = time.perf_counter()
        self._held: list[str] = []  # stage lines of the first second, shown once the build is slow
        self._what = ""
        self._drawn = 0.0
        self._line_open = False

    def _slow(self) -> bool:
        return time.perf_counter() - self.started > self.show_after

    @contextmanager
    def stage(self, what: str):
        """`with progress.stage("reading 1,000 sources"):` — shown with its time when it ends."""
        if self.stream is None:
            yield self
            return
        self._what, clock = what, time.perf_counter()
        self._draw(f"{what}…")
        yield self
        self._finish(f"{what}… {time.perf_counter() - clock:.1f} s")

    def update(self, done: int, total: int) -> None:
        """Within a stage: how far it is (terminal only, a few times a second)."""
        if self.tty and time.perf_counter() - self._drawn > REDRAW:
            self._draw(f"{self._what}… {done:,}/{total:,}")

    def _draw(self, text: str) -> None:
        if self.tty and self._slow():
            self._drawn = time.perf_counter()
            self.stream.write(f"\r\x1b[K{text}")
            self.stream.flush()
            self._line_open = True

    def _finish(self, line: str) -> None:
        if self.tty:
            self._draw(line)
            return
        self._held.append(line)
        if self._slow():
            self.stream.write("".join(f"{held}\n" for held in self._held))
            self.stream.flush()
            self._held.clear()

    def close(self) -> None:
        """End the terminal line, so the next message starts on its own."""
        if self.stream is not None and self._line_open:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._line_open = False


SILENT = Progress(None)
