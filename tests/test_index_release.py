"""A running engine releases each replaced index build (issue 9, "every re-ingest leaks").

Before: every re-ingest left about ten more open descriptors, some on deleted files, in the
serving process, without bound. Now a build is closed once it is replaced twice over (the one
just replaced stays open for requests already using it; the ingest keeps it on disk too).
"""

from __future__ import annotations

import os
import shutil

import pytest


def _open_files() -> tuple[int, int]:
    """(descriptors, descriptors on deleted files) of this process."""
    fds, deleted = 0, 0
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        fds += 1
        deleted += target.endswith("(deleted)")
    return fds, deleted


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to count open files")
def test_reingest_under_a_running_engine_keeps_open_files_bounded(tmp_path, embeddings):
    from bot.engine import Engine
    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from ingest.store import LocalStore
    from tests.conftest import KNOWLEDGE

    docs = tmp_path / "docs"
    shutil.copytree(KNOWLEDGE, docs, ignore=shutil.ignore_patterns("*.yaml"))
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=docs, _env_file=None)
    index_dir = settings.resolved_index_dir

    def reingest(n: int) -> None:
        """As `guidebot ingest` does from another process: its own store, closed when it is done."""
        with (docs / "social-computing-guidelines.md").open("a", encoding="utf-8") as handle:
            handle.write(f"\n\n## Revision {n}\n\nRevision {n} of these guidelines clarifies wording only.\n")
        writer = LocalStore(index_dir, settings.collection)
        try:
            report = Ingestor(settings, embeddings).run([docs], store=writer)
            assert report.ok and report.build
        finally:
            writer.close()

    reingest(0)
    engine = Engine(settings, embeddings=embeddings, store=LocalStore(index_dir, settings.collection))
    engine.handle.check_every = 0.0  # notice every switch at once (the server checks every second)
    builds, counts = [], []
    for n in range(1, 11):
        reingest(n)
        answer = engine.ask("Can I mention a client on LinkedIn?")
        assert answer.citations and not answer.error
        builds.append(engine.handle.view().build)
        counts.append(_open_files())
    assert len(set(builds)) == 10  # every ingest was picked up by the running engine
    fds = [c[0] for c in counts]
    # warm-up of the first switches aside, re-ingesting no longer adds descriptors. A leak adds at least one per
    # re-ingest (7 over the last 7); the count also wanders by a few with threads starting and stopping (a fresh
    # clone's CI once saw 545, 546, 548, 548 after warm-up), so the bound is on the trend, not on each step.
    assert fds[-1] - fds[2] <= 3 and max(fds[3:]) - fds[2] <= 5, f"open descriptors grew with every re-ingest: {fds}"
    deleted = [c[1] for c in counts]
    assert max(deleted) <= deleted[0], f"deleted index files held open: {counts}"
