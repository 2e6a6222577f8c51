"""Doing accepted work: two bounded pools, leases kept alive, and a drain on shutdown.

Listeners only record work and acknowledge (`Dispatcher.accept`, on the request thread, so
an acknowledgement never waits behind answers). The work then runs in two stages on two
separate pools of threads: *answerers* compute (the engine is CPU-bound, about one thread
per core) and *senders* talk to Slack (slow calls, rate-limit sleeps and retries happen
there and never hold up an answer). A background loop renews the leases of the jobs in
hand, takes over jobs nobody holds (left by a restart or a dead replica), and expires
those too old to be useful. One log line per finished job: surface, latency, outcome.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.slack.db import _now
from bot.slack.jobs import DONE, FAILED, Claimed, JobStore
from bot.slack.responder import DeliveryError, respond

if TYPE_CHECKING:
    from bot.slack.service import SlackService

log = logging.getLogger("guidebot.slack")
MAX_ATTEMPTS = 4
RESPONSE_URL_LIFETIME = timedelta(minutes=30)
TRIGGER_LIFETIME = timedelta(seconds=10)  # a trigger_id works for 3 s; a modal can't be opened later


def outcome_of(answer: Answer) -> str:
    """answered / abstained / escalated / failed, for the log line of a handled request."""
    if answer.error == "unavailable":
        return "failed"
    if answer.escalate or answer.verdict == "escalate":
        return "escalated"
    return "abstained" if answer.abstained else "answered"


@dataclass
class Delivery:
    """What a task hands to the senders: the Slack calls to make, and the outcome to log."""

    send: Callable[[], None]
    outcome: str = "answered"


@dataclass(frozen=True)
class TaskSpec:
    fn: Callable[[JobContext], Delivery | None]
    surface: str
    ttl: Callable[[], timedelta]
    io_only: bool  # no answer to compute: runs on the senders directly


class JobLost(Exception):
    """Another replica took the job over (this one's lease ran out): stop before sending anything more."""


@dataclass
class JobContext:
    """What a task gets: the Slack body it was accepted with, a Web API client, a retrying respond(),
    and the job's record of delivery steps done (`done`, `mark`, `each_once`)."""

    job: Claimed
    client: WebClient
    dispatcher: Dispatcher

    def __post_init__(self) -> None:
        self.steps: list[str] = list(self.job.steps)

    # -- delivery steps, recorded in the job row -----------------------------------------------------
    def done(self, step: str) -> bool:
        """Did this or an earlier attempt of the job complete `step`?"""
        return step in self.steps

    def mark(self, step: str) -> None:
        """Record `step` in the job row; raises JobLost if another replica holds the job now."""
        if step in self.steps:
            return
        self.steps.append(step)
        if not self.dispatcher.store.record_steps(self.job.id, self.steps):
            raise JobLost(self.job.id)

    def each_once(self, name: str, items: list, send: Callable[[int, Any, bool], None]) -> None:
        """Send `items` in order, each at most once across attempts, take-overs and restarts.

        Each send is recorded before ("name.n?") and after ("name.n") the call. A later attempt
        skips what is recorded as sent. One that was started but never confirmed (the process
        died during the call) is sent with `maybe_sent=True`: the caller may check Slack for it
        where Slack allows (a message carrying its job's metadata), else it is sent again, since
        a lost answer is worse than a repeated one. Ephemeral and response_url messages cannot be
        read back, so for them that window (a call in flight when the process died) remains.
        """
        for n, item in enumerate(items):
            step = f"{name}.{n}"
            if self.done(step):
                continue
            maybe_sent = self.done(step + "?")
            self.mark(step + "?")
            send(n, item, maybe_sent)
            self.mark(step)

    @property
    def body(self) -> dict:
        return self.job.body

    def respond(self, **message: Any) -> None:
        """Reply through the body's response_url; if Slack refuses it, DM the person the same message."""
        url = self.body.get("response_url") or ""
        if url:
            try:
                respond(url, self.job.surface, **message)
                return
            except DeliveryError:
                pass
        user = (self.body.get("user") or {}).get("id") or self.body.get("user_id")
        if not user:
            raise DeliveryError("no response_url and no user to tell")
        payload = {k: v for k, v in message.items() if k in ("text", "blocks")}
        self.client.chat_postMessage(channel=user, unfurl_links=False, **payload)

    @property
    def metadata(self) -> dict:
        """Slack message metadata naming this job, so a later attempt can tell it was delivered."""
        return {"event_type": "guidebot_answer", "event_payload": {"job": self.job.id}}

    def already_in_thread(self, channel: str, thread_ts: str) -> bool:
        """On a second attempt (a take-over, a retry): is this job's answer already in the thread?

        A replica killed between posting and recording "done" leaves a job that looks
        unanswered; without this check its successor would answer twice.
        """
        if self.job.attempts <= 1:
            return False
        try:
            page = self.client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=200)
        except SlackApiError as err:
            log.info("cannot check thread for an earlier answer (%s); answering", err.response.get("error"))
            return False
        for message in page.get("messages", []):
            if ((message.get("metadata") or {}).get("event_payload") or {}).get("job") == self.job.id:
                log.info("job %s was already answered before a take-over; not answering twice", self.job.id)
                return True
        return False

    def posted_in_channel(self, channel: str) -> str | None:
        """The ts of a message this job posted in `channel` (tagged with `metadata`), or None.

        For a step an earlier attempt may have completed (see `each_once`): the channel's history
        since the job was accepted is read back, as `already_in_thread` reads a thread.
        """
        oldest = self.job.accepted_at.replace(tzinfo=UTC).timestamp() - 60
        try:
            page = self.client.conversations_history(channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True,
                                                     limit=200)
        except SlackApiError as err:
            log.info("cannot check %s for an earlier post (%s); posting", channel, err.response.get("error"))
            return None
        for message in page.get("messages", []):
            if ((message.get("metadata") or {}).get("event_payload") or {}).get("job") == self.job.id:
                log.info("job %s had already posted in %s before a take-over; not posting twice", self.job.id, channel)
                return message.get("ts")
        return None

    def background(self, fn: Callable[[], None]) -> None:
        """A Slack call nobody waits for (a typing status), on the senders."""
        self.dispatcher.senders.submit(None, fn)


