"""The durable queue of accepted work: nothing Slack was told "200" about is ever lost.

Slack never resends an event, command or interaction it got a 200 for, so each one is
written here (with the whole request body) *before* it is acknowledged, and marked done
only once its answer was delivered. A replica claims a job with a lease that it renews
while working; when a replica dies its leases run out and a live one takes the jobs over.
Claims are single conditional UPDATEs, atomic on SQLite and PostgreSQL alike, so each job
has exactly one owner at a time. Jobs too old to be useful (a response_url lives 30
minutes) expire instead of being answered late. The body is erased when a job finishes.
A job also records the delivery steps it completed (`progress`), written by its owner only,
so whoever takes it over after a crash skips what had already been sent.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from bot.slack.db import HandledEvent, Job, StateStore, _now

PENDING, DONE, FAILED, EXPIRED = "pending", "done", "failed", "expired"


@dataclass(frozen=True)
class Claimed:
    """A job this replica holds, with what is needed to do it."""

    id: str
    task: str
    surface: str
    body: dict
    accepted_at: datetime
    attempts: int
    steps: tuple[str, ...] = ()  # delivery steps earlier attempts completed (see JobStore.record_steps)


class JobStore:
    """Accept, claim, renew, finish: every state change of a job is one statement."""

    def __init__(self, state: StateStore, owner: str | None = None, lease_seconds: float = 15.0) -> None:
        self.state = state
        self.owner = owner or f"guidebot-{uuid.uuid4().hex[:12]}"
        self.lease = timedelta(seconds=lease_seconds)

    def accept(self, body: dict, task: str, surface: str, ttl: timedelta, claim: bool = True) -> Claimed | None:
        """Record accepted work (and its event id, once); None when the event was accepted before."""
        now = _now()
        job = Job(id=uuid.uuid4().hex, task=task, surface=surface, payload=json.dumps(body), status=PENDING,
                  accepted_at=now, expires_at=now + ttl, attempts=1 if claim else 0,
                  owner=self.owner if claim else None, lease_until=now + self.lease if claim else None)
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        with self.state.session() as session:
            if event_id:
                session.add(HandledEvent(event_id=str(event_id)[:64], received_at=now))
            session.add(job)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                return None
        return Claimed(job.id, task, surface, body, now, job.attempts)

    def claim_due(self, limit: int) -> list[Claimed]:
        """Take up to `limit` pending jobs nobody holds (new, released, or a dead replica's)."""
        now = _now()
        free = or_(Job.lease_until.is_(None), Job.lease_until < now)
        with self.state.session() as session:
            ids = list(session.scalars(select(Job.id).where(Job.status == PENDING, Job.expires_at > now, free)
                                       .order_by(Job.accepted_at).limit(limit)))
        claimed: list[Claimed] = []
        for job_id in ids:
            with self.state.session() as session:
                result = session.execute(
                    update(Job).where(Job.id == job_id, Job.status == PENDING, free)
                    .values(owner=self.owner, lease_until=now + self.lease, attempts=Job.attempts + 1))
                session.commit()
                if result.rowcount != 1:
                    continue  # another replica was quicker
                row = session.get(Job, job_id)
                if row is not None and row.payload:
                    claimed.append(Claimed(row.id, row.task, row.surface, json.loads(row.payload), row.accepted_at,
                                           row.attempts, tuple(json.loads(row.progress or "[]"))))
        return claimed

    def renew(self, job_ids: list[str]) -> int:
        """Extend this replica's leases on the jobs in hand."""
        if not job_ids:
            return 0
        with self.state.session() as session:
            result = session.execute(update(Job).where(Job.id.in_(job_ids), Job.owner == self.owner, Job.status == PENDING)
                                     .values(lease_until=_now() + self.lease))
            session.commit()
            return result.rowcount or 0

    def still_mine(self, job_id: str) -> bool:
        """Renew one lease just before delivering; False if another replica took the job over."""
        return self.renew([job_id]) == 1

    def record_steps(self, job_id: str, steps: list[str]) -> bool:
        """Save the delivery steps done so far; False if the job is no longer this replica's.

        Only the owner writes, so the whole list is written each time (no read-modify-write race).
        """
        with self.state.session() as session:
            result = session.execute(update(Job).where(Job.id == job_id, Job.owner == self.owner, Job.status == PENDING)
                                     .values(progress=json.dumps(steps), lease_until=_now() + self.lease))
            session.commit()
            return result.rowcount == 1

    def finish(self, job_id: str, status: str = DONE, outcome: str | None = None) -> bool:
        """Mark a job finished and erase its body; False if it was no longer this replica's."""
        with self.state.session() as session:
            result = session.execute(update(Job).where(Job.id == job_id, Job.owner == self.owner, Job.status == PENDING)
                                     .values(status=status, outcome=outcome, payload=None, finished_at=_now(),
                                             lease_until=None))
            session.commit()
            return result.rowcount == 1

    def retry_later(self, job_id: str, delay: float) -> None:
        """Give a failed attempt back, not to be claimed again before `delay` seconds."""
        with self.state.session() as session:
            session.execute(update(Job).where(Job.id == job_id, Job.owner == self.owner, Job.status == PENDING)
                            .values(owner=None, lease_until=_now() + timedelta(seconds=delay)))
            session.commit()

    def release(self, job_ids: list[str]) -> int:
        """Hand jobs this replica will not start back to the queue, claimable at once."""
        if not job_ids:
            return 0
        with self.state.session() as session:
            result = session.execute(update(Job).where(Job.id.in_(job_ids), Job.owner == self.owner, Job.status == PENDING)
                                     .values(owner=None, lease_until=None, attempts=Job.attempts - 1))
            session.commit()
            return result.rowcount or 0

    def expire_stale(self) -> list[tuple[str, str]]:
        """Jobs nobody holds whose answer is no longer useful: marked expired, (id, surface) returned."""
        now = _now()
        stale = and_(Job.status == PENDING, Job.expires_at <= now, or_(Job.lease_until.is_(None), Job.lease_until < now))
        with self.state.session() as session:
            rows = list(session.execute(select(Job.id, Job.surface).where(stale)))
            if rows:
                session.execute(update(Job).where(Job.id.in_([r[0] for r in rows]), stale)
                                .values(status=EXPIRED, payload=None, finished_at=now))
                session.commit()
            return [(r[0], r[1]) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many jobs are in each status (for tests, benches and /healthz)."""
        from sqlalchemy import func

        with self.state.session() as session:
            return {status: n for status, n in session.execute(select(Job.status, func.count()).group_by(Job.status))}
