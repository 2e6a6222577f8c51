"""Reviewed answers: a reviewer's reply to an escalated question, cited next time someone asks.

When a reviewer ticks "Add to reviewed answers" in the Reply modal, the question and the
reply (with the reviewer and the date) are stored in the database and published as one
Markdown file per answer in a "Reviewed answers" folder under the data dir. That folder is
indexed by the same incremental ingest pipeline as the guidelines, into an index of its own
(one per workspace), so adding an answer embeds only that answer and retiring one removes
only its passages, and the guideline index, and with it `guidebot eval`, is untouched. A question is
answered from the guidelines as always; the best matching reviewed answer, if close enough,
is then added as an extra citation after the guideline passages, never instead of them.
Drafts are never turned into reviewed answers.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

from sqlalchemy import select

from bot.answer import Citation
from bot.expansion import load_thesaurus
from bot.passages import IndexHandle
from bot.retrieval import HybridRetriever
from bot.settings import Settings
from bot.slack.db import _now
from bot.slack.features_db import FeatureStore, ReviewedAnswer
from ingest.embeddings import SentenceEmbeddings
from ingest.errors import GuidebotError
from ingest.store import LocalStore

log = logging.getLogger("guidebot.reviewed")
DOC_TITLE = "Reviewed answers"
_FILE = re.compile(r"^reviewed-(\d+)\.md$")


def label(row: ReviewedAnswer) -> str:
    """How a reviewed answer is cited: "Reviewed answer (by @reviewer, date)"."""
    return f"Reviewed answer (by @{row.reviewer}, {row.created_at:%Y-%m-%d})"


def to_markdown(row: ReviewedAnswer) -> str:
    """One reviewed answer as a Markdown document (its own heading, so it is one passage)."""
    question = " ".join(row.question.split())
    return (f"---\ntitle: {DOC_TITLE}\n---\n\n# {label(row)}\n\n"
            f"**Question:** {question}\n\n**Answer:** {row.answer.strip()}\n")


class ReviewedAnswers:
    """Store, publish, index and search one workspace's reviewed answers."""

    def __init__(self, settings: Settings, embeddings: SentenceEmbeddings, store: FeatureStore,
                 min_score: float = 0.55) -> None:
        self.settings, self.embeddings, self.store, self.min_score = settings, embeddings, store, min_score
        self.root = settings.data_dir / "reviewed"
        self._thesaurus = load_thesaurus(str(settings.synonyms_file) if settings.synonyms_file else None)
        self._retrievers: dict[str, HybridRetriever] = {}
        self._lock = threading.Lock()

    # -- where things live ---------------------------------------------------------------------
    def folder(self, team: str) -> Path:
        """Markdown export of a workspace's reviewed answers (what gets indexed)."""
        return self.root / re.sub(r"[^A-Za-z0-9_-]", "_", team) / "markdown"

    def index_dir(self, team: str) -> Path:
        return self.folder(team).parent / "index"

    # -- changes -------------------------------------------------------------------------------
    def add(self, team: str, question: str, answer: str, reviewer: str, escalation_id: int | None = None) -> ReviewedAnswer:
        """Store a reviewed answer and index it (only it is embedded)."""
        with self.store.session() as session:
            row = ReviewedAnswer(team_id=team, question=question.strip()[:2000], answer=answer.strip()[:3000],
                                 reviewer=reviewer, escalation_id=escalation_id)
            session.add(row)
            session.commit()
        self.reindex(team)
        return row

    def retire(self, team: str, answer_id: int, by: str) -> ReviewedAnswer | None:
        """No longer cited; kept in the database with who retired it and when."""
        with self.store.session() as session:
            row = session.get(ReviewedAnswer, answer_id)
            if row is None or row.team_id != team or row.retired_at is not None:
                return None
            row.retired_at, row.retired_by = _now(), by
            session.commit()
        self.reindex(team)
        return row

    def active(self, team: str) -> list[ReviewedAnswer]:
        with self.store.session() as session:
            return list(session.scalars(select(ReviewedAnswer).where(
                ReviewedAnswer.team_id == team, ReviewedAnswer.retired_at.is_(None)).order_by(ReviewedAnswer.id)))

    def export(self, team: str) -> str:
        """All active reviewed answers as one Markdown document."""
        parts = [f"# {DOC_TITLE}\n"]
        for row in self.active(team):
            question = " ".join(row.question.split())
            parts.append(f"## {label(row)}\n\n**Question:** {question}\n\n**Answer:** {row.answer.strip()}\n")
        return "\n".join(parts)

    def reindex(self, team: str) -> None:
        """Write the Markdown files from the database and run the incremental ingest over them."""
        from ingest.pipeline import Ingestor

        with self._lock:
            folder = self.folder(team)
            folder.mkdir(parents=True, exist_ok=True)
            wanted = {f"reviewed-{row.id}.md": to_markdown(row) for row in self.active(team)}
            for path in folder.glob("reviewed-*.md"):
                if path.name not in wanted:
                    path.unlink()
            for name, text in wanted.items():
                path = folder / name
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
            if not wanted:
                return  # nothing to index; search() checks the database, so retired answers are never cited
            settings = self.settings.model_copy(update={"chroma_host": None})
            report = Ingestor(settings, self.embeddings).run([folder], store=LocalStore(self.index_dir(team), "reviewed"))
            log.info("reviewed answers of %s: %s", team, report.summary())

    # -- answering -----------------------------------------------------------------------------
    def best(self, team: str, question: str) -> Citation | None:
        """The closest active reviewed answer to a question, as a citation, or None if none is close."""
        if not (self.index_dir(team) / "CURRENT").exists():
            return None
        retriever = self._retrievers.get(team)
        if retriever is None:
            handle = IndexHandle(LocalStore(self.index_dir(team), "reviewed"))
            retriever = self._retrievers.setdefault(team, HybridRetriever(handle, self.embeddings, self._thesaurus))
        try:
            hits = retriever.search(question, k=3)
        except GuidebotError as err:
            log.warning("reviewed answers of %s unavailable: %s", team, err)
            return None
        active = {row.id: row for row in self.active(team)}
        for hit in hits:
            match = _FILE.match(Path(hit.passage.doc).name)
            row = active.get(int(match.group(1))) if match else None
            if row is not None and hit.dense >= self.min_score:
                return Citation(doc=f"reviewed-{row.id}.md", title=DOC_TITLE, section=label(row),
                                text=f"Q: {' '.join(row.question.split())}\nA: {row.answer.strip()}", url=None,
                                score=round(float(hit.dense), 4))
        return None
