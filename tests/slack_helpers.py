"""What the Slack tests share: signed requests, an in-process server, `guidebot serve` processes."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-signing-secret-0123456789"
TOKEN = "xoxb-test-token-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


REVIEWERS = "CREVIEW"  # the policy reviewers' channel in the tests' settings


def sign(body: str | bytes, ts: int | str | None = None, secret: str = SECRET) -> dict:
    ts = str(int(time.time())) if ts is None else str(ts)
    raw = body.encode() if isinstance(body, str) else body
    signature = "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + raw, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def url_of(target: str | dict) -> str:
    """The app's base URL: given as is, or as the `url` of a test's stack dict."""
    return target["url"] if isinstance(target, dict) else target


def event_body(event: dict, event_id: str | None = None) -> str:
    return json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": event,
                       "event_id": event_id or f"Ev{time.time_ns()}", "event_time": int(time.time()),
                       "authorizations": [{"user_id": "UBOT", "is_bot": True, "team_id": "T1"}]})


def post_event(target: str | dict, event: dict, event_id: str | None = None, retry: int | None = None,
               timeout: float = 30, **sign_kw) -> httpx.Response:
    """A signed Events API callback; `retry` adds Slack's retry headers, `ts`/`secret` forge the signature."""
    body = event_body(event, event_id)
    headers = {"Content-Type": "application/json", **sign(body, **sign_kw)}
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return httpx.post(url_of(target) + "/slack/events", content=body, timeout=timeout, headers=headers)


def post_json(target: str | dict, payload: dict, secret: str = SECRET, timeout: float = 10) -> httpx.Response:
    """Any JSON payload, signed (events of other workspaces, url_verification)."""
    body = json.dumps(payload)
    return httpx.post(url_of(target) + "/slack/events", content=body, timeout=timeout,
                      headers={"Content-Type": "application/json", **sign(body, secret=secret)})


def post_form(target: str | dict, form: dict, secret: str = SECRET, timeout: float = 10) -> httpx.Response:
    """A signed form post: slash commands, and interactions (their JSON in `payload`)."""
    body = urlencode(form)
    return httpx.post(url_of(target) + "/slack/events", content=body, timeout=timeout,
                      headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body, secret=secret)})


def post_interaction(target: str | dict, payload: dict) -> httpx.Response:
    return post_form(target, {"payload": json.dumps(payload)})


def post_command(url: str, text: str, response_url: str, user: str = "U1", timeout: float = 30) -> httpx.Response:
    body = urlencode({"command": "/canipost", "text": text, "user_id": user, "user_name": "pat", "channel_id": "C42",
                      "team_id": "T1", "trigger_id": "trig-1", "response_url": response_url})
    return httpx.post(url + "/slack/events", content=body, timeout=timeout,
                      headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)})


def dm(text: str, ts: str = "1700000001.000100", **extra) -> dict:
    return {"type": "message", "channel": "D123", "channel_type": "im", "user": "U1", "text": text, "ts": ts, **extra}


def block_action(fake, action_id: str, value: str, user: str = "U1", channel: str = "D123") -> dict:
    """A button click as Slack sends it, with a response_url on the fake Slack."""
    return {"type": "block_actions", "user": {"id": user}, "team": {"id": "T1"}, "trigger_id": "trig-2",
            "channel": {"id": channel}, "container": {"type": "message", "channel_id": channel},
            "response_url": fake.response_url("act"),
            "actions": [{"action_id": action_id, "block_id": "answer_actions", "type": "button", "value": value,
                         "action_ts": "1"}]}


class InProcess:
    """The Bolt app under uvicorn in a thread, as `guidebot serve --http` runs it."""

    def __init__(self, settings, engine) -> None:
        import uvicorn

        from bot.slack.app import build_app
        from bot.slack.server import http_app

        self.settings = settings
        self.app, self.service = build_app(settings, engine)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.asgi = http_app(self.app, engine, grace=settings.shutdown_grace_seconds)
        self.server = uvicorn.Server(uvicorn.Config(self.asgi, host="127.0.0.1", port=self.port, log_level="warning",
                                                    log_config=None))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the in-process server did not start"

    @property
    def stack(self) -> dict:
        """What the tests' `stack` fixtures hand out: url, settings, service, state and the Bolt app."""
        return {"url": self.url, "settings": self.settings, "service": self.service, "state": self.service.state,
                "app": self.app}

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(60)


def serve_env(data_dir: Path, fake_base_url: str, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_"))}
    env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "GUIDEBOT_DATA_DIR": str(data_dir),
                "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_BASE_URL": fake_base_url,
                "GUIDEBOT_POLL_SECONDS": "0.5"})
    env.update(extra)
    return env


class Replica:
    """One `guidebot serve --http` process; its output is collected in a file for the test to read."""

    def __init__(self, env: dict, cwd: Path, name: str = "replica") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = cwd / f"{name}-{self.port}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in wait()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT, text=True)

    def wait_healthy(self, timeout: float = 600) -> Replica:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"guidebot serve exited with {self.proc.returncode}:\n{self.output()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"guidebot serve did not become healthy:\n{self.output()[-3000:]}")

    def signal(self, sig: int = signal.SIGTERM) -> None:
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 120) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self._log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.wait(30)

    def output(self) -> str:
        if not self._log.closed:
            self._log.flush()
        return self.log_path.read_text()


