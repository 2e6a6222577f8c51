"""The state database: migrations that replicas can run together, job claims on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from sqlalchemy import inspect, text

from tests.pg_server import pg_url, postgres  # noqa: F401 - fixtures
from tests.slack_helpers import ROOT

STARTERS = 4


def _start_together(url: str) -> list[subprocess.CompletedProcess]:
    """Several processes open the same fresh database at the same moment, as replicas do."""
    code = ("import sys, time; from bot.slack.db import StateStore\n"
            "t = float(sys.argv[2]); time.sleep(max(0, t - time.time()))\n"
            "StateStore(sys.argv[1]); print('ok')")
    import time

    start_at = str(time.time() + 4)
    procs = [subprocess.Popen([sys.executable, "-c", code, url, start_at], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(STARTERS)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def _check_schema(url: str) -> None:
    from bot.slack.db import make_engine
    from bot.slack.features_db import FEATURE_TABLES
    from bot.slack.migrations import head

    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    assert {"handled_events", "feedback", "escalations", "jobs", "alembic_version"} <= tables
    assert {t.name for t in FEATURE_TABLES} <= tables  # 0002_features, chained on 0001
    assert "progress" in {c["name"] for c in inspect(engine).get_columns("jobs")}  # 0003_once
    assert ["job_id"] in [u["column_names"] for u in inspect(engine).get_unique_constraints("question_log")]
    assert ["request_key"] in [u["column_names"] for u in inspect(engine).get_unique_constraints("escalations")]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head() == "0003_once"
    engine.dispose()


def test_replicas_starting_together_on_fresh_sqlite(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    results = _start_together(url)
    assert [r.returncode for r in results] == [0] * STARTERS, [r.stderr[-2000:] for r in results if r.returncode]
    _check_schema(url)


def test_replicas_starting_together_on_fresh_postgres(pg_url):  # noqa: F811
    results = _start_together(pg_url)
    assert [r.returncode for r in results] == [0] * STARTERS, [r.stderr[-2000:] for r in results if r.returncode]
    _check_schema(pg_url)


def test_a_database_made_before_migrations_is_adopted(tmp_path):
    """Databases created by the old create_all keep their rows and gain the jobs table."""
    from sqlalchemy import create_engine

    from bot.slack.db import Escalation, Feedback, HandledEvent, StateStore

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    for table in (HandledEvent.__table__, Feedback.__table__, Escalation.__table__):
        table.create(engine)
    with engine.begin() as connection:
        connection.execute(HandledEvent.__table__.insert().values(event_id="EvOld", received_at=datetime(2026, 1, 1)))
    engine.dispose()
    state = StateStore(url)
    assert not state.first_time("EvOld")
    _check_schema(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def state_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'jobs.db'}"
    return request.getfixturevalue("pg_url")


def test_each_job_is_claimed_by_exactly_one_replica(state_url):
    import threading

    from bot.slack.db import StateStore
    from bot.slack.jobs import JobStore

    state = StateStore(state_url)
    JobStore(state).accept({"type": "event_callback", "event_id": "Ev1"}, "dm", "dm", timedelta(minutes=5), claim=False)
    for i in range(30):
        JobStore(state).accept({"n": i}, "dm", "dm", timedelta(minutes=5), claim=False)
    replicas = [JobStore(StateStore(state_url), owner=f"r{i}") for i in range(4)]
    claimed: dict[str, list[str]] = {r.owner: [] for r in replicas}

    def claim(replica) -> None:
        for _ in range(10):
            claimed[replica.owner] += [job.id for job in replica.claim_due(5)]

    threads = [threading.Thread(target=claim, args=(r,)) for r in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    every = [job_id for ids in claimed.values() for job_id in ids]
    assert len(every) == 31 and len(set(every)) == 31
    # a retry of an accepted event is refused, also through another replica
    assert replicas[0].accept({"type": "event_callback", "event_id": "Ev1"}, "dm", "dm", timedelta(minutes=5)) is None
    # a lease that runs out lets another replica take the job; the first can no longer finish it
    first, second = replicas[0], replicas[1]
    job = first.accept({"n": "lease"}, "dm", "dm", timedelta(minutes=5))
    assert second.claim_due(50) == []
    from sqlalchemy import update

    from bot.slack.db import Job, _now

    with state.session() as session:
        session.execute(update(Job).where(Job.id == job.id).values(lease_until=_now() - timedelta(seconds=1)))
        session.commit()
    assert [j.id for j in second.claim_due(50)] == [job.id]
    assert not first.still_mine(job.id) and not first.finish(job.id)
    assert second.finish(job.id, outcome="answered")


def test_delivery_steps_are_kept_for_the_replica_taking_over(state_url):
    """What one replica recorded as sent reaches the next owner of the job; a replica whose job was
    taken over can no longer record anything (it stops delivering: JobLost)."""
    from sqlalchemy import update

    from bot.slack.db import Job, StateStore, _now
    from bot.slack.jobs import JobStore
    from bot.slack.worker import JobContext, JobLost

    state = StateStore(state_url)
    first, second = JobStore(state, owner="r1"), JobStore(state, owner="r2")
    job = first.accept({"n": "steps"}, "dm", "dm", timedelta(minutes=5))

    class _Dispatcher:
        store = first

    ctx = JobContext(job, client=None, dispatcher=_Dispatcher())
    sent: list[tuple[int, str, bool]] = []
    def send(n: int, item: str, maybe: bool) -> None:
        if n == 1:
            raise RuntimeError("the process died during the second call")
        sent.append((n, item, maybe))

    with pytest.raises(RuntimeError):
        ctx.each_once("reply", ["a", "b"], send)
    with state.session() as session:
        session.execute(update(Job).where(Job.id == job.id).values(lease_until=_now() - timedelta(seconds=1)))
        session.commit()
    taken = second.claim_due(5)
    assert [j.id for j in taken] == [job.id] and set(taken[0].steps) == {"reply.0?", "reply.0", "reply.1?"}
    with pytest.raises(JobLost):  # the first replica, still running, finds the job is no longer its own
        ctx.mark("late")

    class _Second:
        store = second

    again = JobContext(taken[0], client=None, dispatcher=_Second())
    again.each_once("reply", ["a", "b"], lambda n, item, maybe: sent.append((n, item, maybe)))
    assert sent == [(0, "a", False), (1, "b", True)]  # the first message once; the second flagged as maybe sent
