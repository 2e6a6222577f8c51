"""Nothing accepted is lost: resume, take-over, expiry, acks under load, retried replies, draining.

Driven as Slack would: signed requests into the real HTTP app, Web API calls out to the fake
Slack, the state in a real database. Pending work "left by a previous process" is recorded
through the same JobStore the app uses, with the body Slack sent.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from tests.fake_slack import FakeSlack
from tests.pg_server import pg_url, postgres  # noqa: F401 - fixtures
from tests.slack_helpers import SECRET, TOKEN, InProcess, dm, event_body, post_command, post_event


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _clean(fake):
    fake.reset()


def _settings(fake, data, **extra):
    from bot.settings import Settings

    return Settings(data_dir=data, slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_base_url=fake.base_url,
                    poll_seconds=0.3, job_lease_seconds=3, _env_file=None, **extra)


@pytest.fixture
def stack(fake, bundled_engine, tmp_path):
    server = InProcess(_settings(fake, tmp_path), bundled_engine)
    yield server
    server.stop()


def _jobs(settings):
    from bot.slack.db import StateStore
    from bot.slack.jobs import JobStore

    return JobStore(StateStore(settings.resolved_database_url), owner="previous-process", lease_seconds=3)


def test_work_left_pending_is_resumed_taken_over_or_expired(fake, bundled_engine, tmp_path):
    from bot.slack.db import Job, _now

    settings = _settings(fake, tmp_path)
    previous = _jobs(settings)
    # accepted, acknowledged, then the process died before answering (lease ran out)
    crashed = previous.accept(json.loads(event_body(dm("Can I mention a client on LinkedIn?", ts="1.1"))),
                              "dm", "dm", timedelta(minutes=30))
    with previous.state.session() as session:
        session.execute(update(Job).where(Job.id == crashed.id).values(lease_until=_now() - timedelta(seconds=1)))
        session.commit()
    # left pending by a drain (no owner)
    previous.accept({"command": "/canipost", "text": "Our Q3 revenue is up 30%!", "user_id": "U1",
                     "response_url": fake.response_url("left")}, "canipost", "command", timedelta(minutes=30), claim=False)
    # too old to be useful: must not be answered now
    stale = previous.accept(json.loads(event_body(dm("An old question", ts="3.3"))), "dm", "dm", timedelta(seconds=0),
                            claim=False)
    # still held by a live replica: must not be taken
    held = previous.accept(json.loads(event_body(dm("Held elsewhere", ts="4.4"))), "dm", "dm", timedelta(minutes=30))
    with previous.state.session() as session:
        session.execute(update(Job).where(Job.id == held.id).values(lease_until=_now() + timedelta(hours=1)))
        session.commit()

    server = InProcess(settings, bundled_engine)
    try:
        answer = fake.wait_for("chat.postMessage", timeout=60)[0]
        assert answer.params["thread_ts"] == "1.1"
        verdict = fake.wait_for("response_url", timeout=60)[0]
        assert "Financial" in json.dumps(verdict.params["blocks"])
        deadline = time.monotonic() + 30
        while previous.counts().get("expired", 0) < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)  # a few more passes of the lease loop: nothing else may be sent
        assert [c.params["thread_ts"] for c in fake.of("chat.postMessage")] == ["1.1"]
        assert len(fake.of("response_url")) == 1
        with previous.state.session() as session:
            assert session.get(Job, stale.id).status == "expired"
            assert session.get(Job, held.id).status == "pending"
            assert session.get(Job, crashed.id).payload is None  # the user's text is not kept once answered
    finally:
        server.stop()


def test_commands_are_acknowledged_while_answers_queue_behind_slow_slack(stack, fake):
    """Issue 9: under a burst with slow Slack calls, every /canipost still gets its 200 in time."""
    fake.delay["chat.postMessage"] = 1.5
    fake.delay["response_url"] = 1.5
    results: dict[str, httpx.Response] = {}

    def send(i: int) -> None:
        if i % 5 == 4:
            results[f"cmd{i}"] = post_command(stack.url, f"Is draft {i} ok to post? Loving my weekend!",
                                              fake.response_url(f"c{i}"), timeout=60)
        else:
            results[f"dm{i}"] = post_event(stack.url, dm(f"Can I mention a client? ({i})", ts=f"{i}.1"), timeout=60)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(results) == 50 and all(r.status_code == 200 for r in results.values())
    assert all("Checking" in r.text for k, r in results.items() if k.startswith("cmd"))
    fake.wait_for("chat.postMessage", count=40, timeout=180)
    fake.wait_for("response_url", count=10, timeout=180)
    time.sleep(1.0)
    threads_answered = [c.params["thread_ts"] for c in fake.of("chat.postMessage")]
    assert sorted(threads_answered) == sorted({f"{i}.1" for i in range(50) if i % 5 != 4})  # each once
    assert sorted(c.path for c in fake.of("response_url")) == sorted(f"/response/c{i}" for i in range(50) if i % 5 == 4)


def test_response_url_429_and_500_are_retried(stack, fake):
    fake.fail["response_url"] = [429, 500]
    assert post_command(stack.url, "Our Q3 revenue is up 30%!", fake.response_url("retry")).status_code == 200
    delivered = fake.wait_for("response_url", timeout=90)
    assert len(delivered) == 1 and "Financial" in json.dumps(delivered[0].params["blocks"])
    assert fake.of("response_url (429)") and fake.of("response_url (500)")


def test_response_url_that_keeps_failing_falls_back_to_a_dm(stack, fake, caplog):
    caplog.set_level(logging.INFO)
    fake.fail["response_url"] = [500] * 20
    post_command(stack.url, "Our Q3 revenue is up 30%!", fake.response_url("broken"))
    sent = fake.wait_for("chat.postMessage", timeout=120)[0]
    assert sent.params["channel"] == "U1" and "Financial" in json.dumps(sent.params["blocks"])
    assert "dropped a command reply to response_url: HTTP 500 after retries" in caplog.text
    assert not [r for r in caplog.records if r.exc_info]


def test_failed_delivery_is_tried_again(stack, fake):
    fake.fail["chat.postMessage"] = [500, 500, 500]  # outlasts the WebClient's own two retries
    post_event(stack.url, dm("Can I mention a client on LinkedIn?", ts="7.7"))
    answered = fake.wait_for("chat.postMessage", timeout=120)
    assert [c.params["thread_ts"] for c in answered] == ["7.7"]


def test_one_log_line_per_handled_request_without_the_users_text(stack, fake, caplog):
    caplog.set_level(logging.INFO)
    post_event(stack.url, dm("Can I mention my secret client Zanzibar on LinkedIn?", ts="8.8"))
    fake.wait_for("chat.postMessage", timeout=60)
    deadline = time.monotonic() + 30
    while "handled dm" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [r for r in caplog.records if r.getMessage().startswith("handled dm in ")]
    assert len(lines) == 1
    assert lines[0].getMessage().split(": ")[-1] in ("answered", "abstained", "escalated")
    assert lines[0].surface == "dm" and lines[0].latency_ms >= 0
    assert "Zanzibar" not in caplog.text and TOKEN not in caplog.text and SECRET not in caplog.text


def test_draining_refuses_new_work_and_finishes_what_it_has(fake, bundled_engine, tmp_path):
    settings = _settings(fake, tmp_path, shutdown_grace_seconds=60)
    server = InProcess(settings, bundled_engine)
    try:
        fake.delay["chat.postMessage"] = 2.0
        for i in range(4):
            assert post_event(server.url, dm(f"Can I mention a client? {i}", ts=f"9.{i}")).status_code == 200
        lifecycle = server.asgi.state.lifecycle
        drainer = threading.Thread(target=lifecycle.drain)
        drainer.start()
        deadline = time.monotonic() + 30
        while not lifecycle.draining and time.monotonic() < deadline:
            time.sleep(0.01)
        assert httpx.get(server.url + "/healthz", timeout=30).status_code == 503
        refused = post_event(server.url, dm("Too late", ts="9.9"))
        assert refused.status_code == 503  # Slack retries it, elsewhere
        drainer.join(120)
        assert sorted(c.params["thread_ts"] for c in fake.of("chat.postMessage")) == [f"9.{i}" for i in range(4)]
        assert _jobs(settings).counts().get("pending", 0) == 0
    finally:
        server.stop()


def test_a_taken_over_job_already_answered_is_not_answered_twice(fake, bundled_engine, tmp_path):
    """A replica killed between posting and recording "done": its successor sees the tagged reply."""
    from bot.slack.db import Job, _now

    settings = _settings(fake, tmp_path)
    previous = _jobs(settings)
    job = previous.accept(json.loads(event_body(dm("Can I mention a client on LinkedIn?", ts="5.5"))),
                          "dm", "dm", timedelta(minutes=30))
    # what the dead replica managed to post before it was killed
    import httpx as client

    client.post(fake.base_url + "chat.postMessage", timeout=10, json={
        "channel": "D123", "thread_ts": "5.5", "text": "answer",
        "metadata": {"event_type": "guidebot_answer", "event_payload": {"job": job.id}}})
    with previous.state.session() as session:
        session.execute(update(Job).where(Job.id == job.id).values(lease_until=_now() - timedelta(seconds=1)))
        session.commit()
    server = InProcess(settings, bundled_engine)
    try:
        fake.wait_for("conversations.replies", timeout=60)
        deadline = time.monotonic() + 30
        while previous.counts().get("pending", 0) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert previous.counts().get("done") == 1
        assert len(fake.of("chat.postMessage")) == 1
    finally:
        server.stop()


# --- exactly once when a process dies after delivering but before recording "done" --------------

class Killed(BaseException):
    """The process died here (raised from a patched call to stop a delivery at that very point)."""


def _crash_after_delivery(settings, engine, body: dict, task: str, patch=None):
    """What a replica SIGKILLed between its last Slack call and "done" leaves: the app's own task
    code accepted, worked out and delivered the job, nothing more; its lease has run out.
    `patch(service)` may make a call raise Killed, to stop the delivery earlier."""
    from bot.slack.app import build_app
    from bot.slack.db import Job, _now
    from bot.slack.worker import JobContext

    app, service = build_app(settings, engine)
    if patch is not None:
        patch(service)
    dispatcher = service.dispatcher
    spec = dispatcher.tasks[task]
    job = dispatcher.store.accept(body, task, spec.surface, spec.ttl())
    delivery = spec.fn(JobContext(job, app.client, dispatcher))
    if delivery is not None:
        with contextlib.suppress(Killed):
            delivery.send()
    with service.state.session() as session:
        session.execute(update(Job).where(Job.id == job.id).values(lease_until=_now() - timedelta(seconds=1)))
        session.commit()
    return job, service


def _wait_finished(state, job_id: str, timeout: float = 60) -> str:
    from bot.slack.db import Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with state.session() as session:
            status = session.get(Job, job_id).status
        if status != "pending":
            return status
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} was not finished after {timeout} s")


def _shortcut(fake, text: str, name: str) -> dict:
    return {"type": "message_action", "callback_id": "check_this_post", "trigger_id": "trig-s",
            "user": {"id": "U1", "team_id": "T1"}, "team": {"id": "T1"}, "channel": {"id": "C42"},
            "message": {"type": "message", "user": "U2", "text": text, "ts": "1700000099.000100"},
            "response_url": fake.response_url(name)}


def test_shortcut_reply_delivered_before_a_crash_is_not_sent_again(fake, bundled_engine, tmp_path):
    """Issue 11, gap 1: the verdict reached Slack, then the process died before "done"; the
    replica taking the job over must see, in the job row, that it was delivered."""
    settings = _settings(fake, tmp_path)
    job, previous = _crash_after_delivery(settings, bundled_engine, _shortcut(fake, "Our Q3 revenue is up 30%!", "sc1"),
                                          "check_this_post")
    assert len(fake.of("response_url")) == 1  # what the dead process had sent
    server = InProcess(settings, bundled_engine)
    try:
        assert _wait_finished(previous.state, job.id) == "done"
        time.sleep(1.0)  # a few more passes of the lease loop: nothing else may be sent
        assert len(fake.of("response_url")) == 1 and not fake.of("chat.postMessage")
    finally:
        server.stop()


def test_a_retried_job_is_counted_once_in_the_usage_report(fake, bundled_engine, tmp_path):
    """Issue 11, gap 2: the DM was answered, the process died before "done"; the replica taking it
    over works it out again (and sees the answer in the thread), but the report counts it once."""
    from bot.report import build

    settings = _settings(fake, tmp_path)
    body = json.loads(event_body(dm("Can I mention a client on LinkedIn?", ts="6.6")))
    job, previous = _crash_after_delivery(settings, bundled_engine, body, "dm")
    server = InProcess(settings, bundled_engine)
    try:
        assert _wait_finished(previous.state, job.id) == "done"
        assert fake.of("conversations.replies")  # worked out again: the retry did run
    finally:
        server.stop()
    with previous.features.store.session() as session:
        report = build(session, "T1", timedelta(days=1))
    assert (report["questions"], report["drafts"], report["surfaces"]["dm"]["questions"]) == (1, 0, 1)
    assert len(fake.of("chat.postMessage")) == 1


def _escalation_submitted(question: str, user: str = "U8") -> dict:
    metadata = json.dumps({"k": "question", "q": question, "channel": ""})
    return {"type": "view_submission", "user": {"id": user}, "team": {"id": "T1"},
            "view": {"id": "V2", "type": "modal", "callback_id": "escalate_modal", "private_metadata": metadata,
                     "state": {"values": {"note": {"text": {"type": "plain_text_input", "value": "launch"}}}}}}


def _killed_before_recording_the_post(service) -> None:
    def die(*_args, **_kwargs):
        raise Killed

    service.state.set_message = die


@pytest.mark.parametrize("killed", ["after_everything", "after_the_reviewers_post"])
def test_a_retried_escalation_is_created_and_posted_once(fake, bundled_engine, tmp_path, killed):
    """Issue 11, gap 3: the escalation job ran, then the process died (before "done", or right
    after Slack took the reviewers' post but before it was recorded); the replica taking it over
    finds the same escalation row (keyed by the job), the post in the reviewers' channel (by its
    job metadata), and sends nothing twice."""
    from sqlalchemy import func, select

    from bot.slack.db import Escalation

    settings = _settings(fake, tmp_path, escalation_channel="CREV")
    patch = _killed_before_recording_the_post if killed == "after_the_reviewers_post" else None
    job, previous = _crash_after_delivery(settings, bundled_engine, _escalation_submitted("Can I post about the merger?"),
                                          "escalation_submitted", patch=patch)
    reviewers = lambda c: c.params["channel"] == "CREV"  # noqa: E731
    assert len(fake.wait_for("chat.postMessage", where=reviewers)) == 1
    server = InProcess(settings, bundled_engine)
    try:
        assert _wait_finished(previous.state, job.id) == "done"
        requester = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U8")
        time.sleep(1.0)  # a few more passes of the lease loop: nothing else may be sent
    finally:
        server.stop()
    with previous.state.session() as session:
        rows = list(session.scalars(select(Escalation)))
        assert session.scalar(select(func.count()).select_from(Escalation)) == 1
    assert rows[0].channel == "CREV" and rows[0].message_ts and rows[0].status == "pending"
    assert len(fake.of("chat.postMessage")) == 2 and len([c for c in fake.of("chat.postMessage") if reviewers(c)]) == 1
    assert len(requester) == 1 and f"escalation #{rows[0].id}" in requester[0].params["text"]


@pytest.fixture(params=["sqlite", "postgresql"])
def state_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'esc.db'}"
    return request.getfixturevalue("pg_url")  # a real PostgreSQL server (tests/pg_server.py)


def test_escalations_are_keyed_by_their_request(state_url):
    """The unique request key holds in the database itself (SQLite and PostgreSQL), so two attempts
    of one job, even on two replicas at once, get one row."""
    from bot.slack.db import Escalation, StateStore

    state = StateStore(state_url)
    first = state.add_escalation("U1", "question", "Can I?", None, "s", [], None, key="job-1")
    again = state.add_escalation("U1", "question", "Can I?", None, "s", [], None, key="job-1")
    other = state.add_escalation("U1", "question", "Can I?", None, "s", [], None, key="job-2")
    unkeyed = [state.add_escalation("U2", "check", "draft", None, "s", [], None) for _ in range(2)]
    assert first.id == again.id and other.id != first.id and unkeyed[0].id != unkeyed[1].id
    with pytest.raises(IntegrityError), state.session() as session:  # the constraint itself, not only a lookup
        session.add(Escalation(requester="U1", kind="question", text="x", summary="", citations="[]",
                               status="pending", request_key="job-1"))
        session.commit()
    state.engine.dispose()


def test_a_reviewer_reply_retried_after_a_crash_is_sent_and_audited_once(fake, bundled_engine, tmp_path):
    """Issue 11, gap 4's job: the requester was told and the decision recorded, then the process died
    before "done"; the replica taking it over neither tells them again nor writes a second audit line."""
    from sqlalchemy import func, select

    from bot.slack.db import StateStore
    from bot.slack.features_db import AuditEntry

    settings = _settings(fake, tmp_path, escalation_channel="CREV")
    fake.members = ["UREV"]
    row = StateStore(settings.resolved_database_url).add_escalation("U5", "question", "Can I post about the lawsuit?",
                                                                    None, "answer", [], None)
    submission = {"type": "view_submission", "user": {"id": "UREV"}, "team": {"id": "T1"},
                  "view": {"id": "V3", "type": "modal", "callback_id": "review_reply_modal", "private_metadata": str(row.id),
                           "state": {"values": {"reply": {"text": {"type": "plain_text_input", "value": "Please don't."}}}}}}
    job, previous = _crash_after_delivery(settings, bundled_engine, submission, "review_reply")
    assert previous.state.get(row.id).status == "replied"
    server = InProcess(settings, bundled_engine)
    try:
        assert _wait_finished(previous.state, job.id) == "done"
        time.sleep(1.0)  # a few more passes of the lease loop: nothing else may be sent
    finally:
        server.stop()
    assert [c.params["channel"] for c in fake.of("chat.postMessage")] == ["U5"]
    with previous.features.store.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
