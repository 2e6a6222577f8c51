"""Ingest progress for people (a rich progress bar on a terminal) and for logs (plain lines)."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class PlainReporter:
    """One line per event: for CI logs, pipes and files."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._last_pct = -1

    def start(self, total_files: int) -> None:
        if not self.quiet:
            print(f"ingest: {total_files} document(s) found", file=sys.stderr)

    def file_done(self, path: str, status: str) -> None:
        if not self.quiet and status != "unchanged":
            print(f"ingest: {status}: {path}", file=sys.stderr)

    def embedding(self, done: int, total: int) -> None:
        if self.quiet or not total:
            return
        pct = int(done * 100 / total) // 25 * 25
        if pct != self._last_pct:
            self._last_pct = pct
            print(f"ingest: embedded {done}/{total} passages", file=sys.stderr)

    def failure(self, path: str, reason: str) -> None:
        print(f"ingest: FAILED {path}: {reason}", file=sys.stderr)  # failures print even with --quiet

    def close(self) -> None:
        pass


class RichReporter(PlainReporter):
    """A progress bar for files and one for embedding, on a terminal."""

    def __init__(self) -> None:
        super().__init__(quiet=False)
        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=False)
        self._files = None
        self._embed = None

    def start(self, total_files: int) -> None:
        self.progress.start()
        self._files = self.progress.add_task("reading documents", total=total_files)

    def file_done(self, path: str, status: str) -> None:
        self.progress.advance(self._files)

    def embedding(self, done: int, total: int) -> None:
        if self._embed is None:
            self._embed = self.progress.add_task("embedding passages", total=total)
        self.progress.update(self._embed, completed=done)

    def failure(self, path: str, reason: str) -> None:
        if self._files is not None:
            self.progress.advance(self._files)
        self.console.print(f"[red]FAILED[/] {escape(path)}: {escape(reason)}", highlight=False)

    def close(self) -> None:
        self.progress.stop()


def make_reporter(quiet: bool) -> PlainReporter:
    """Rich on an interactive terminal, plain lines otherwise, (almost) nothing with --quiet."""
    if not quiet and sys.stderr.isatty():
        return RichReporter()
    return PlainReporter(quiet=quiet)