class Pool:
    """A fixed number of daemon threads taking work from one queue (daemon: a shutdown never hangs on them)."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self._queue: queue.Queue = queue.Queue()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True) for i in range(size)]
        for thread in self._threads:
            thread.start()

    def submit(self, job_id: str | None, fn: Callable[[], None]) -> None:
        self._queue.put((job_id, fn))

    def _work(self) -> None:
        while True:
            job_id, fn = self._queue.get()
            if fn is None:
                return
            try:
                fn()
            except Exception:  # a task's own errors are handled by the dispatcher; this is a last guard
                log.exception("unexpected error in %s pool", self.name)

    def drop_queued(self) -> list[str]:
        """Take every not-yet-started item off the queue; returns their job ids."""
        dropped: list[str] = []
        while True:
            try:
                job_id, _ = self._queue.get_nowait()
            except queue.Empty:
                return dropped
            if job_id:
                dropped.append(job_id)


@dataclass
class Dispatcher:
    """Accepts work durably, runs it on the two pools, resumes and takes over pending jobs."""

    service: SlackService
    client: WebClient
    store: JobStore
    answer_workers: int = 4
    io_workers: int = 16
    poll_seconds: float = 2.0
    tasks: dict[str, TaskSpec] = field(default_factory=dict)
    # many workspaces (OAuth): the client with the body's workspace token, or None when it has no installation
    client_for: Callable[[dict], WebClient | None] | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._in_hand: dict[str, Claimed] = {}
        self._idle = threading.Condition(self._lock)
        self._stop = threading.Event()
        self.accepting = False
        self.answerers: Pool | None = None
        self.senders: Pool | None = None
        self._loop_thread: threading.Thread | None = None

    # -- registration and acceptance -------------------------------------------------------------------
    def task(self, name: str, surface: str, ttl: Callable[[], timedelta] | timedelta | None = None,
             io_only: bool = False) -> Callable:
        """Register a task: `fn(ctx) -> Delivery | None` (decorator)."""
        window = lambda: timedelta(minutes=self.service.settings.resume_window_minutes)  # noqa: E731
        ttl_fn = ttl if callable(ttl) else ((lambda: ttl) if ttl is not None else window)

        def register(fn: Callable[[JobContext], Delivery | None]) -> Callable:
            self.tasks[name] = TaskSpec(fn, surface, ttl_fn, io_only)
            return fn

        return register

    def accept(self, body: dict, task: str, ack: Callable[..., Any], **ack_kwargs: Any) -> bool:
        """Record the work, then acknowledge; False for an event that was accepted before (a retry)."""
        spec = self.tasks[task]
        running = self.accepting
        claimed = self.store.accept(body, task, spec.surface, spec.ttl(), claim=running)
        ack(**ack_kwargs)
        if claimed is None:
            log.info("%s event %s already accepted; ignoring Slack's retry", spec.surface, body.get("event_id"))
            return False
        if running:
            self._submit(claimed)
        return True

    # -- running ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start the pools and the lease loop; pending jobs from before are resumed at once."""
        if self.accepting or self._loop_thread is not None:
            return
        self.answerers = Pool("answer", self.answer_workers)
        self.senders = Pool("slack-io", self.io_workers)
        self.accepting = True
        self._loop_thread = threading.Thread(target=self._loop, name="job-leases", daemon=True)
        self._loop_thread.start()

    def _submit(self, job: Claimed) -> None:
        spec = self.tasks.get(job.task)
        with self._lock:
            self._in_hand[job.id] = job
        if spec is not None and spec.io_only:
            self.senders.submit(job.id, lambda: self._run(job))
        else:
            self.answerers.submit(job.id, lambda: self._run(job))

    def _run(self, job: Claimed) -> None:
        spec = self.tasks.get(job.task)
        if spec is None:
            log.error("job %s has an unknown task %r; marking it failed", job.id, job.task)
            self._finish(job, FAILED, "failed")
            return
        try:
            client = self._client(job)
        except Exception:
            self._failed(job, "no client")
            return
        if client is None:
            log.warning("job %s (%s): its workspace has no installation; dropping it", job.id, job.surface)
            self._finish(job, FAILED, "failed")
            return
        try:
            delivery = spec.fn(JobContext(job, client, self))
        except Exception:
            log.exception("job %s (%s) failed while being worked out", job.id, job.surface)
            self._failed(job, "error")
            return
        if delivery is None:
            self._finish(job, DONE, "ignored")
        elif spec.io_only:
            self._deliver(job, delivery)
        else:
            self.senders.submit(job.id, lambda: self._deliver(job, delivery))

    def _client(self, job: Claimed) -> WebClient | None:
        """The app's client; with OAuth, one carrying the job's workspace token (refreshed when due)."""
        if self.client_for is None:
            return self.client
        try:
            return self.client_for(job.body)
        except Exception as err:  # the installation store is unreachable: try the job again later
            log.warning("no Slack client for job %s yet (%s)", job.id, type(err).__name__)
            raise

    def _deliver(self, job: Claimed, delivery: Delivery) -> None:
        if not self.store.still_mine(job.id):
            log.warning("job %s (%s) was taken over by another replica; not delivering it twice", job.id, job.surface)
            self._forget(job.id)
            return
        try:
            delivery.send()
        except JobLost:
            log.warning("job %s (%s) was taken over by another replica while delivering; stopping", job.id, job.surface)
            self._forget(job.id)
            return
        except (SlackApiError, DeliveryError, OSError) as err:
            code = err.response.get("error") if isinstance(err, SlackApiError) and err.response is not None else type(err).__name__
            self._failed(job, str(code))
            return
        except Exception:
            log.exception("job %s (%s) failed while delivering", job.id, job.surface)
            self._failed(job, "error")
            return
        self._finish(job, DONE, delivery.outcome)

    def _failed(self, job: Claimed, reason: str) -> None:
        if job.attempts >= MAX_ATTEMPTS:
            log.error("gave up on a %s request after %d attempts (%s)", job.surface, job.attempts, reason,
                      extra={"surface": job.surface, "outcome": "failed", "job": job.id})
            self._tell_failure(job)
            self._finish(job, FAILED, "failed")
            return
        delay = 5 * 2 ** (job.attempts - 1)
        log.warning("a %s reply failed (%s); trying again in %d s", job.surface, reason, delay,
                    extra={"surface": job.surface, "job": job.id})
        self.store.retry_later(job.id, delay)
        self._forget(job.id)

    def _tell_failure(self, job: Claimed) -> None:
        """After the last attempt, say so to the person rather than stay silent (best effort)."""
        body = job.body
        user = (body.get("event") or {}).get("user") or (body.get("user") or {}).get("id") or body.get("user_id")
        if not user:
            return
        try:
            client = self._client(job)
            if client is None:
                return
            client.chat_postMessage(channel=user, text=(
                "Sorry, I couldn't deliver my answer to your last request because Slack kept refusing it. "
                "Please try again in a few minutes."))
        except Exception as err:
            log.error("could not tell the person about a failed %s request either (%s)", job.surface, type(err).__name__)

    def _finish(self, job: Claimed, status: str, outcome: str) -> None:
        if not self.store.finish(job.id, status, outcome):
            log.warning("job %s (%s) finished here after another replica took it over", job.id, job.surface)
        latency_ms = max(0, int((_now() - job.accepted_at).total_seconds() * 1000))
        log.info("handled %s in %d ms: %s", job.surface, latency_ms, outcome,
                 extra={"surface": job.surface, "latency_ms": latency_ms, "outcome": outcome, "job": job.id})
        self._forget(job.id)

    def _forget(self, job_id: str) -> None:
        with self._lock:
            self._in_hand.pop(job_id, None)
            self._idle.notify_all()

    # -- leases, resume, take-over ---------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception as err:  # the database may be briefly unreachable: keep going
                log.warning("job queue check failed (%s); retrying", type(err).__name__)
            self._stop.wait(self.poll_seconds)

    def tick(self) -> int:
        """Renew leases in hand, expire useless jobs, claim pending ones; returns how many were claimed."""
        with self._lock:
            in_hand = list(self._in_hand)
        self.store.renew(in_hand)
        for job_id, surface in self.store.expire_stale():
            log.warning("an accepted %s request expired before it could be answered (job %s)", surface, job_id,
                        extra={"surface": surface, "outcome": "expired", "job": job_id})
        if not self.accepting:
            return 0
        room = self.answer_workers * 8 - len(in_hand)
        claimed = self.store.claim_due(room) if room > 0 else []
        if claimed:
            log.info("resuming %d pending request(s) accepted earlier", len(claimed))
        for job in claimed:
            self._submit(job)
        return len(claimed)

    @property
    def in_hand(self) -> int:
        with self._lock:
            return len(self._in_hand)

    def drain(self, grace: float) -> int:
        """Stop taking work, finish what is in hand within `grace` seconds; returns how many were left.

        Jobs not yet started go back to the queue for the next process or another replica at
        once; a job still running when time is up keeps its lease, which runs out soon after.
        """
        self.accepting = False
        deadline = time.monotonic() + grace
        with self._lock:
            while self._in_hand and time.monotonic() < deadline:
                self._idle.wait(min(0.2, max(0.0, deadline - time.monotonic())))
            left = list(self._in_hand)
        dropped = (self.answerers.drop_queued() if self.answerers else []) + \
                  (self.senders.drop_queued() if self.senders else [])
        released = self.store.release([job_id for job_id in dropped if job_id in left])
        self._stop.set()
        if left:
            log.warning("shutdown: %d accepted request(s) left pending for the next process (%d released at once)",
                        len(left), released)
        else:
            log.info("shutdown: all accepted requests answered")
        return len(left)