class Burst:
    """A burst of DMs and /canipost commands as Slack sends them, and the tally of what came back.

    Every request has its own thread ts (DMs) or response_url name (commands), so the fake
    Slack's record tells exactly which accepted requests were answered, and how often.
    """

    def __init__(self, fake, tag: str) -> None:
        self.fake = fake
        self.tag = tag
        self.accepted: set[str] = set()  # keys of requests acknowledged with 200
        self.refused: dict[str, int] = {}  # key -> status, for requests Slack would retry
        self.ack_seconds: list[float] = []
        self.sent_at: dict[str, float] = {}
        self._lock = threading.Lock()

    def key_dm(self, i: int) -> str:
        return f"{abs(hash(self.tag)) % 10**6}.{i:06d}"

    def send(self, url: str, dms: int, commands: int, workers: int = 16, spacing: float = 0.0) -> None:
        """Send `dms` DMs and `commands` commands (interleaved), `workers` at a time."""
        from concurrent.futures import ThreadPoolExecutor

        total = dms + commands
        every = max(1, round(total / commands)) if commands else total + 1
        plan, d, c = [], 0, 0
        for i in range(total):
            if c < commands and (i % every == every - 1 or d >= dms):
                plan.append(("cmd", c))
                c += 1
            else:
                plan.append(("dm", d))
                d += 1

        def one(item) -> None:
            kind, n = item
            start = time.monotonic()
            try:
                if kind == "dm":
                    key = self.key_dm(n)
                    self.sent_at[key] = time.time()
                    response = post_event(url, dm(f"Can I mention a client on LinkedIn? #{n}", ts=key), timeout=60)
                else:
                    key = f"{self.tag}-c{n}"
                    self.sent_at[key] = time.time()
                    response = post_command(url, f"Is this ok to post? Loving my weekend hike #{n}",
                                            self.fake.response_url(key), timeout=60)
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            with self._lock:
                if status == 200:
                    self.accepted.add(key)
                    self.ack_seconds.append(time.monotonic() - start)
                else:
                    self.refused[key] = status

        with ThreadPoolExecutor(workers) as pool:
            for item in plan:
                pool.submit(one, item)
                if spacing:
                    time.sleep(spacing)

    def answers(self, visible_only: bool = False) -> dict[str, int]:
        """How many times each request of this burst was answered.

        With `visible_only`, a response_url reply with replace_original=true that follows an
        earlier one is not counted: Slack replaces the message in place, so the person still
        sees one answer.
        """
        counts: dict[str, int] = {}
        prefix = str(abs(hash(self.tag)) % 10**6) + "."
        for call in self.fake.of("chat.postMessage"):
            ts = str(call.params.get("thread_ts") or "")
            if ts.startswith(prefix):
                counts[ts] = counts.get(ts, 0) + 1
        for call in self.fake.of("response_url"):
            name = call.path.removeprefix("/response/")
            if name.startswith(self.tag + "-c"):
                replaces = str(call.params.get("replace_original")).lower() == "true"
                counts[name] = counts.get(name, 0) + (0 if visible_only and replaces and name in counts else 1)
        return counts

    def wait_answered(self, timeout: float) -> float:
        """Wait until every accepted request is answered (or the timeout); returns the seconds waited."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.accepted <= set(self.answers()):
                break
            time.sleep(0.2)
        return time.monotonic() - start

    def tally(self) -> dict:
        """accepted, refused, answered, lost; duplicated = extra answers a person would see;
        resent = extra deliveries in all (replies that replaced their own earlier copy in place)."""
        answers, visible = self.answers(), self.answers(visible_only=True)
        return {"accepted": len(self.accepted), "refused": len(self.refused),
                "answered": len(self.accepted & set(answers)),
                "lost": len(self.accepted - set(answers)),
                "duplicated": sum(n - 1 for n in visible.values() if n > 1),
                "resent": sum(n - 1 for n in answers.values() if n > 1),
                "duplicated_keys": sorted(k for k, n in answers.items() if n > 1)}


def quiet_kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)


def answer_latencies(burst: Burst) -> list[float]:
    """Seconds from sending each accepted request to its first answer arriving at the fake Slack."""
    first: dict[str, float] = {}
    prefix = str(abs(hash(burst.tag)) % 10**6) + "."
    for call in burst.fake.of("chat.postMessage"):
        ts = str(call.params.get("thread_ts") or "")
        if ts.startswith(prefix):
            first[ts] = min(first.get(ts, call.at), call.at)
    for call in burst.fake.of("response_url"):
        name = call.path.removeprefix("/response/")
        if name.startswith(burst.tag + "-c"):
            first[name] = min(first.get(name, call.at), call.at)
    return [first[k] - burst.sent_at[k] for k in burst.accepted if k in first]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def eventually(read, expected, timeout: float = 30.0):
    """Wait until `read()` returns `expected`, and return the last value read.

    The app records some things just after the call a test can observe (a decision is saved only
    once the requester's DM went out), so the test must wait for the state, not read it once.
    """
    deadline = time.monotonic() + timeout
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value
