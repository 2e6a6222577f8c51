"""The tables of issue 10's features, sharing `bot.slack.db.Base` (migration 0002_features).

Every row carries the Slack team (workspace) id, so one database serves many workspaces and
nothing crosses between them: channel modes, threads the bot answered, the question log the
report reads, feedback reasons, the escalation audit trail, reminders and reviewed answers.
The question log never stores who asked; its text is erased after
GUIDEBOT_QUESTION_RETENTION_DAYS while the counts (and the audit trail) stay.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from bot.slack.db import Base, _now

MODES = ("mentions", "questions", "off")
REASONS = {"wrong_passage": "wrong passage", "outdated": "outdated", "not_answered": "didn't answer my question",
           "too_strict": "too strict", "other": "other"}


def sha256(text: str) -> str:
    """A stable fingerprint of a text, kept when the text itself is erased."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ChannelSetting(Base):
    __tablename__ = "channel_settings"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), default="mentions")
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class BotThread(Base):
    """A thread the bot answered in: later replies there are follow-ups (no mention needed)."""

    __tablename__ = "bot_threads"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    question: Mapped[str] = mapped_column(Text)  # the thread's first question: context for follow-ups
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    last_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class QuestionLog(Base):
    """One asked question or checked draft, for the report. Never who asked; drafts' text never.

    One row per accepted request: `job_id` is unique (migration 0003_once), so a job retried
    after a crash or taken over by another replica is not counted twice.
    """

    __tablename__ = "question_log"
    __table_args__ = (UniqueConstraint("job_id", name="uq_question_log_job_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    surface: Mapped[str] = mapped_column(String(24))  # dm, mention, channel, thread, command, shortcut...
    kind: Mapped[str] = mapped_column(String(16))  # question | check
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # questions only; erased after retention
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    abstained: Mapped[bool] = mapped_column(Boolean, default=False)
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    categories: Mapped[str] = mapped_column(Text, default="[]")  # draft finding categories
    cited: Mapped[str] = mapped_column(Text, default="[]")  # [[doc, section], ...]
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    job_id: Mapped[str | None] = mapped_column(String(36), nullable=True)  # the request it answered (Slack)


class FeedbackVote(Base):
    """👍/👎 with the passages that answer cited and, for 👎, the reason."""

    __tablename__ = "feedback_votes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    helpful: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    cited: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class EscalationInfo(Base):
    """What the escalations table lacks for many workspaces and reminders."""

    __tablename__ = "escalation_info"
    escalation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reminders: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """One escalation decision, kept after retention erases the draft (its SHA-256 stays)."""

    __tablename__ = "escalation_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    escalation_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    decision: Mapped[str] = mapped_column(String(16))
    decided_by: Mapped[str] = mapped_column(String(32))
    decided_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    bot_verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    text_sha256: Mapped[str] = mapped_column(String(64))
    hours_to_decision: Mapped[float | None] = mapped_column(Float, nullable=True)


class ReviewedAnswer(Base):
    """A reviewer's reply to an escalated question, published as a passage of "Reviewed answers"."""

    __tablename__ = "reviewed_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    escalation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    retired_by: Mapped[str | None] = mapped_column(String(32), nullable=True)


class WorkspaceSetting(Base):
    """Per-workspace settings that override the environment (the reviewers' channel)."""

    __tablename__ = "workspace_settings"
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    reviewer_channel: Mapped[str | None] = mapped_column(String(32), nullable=True)


FEATURE_TABLES = [m.__table__ for m in (ChannelSetting, BotThread, QuestionLog, FeedbackVote, EscalationInfo,
                                        AuditEntry, ReviewedAnswer, WorkspaceSetting)]


class FeatureStore:
    """Reads and writes of the feature tables, always scoped to one team."""

    def __init__(self, engine: Engine, question_retention_days: int = 90) -> None:
        # Migration 0002_features creates these where Alembic runs; create_all is a no-op then.
        Base.metadata.create_all(engine, tables=FEATURE_TABLES)
        self._session = sessionmaker(engine, expire_on_commit=False)
        self.question_retention_days = question_retention_days

    def session(self) -> Session:
        return self._session()

    # -- channels ------------------------------------------------------------------------------
    def channel(self, team: str, channel: str) -> ChannelSetting:
        with self.session() as s:
            row = s.get(ChannelSetting, (team, channel))
            return row or ChannelSetting(team_id=team, channel_id=channel, mode="mentions", private=False)

    def set_channel(self, team: str, channel: str, user: str, mode: str | None = None,
                    private: bool | None = None) -> ChannelSetting:
        with self.session() as s:
            row = s.get(ChannelSetting, (team, channel))
            if row is None:
                row = ChannelSetting(team_id=team, channel_id=channel, mode="mentions", private=False)
                s.add(row)
            if mode is not None:
                row.mode = mode
            if private is not None:
                row.private = private
            row.updated_by, row.updated_at = user, _now()
            s.commit()
            return row

    # -- threads -------------------------------------------------------------------------------
    def remember_thread(self, team: str, channel: str, thread_ts: str, question: str) -> None:
        """The first question of a thread stays its context; later answers only touch the time."""
        with self.session() as s:
            row = s.get(BotThread, (team, channel, thread_ts))
            if row is None:
                s.add(BotThread(team_id=team, channel_id=channel, thread_ts=thread_ts, question=question[:2000]))
            else:
                row.last_at = _now()
            s.commit()

    def thread(self, team: str, channel: str, thread_ts: str) -> BotThread | None:
        with self.session() as s:
            return s.get(BotThread, (team, channel, thread_ts))

    # -- question log --------------------------------------------------------------------------
    def log(self, team: str, surface: str, kind: str, query: str, abstained: bool, verdict: str | None,
            categories: list[str], cited: list[tuple[str, str]], job_id: str | None = None) -> bool:
        """One row for the report; False when this job was logged before (an earlier attempt of it)."""
        keep_text = kind == "question" and self.question_retention_days > 0
        with self.session() as s:
            s.add(QuestionLog(team_id=team, surface=surface, kind=kind, text=query if keep_text else None,
                              text_hash=sha256(query), abstained=abstained, verdict=verdict,
                              categories=json.dumps(categories), cited=json.dumps([list(c) for c in cited]),
                              job_id=job_id))
            try:
                s.commit()
            except IntegrityError:
                s.rollback()
                return False
            return True

    def cited_for(self, team: str, query: str) -> list[list[str]]:
        """The passages the latest answer to this text cited (what a 👍/👎 is about)."""
        with self.session() as s:
            row = s.scalars(select(QuestionLog).where(QuestionLog.team_id == team, QuestionLog.text_hash == sha256(query))
                            .order_by(QuestionLog.id.desc()).limit(1)).first()
            return json.loads(row.cited) if row else []

    def erase_expired_questions(self, now: datetime | None = None) -> int:
        """Question text goes after the retention period; the counts stay."""
        cutoff = (now or _now()) - timedelta(days=self.question_retention_days)
        with self.session() as s:
            result = s.execute(update(QuestionLog).where(QuestionLog.created_at <= cutoff, QuestionLog.text.is_not(None))
                               .values(text=None))
            s.execute(delete(BotThread).where(BotThread.last_at < (now or _now()) - timedelta(days=30)))
            s.commit()
            return result.rowcount or 0

    # -- feedback ------------------------------------------------------------------------------
    def vote(self, team: str, kind: str, helpful: bool, cited: list[list[str]]) -> int:
        with self.session() as s:
            row = FeedbackVote(team_id=team, kind=kind, helpful=helpful, cited=json.dumps(cited))
            s.add(row)
            s.commit()
            return row.id

    def set_reason(self, team: str, vote_id: int, reason: str | None = None, comment: str | None = None) -> bool:
        with self.session() as s:
            row = s.get(FeedbackVote, vote_id)
            if row is None or row.team_id != team:
                return False
            if reason is not None:
                row.reason = reason
            if comment is not None:
                row.comment = comment[:1000]
            s.commit()
            return True

    # -- escalations ---------------------------------------------------------------------------
    def escalation_team(self, escalation_id: int, team: str) -> None:
        with self.session() as s:
            if s.get(EscalationInfo, escalation_id) is None:
                s.add(EscalationInfo(escalation_id=escalation_id, team_id=team))
                s.commit()

    def team_of(self, escalation_id: int) -> str | None:
        with self.session() as s:
            row = s.get(EscalationInfo, escalation_id)
            return row.team_id if row else None

    def audit(self, team: str, escalation_id: int, kind: str, decision: str, decided_by: str,
              bot_verdict: str | None, text: str, created_at: datetime | None, decided_at: datetime | None) -> None:
        decided_at = decided_at or _now()
        hours = (decided_at - created_at).total_seconds() / 3600 if created_at else None
        with self.session() as s:
            s.add(AuditEntry(team_id=team, escalation_id=escalation_id, kind=kind, decision=decision,
                             decided_by=decided_by, decided_at=decided_at, bot_verdict=bot_verdict,
                             text_sha256=sha256(text), hours_to_decision=hours))
            s.commit()

    # -- workspace -----------------------------------------------------------------------------
    def reviewer_channel(self, team: str) -> str | None:
        with self.session() as s:
            row = s.get(WorkspaceSetting, team)
            return row.reviewer_channel if row else None

    def set_reviewer_channel(self, team: str, channel: str | None) -> None:
        with self.session() as s:
            row = s.get(WorkspaceSetting, team) or WorkspaceSetting(team_id=team)
            row.reviewer_channel = channel
            s.merge(row)
            s.commit()
