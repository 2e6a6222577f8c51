"""The ingest run: discover -> load -> chunk -> diff against the current build -> embed -> switch.

Unchanged documents keep their stored vectors (nothing is re-embedded); a changed document
replaces exactly its own chunks; a document whose file is gone loses its chunks. A document
that fails to load this time keeps the chunks it had, so a bad edit loses nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.chunking import CHUNKER_VERSION, Chunk, Chunker, token_counter
from ingest.discovery import discover, doc_key
from ingest.duties import duties_metadata
from ingest.embeddings import SentenceEmbeddings, embeddings_for
from ingest.errors import LoadError
from ingest.loaders import SUPPORTED_SUFFIXES, load_document
from ingest.settings import IngestSettings
from ingest.store import PAGE, IndexStore, build_metadata, new_build_id, open_store, read_all


class Reporter(Protocol):
    """What an ingest run tells its caller as it goes (a progress bar, log lines, nothing)."""

    def start(self, total_files: int) -> None: ...
    def file_done(self, path: str, status: str) -> None: ...
    def embedding(self, done: int, total: int) -> None: ...
    def failure(self, path: str, reason: str) -> None: ...


class SilentReporter:
    """A reporter that says nothing."""

    def start(self, total_files: int) -> None: ...
    def file_done(self, path: str, status: str) -> None: ...
    def embedding(self, done: int, total: int) -> None: ...
    def failure(self, path: str, reason: str) -> None: ...


@dataclass
class IngestReport:
    """What one run did, in the words the CLI prints."""

    index: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    kept_after_failure: int = 0
    kept_index: int = 0  # documents of the current index kept as they were: this run found nothing readable
    chunks: int = 0
    rows: int = 0  # passages plus their sentence vectors
    embedded: int = 0  # passages embedded this run
    vectors: int = 0  # vectors computed this run (passages and sentences)
    skipped_files: int = 0
    unexpected_files: list[str] = field(default_factory=list)  # skipped, and not eval cases: named in the summary
    build: str | None = None
    switched: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.removed} removed", f"{self.unchanged} unchanged"]
        text = ", ".join(parts) + f" ({self.chunks} passages, {self.embedded} embedded)"
        if self.kept_after_failure:
            text += f"; kept the previous version of {self.kept_after_failure} document(s) that failed to load"
        if self.kept_index:
            text += f"; nothing readable, so the current index ({self.kept_index} document(s)) is kept unchanged"
        if self.failures:
            text += f"; {len(self.failures)} failed"
        if self.unexpected_files:
            shown = ", ".join(self.unexpected_files[:5]) + (", …" if len(self.unexpected_files) > 5 else "")
            text += (f"; skipped {len(self.unexpected_files)} file(s) of a type it can't read: {shown} "
                     f"(reads {', '.join(SUPPORTED_SUFFIXES)})")
        return text


@dataclass
class _Existing:
    """What the current build holds, per document."""

    compatible: bool
    hashes: dict[str, str] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _existing(collection: Any | None, model: str) -> _Existing:
    if collection is None:
        return _Existing(compatible=False)
    meta = collection.metadata or {}
    compatible = meta.get("guidebot_model") == model and meta.get("guidebot_chunker") == CHUNKER_VERSION
    state = _Existing(compatible=compatible)
    rows = read_all(collection, ["metadatas"])
    for row_id, row in zip(rows["ids"], rows["metadatas"], strict=True):
        key = str(row.get("path", ""))
        state.hashes[key] = str(row.get("content_hash", ""))
        state.ids[key].append(row_id)
    return state


class Ingestor:
    """Runs ingests; holds the embedding model so repeated runs (tests, eval) load it once."""

    def __init__(self, settings: IngestSettings, embeddings: SentenceEmbeddings | None = None) -> None:
        self.settings = settings
        self._embeddings = embeddings

    @property
    def embeddings(self) -> SentenceEmbeddings:
        if self._embeddings is None:
            self._embeddings = embeddings_for(self.settings)
        return self._embeddings

    def chunker(self) -> Chunker:
        return Chunker(token_counter(self.embeddings.model_path), self.settings.chunk_tokens,
                       self.settings.chunk_overlap_tokens)

    def run(self, paths: list[Path], store: IndexStore | None = None, reporter: Reporter | None = None) -> IngestReport:
        """Ingest `paths` into the store; the previous build answers until this one is complete."""
        reporter = reporter or SilentReporter()
        store = store or open_store(self.settings)
        found = discover(paths)
        report = IngestReport(index=store.describe(), skipped_files=found.skipped, unexpected_files=found.unexpected)
        for path, reason in found.failures:
            report.failures.append((path, reason))
            reporter.failure(path, reason)
        with store.lock():
            current_build = store.current_build()
            current = store.open_build(current_build) if current_build else None
            existing = _existing(current, self.settings.embedding_model)
            reused_ids: list[str] = []
            new_chunks: list[Chunk] = []
            present: set[str] = set()
            chunker = None
            reporter.start(len(found.files))
            for path in found.files:
                key = doc_key(path)
                present.add(key)
                status = self._plan_file(path, key, existing, report)
                if status == "unchanged":
                    reused_ids += existing.ids[key]
                    reporter.file_done(str(path), status)
                    continue
                try:
                    doc = load_document(path, int(self.settings.max_file_mb * 1e6))
                    chunker = chunker or self.chunker()
                    chunks = chunker.split(doc, key)
                    if not chunks:
                        raise LoadError("no text found in the document")
                except LoadError as err:
                    report.failures.append((str(path), str(err)))
                    reporter.failure(str(path), str(err))
                    if key in existing.ids and existing.compatible:
                        report.kept_after_failure += 1
                        reused_ids += existing.ids[key]
                    continue
                if key in existing.hashes:
                    report.updated += 1
                else:
                    report.added += 1
                new_chunks += chunks
                reporter.file_done(str(path), "updated" if key in existing.hashes else "added")
            gone = [key for key in existing.hashes if key not in present]
            if found.failures and gone and existing.compatible:
                # A named path is missing: maybe a typo. Removing documents on a typo would lose
                # them, so keep them and say so; the next clean run removes what is really gone.
                report.kept_after_failure += len(gone)
                reused_ids += [row for key in gone for row in existing.ids[key]]
                gone = []
            report.removed = len(gone)
            report.rows = len(reused_ids) + sum(1 + len(c.sentences()) for c in new_chunks)
            report.chunks = sum(1 for row in reused_ids if ":s" not in row) + len(new_chunks)
            changed = report.added or report.updated or report.removed or not existing.compatible
            if current is not None and not changed:
                report.build = current_build
                return report
            if report.chunks == 0:
                if current is None:
                    report.failures.append(("(index)", "nothing to index: no readable documents were found"))
                    reporter.failure("(index)", "nothing to index: no readable documents were found")
                else:
                    # nothing was switched: the documents counted as gone are all still served
                    report.kept_index, report.removed = len(existing.hashes), 0
                return report
            report.build = new_build_id()
            collection = store.create_build(report.build, build_metadata(self.settings.embedding_model, CHUNKER_VERSION))
            try:
                if reused_ids:
                    self._copy_rows(current, collection, reused_ids)
                self._embed_into(collection, new_chunks, reporter, report)
                if collection.count() != report.rows:
                    raise RuntimeError(f"build holds {collection.count()} rows, expected {report.rows}")
                store.switch_to(report.build)
                report.switched = True
            except BaseException:
                store.discard(report.build)
                raise
        return report

    def _plan_file(self, path: Path, key: str, existing: _Existing, report: IngestReport) -> str:
        if not existing.compatible or key not in existing.hashes:
            return "load"
        from ingest.loaders import content_hash

        try:
            if content_hash(path.read_bytes()) == existing.hashes[key]:
                report.unchanged += 1
                return "unchanged"
        except OSError:
            pass
        return "load"

    def _copy_rows(self, source: Any, target: Any, ids: list[str]) -> None:
        for start in range(0, len(ids), PAGE):
            page = source.get(ids=ids[start:start + PAGE], include=["embeddings", "documents", "metadatas"])
            target.add(ids=page["ids"], embeddings=np.asarray(page["embeddings"], dtype=np.float32),
                       documents=page["documents"], metadatas=page["metadatas"])

    def _embed_into(self, collection: Any, chunks: list[Chunk], reporter: Reporter, report: IngestReport) -> None:
        batch = max(self.settings.embedding_batch_size * 4, 64)
        reporter.embedding(0, len(chunks))
        for start in range(0, len(chunks), batch):
            part = chunks[start:start + batch]
            ids, texts, documents, metadatas = [], [], [], []
            for chunk in part:
                ids.append(chunk.id)
                texts.append(chunk.embedding_text())
                documents.append(chunk.text)
                metadatas.append({**chunk.metadata(), **duties_metadata(chunk.text)})
                for n, sentence in enumerate(chunk.sentences()):
                    ids.append(f"{chunk.id}:s{n}")
                    texts.append(sentence)
                    documents.append(sentence)
                    metadatas.append(chunk.metadata(kind="sentence"))
            vectors = self.embeddings.encode(texts)
            collection.add(ids=ids, embeddings=vectors, documents=documents, metadatas=metadatas)
            report.embedded += len(part)
            report.vectors += len(ids)
            reporter.embedding(report.embedded, len(chunks))


def ingest(paths: list[Path], settings: IngestSettings, store: IndexStore | None = None,
           reporter: Reporter | None = None) -> IngestReport:
    """One-shot convenience wrapper around `Ingestor.run`."""
    return Ingestor(settings).run(paths, store=store, reporter=reporter)
