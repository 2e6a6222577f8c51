"""The bot's state in a real database through SQLAlchemy.

Handled event ids (so Slack's retries never produce a second answer, across processes
too), the durable queue of accepted work (`jobs`, see bot/slack/jobs.py), feedback,
escalations and their decisions. The schema is created and migrated by Alembic
(bot/slack/migrations), safely when several replicas start together. SQLite under the data folder by default;
any SQLAlchemy URL in production. Drafts are stored only with an escalation, and erased
after the retention period.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from ingest.errors import ConfigError

ERASED = "[erased after the retention period]"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class HandledEvent(Base):
    __tablename__ = "handled_events"
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Feedback(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    helpful: Mapped[bool] = mapped_column(Boolean)
    question: Mapped[str | None] = mapped_column(Text, nullable=True)  # questions only, never drafts
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class Escalation(Base):
    __tablename__ = "escalations"
    __table_args__ = (UniqueConstraint("request_key", name="uq_escalations_request_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    requester: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    citations: Mapped[str] = mapped_column(Text, default="[]")
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reviewer: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reviewer_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    channel: Mapped[str | None] = mapped_column(String(32), nullable=True)
    message_ts: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # the request (job id) that created it: a retried escalation job finds its row instead of adding one (0003)
    request_key: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Job(Base):
    """One accepted event, command or interaction, and what became of it (bot/slack/jobs.py)."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_lease", "status", "lease_until"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    task: Mapped[str] = mapped_column(String(48))
    surface: Mapped[str] = mapped_column(String(24))
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)  # Slack's body; erased when finished
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending, done, failed, expired
    accepted_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    owner: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # the delivery steps earlier attempts completed (JSON list), so a take-over never repeats one (0003)
    progress: Mapped[str | None] = mapped_column(Text, nullable=True)


STATUS_LABELS = {"pending": "waiting for a reviewer", "approved": "approved", "changes": "needs changes",
                 "replied": "reviewer replied"}


def make_engine(url: str):
    """An engine whose connections wait for each other instead of failing under load.

    SQLite gets write-ahead logging (readers never block the writer), commits that don't wait
    for fsync (synchronous=NORMAL, safe with WAL against process crashes) and a 30 s busy
    timeout, since many threads record accepted work at once.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    # no pre-ping: a SQLite file has no connection to lose, and the ping was a query per session
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit no longer waits for fsync (only checkpoints do). A crash or SIGKILL of
            # the process loses nothing; only a power cut can roll back the last commits (SQLite's docs).
            # Under load the per-commit fsyncs were a third of the server's busy time.
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def _shown(url: str) -> str:
    """The database URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(unparsable URL)"


def _reason(err: BaseException) -> str:
    """The driver's own first line ("failed to resolve host …", "unable to open database file"), not a traceback."""
    cause = getattr(err, "orig", None) or err
    lines = str(cause).strip().splitlines() or [type(cause).__name__]
    return lines[0][:200]


class StateStore:
    """All reads and writes of the bot's state."""

    def __init__(self, url: str, retention_days: int = 30) -> None:
        from bot.slack.migrations import upgrade

        try:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine = make_engine(url)
            upgrade(self.engine)
        except (OSError, ImportError, SQLAlchemyError) as err:
            raise ConfigError(f"cannot open the state database {_shown(url)}: {_reason(err)} "
                              "(check GUIDEBOT_DATABASE_URL)") from None
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self.retention = timedelta(days=retention_days)

    def session(self) -> Session:
        return self._session()

    def first_time(self, event_id: str | None) -> bool:
        """Record an event id; False when it was handled before (a retry, or another process got it)."""
        if not event_id:
            return True
        with self.session() as session:
            session.add(HandledEvent(event_id=event_id))
            try:
                session.commit()
                return True
            except IntegrityError:
                session.rollback()
                return False

    def add_feedback(self, user_id: str, kind: str, helpful: bool, question: str | None) -> None:
        with self.session() as session:
            session.add(Feedback(user_id=user_id, kind=kind, helpful=helpful,
                                 question=question if kind == "question" else None))
            session.commit()

    def add_escalation(self, requester: str, kind: str, text: str, verdict: str | None, summary: str,
                       citations: list[str], note: str | None, key: str | None = None) -> Escalation:
        """A new escalation; with `key` (the request's job id) the one already made for it, if any.

        The key is unique in the database, so two attempts of the same request, even on two
        replicas at once, end up with one row.
        """
        self.erase_expired()
        if key:
            existing = self._by_key(key)
            if existing is not None:
                return existing
        with self.session() as session:
            row = Escalation(requester=requester, kind=kind, text=text, verdict=verdict, summary=summary,
                             citations=json.dumps(citations), note=note or None, request_key=key)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                existing = self._by_key(key) if key else None
                if existing is None:
                    raise
                return existing
            return row

    def _by_key(self, key: str) -> Escalation | None:
        with self.session() as session:
            return session.scalars(select(Escalation).where(Escalation.request_key == key)).first()

    def set_message(self, escalation_id: int, channel: str, ts: str) -> None:
        with self.session() as session:
            session.execute(update(Escalation).where(Escalation.id == escalation_id).values(channel=channel, message_ts=ts))
            session.commit()

    def get(self, escalation_id: int) -> Escalation | None:
        with self.session() as session:
            return session.get(Escalation, escalation_id)

    def decide(self, escalation_id: int, status: str, reviewer: str, note: str | None = None) -> Escalation | None:
        with self.session() as session:
            row = session.get(Escalation, escalation_id)
            if row is None:
                return None
            row.status, row.reviewer, row.reviewer_note, row.decided_at = status, reviewer, note, _now()
            session.commit()
            return row

    def recent_for(self, user_id: str, limit: int = 5) -> list[Escalation]:
        with self.session() as session:
            query = select(Escalation).where(Escalation.requester == user_id).order_by(Escalation.id.desc()).limit(limit)
            return list(session.scalars(query))

    def erase_expired(self) -> int:
        """Erase drafts older than the retention period; old handled-event ids go too."""
        cutoff = _now() - self.retention
        with self.session() as session:
            result = session.execute(update(Escalation).where(Escalation.created_at < cutoff, Escalation.text != ERASED)
                                     .values(text=ERASED, note=None))
            session.execute(delete(HandledEvent).where(HandledEvent.received_at < _now() - timedelta(days=2)))
            session.execute(delete(Job).where(Job.status != "pending", Job.accepted_at < _now() - timedelta(days=2)))
            session.commit()
            return result.rowcount or 0
