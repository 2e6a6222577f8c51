"""A fake Slack Web API for the tests: a real HTTP server on loopback that records every call.

The app's WebClient is pointed at it through SLACK_API_BASE_URL, exactly as a GovSlack
deployment would point it elsewhere. `response_url` posts land here too.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


@dataclass
class Call:
    method: str  # "chat.postMessage", or "response_url"
    params: dict
    headers: dict
    path: str = ""  # for response_url calls: /response/<name>
    at: float = 0.0  # time.time() when it arrived


class FakeSlack:
    """Records calls; answers like Slack; can fail a channel or rate-limit a method."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.cannot_post: set[str] = set()
        self.rate_limit: dict[str, int] = {}  # method -> how many 429s to answer first
        self.fail: dict[str, list[int]] = {}  # method (or "response_url") -> HTTP statuses to answer first
        self.delay: dict[str, float] = {}  # method (or "response_url") -> seconds to wait before answering
        self.chaos_every = 0  # when N > 0: of every N answer-carrying calls, one is slow and one fails (500)
        self.chaos_slow_seconds = 1.0
        self._chaos = itertools.count()
        self.members: list[str] = []
        # callables (method, params) -> an error code, or None: make Slack refuse particular calls
        self.failures: list = []
        self.socket_url: str | None = None  # what apps.connections.open hands out (tests/fake_socket.py)
        self._ts = itertools.count(1)
        self.posted: list[dict] = []  # chat.postMessage calls answered ok, with their ts (conversations.history)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):  # conversations.replies and other reads: parameters in the query string
                path, _, query = self.path.partition("?")
                method = path.removeprefix("/api/")
                params = {k: v[0] for k, v in parse_qs(query).items()}
                fake._record(method, params, self.headers)
                self._send(200, json.dumps(fake._answer(method, params)))

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                    for key in ("blocks", "view", "prompts"):
                        if isinstance(params.get(key), str):
                            params[key] = json.loads(params[key])
                method = "response_url" if self.path.startswith("/response/") else self.path.removeprefix("/api/")
                with fake.lock:
                    pause = fake.delay.get(method, 0.0)
                    failures = fake.fail.get(method) or []
                    status = failures.pop(0) if failures else None
                    if fake.chaos_every and method in ("chat.postMessage", "response_url"):
                        turn = next(fake._chaos) % fake.chaos_every
                        pause = pause + (fake.chaos_slow_seconds if turn == 0 else 0.0)
                        status = 500 if turn == 1 and status is None else status
                if pause:
                    time.sleep(pause)
                if status is not None:
                    fake._record(f"{method} ({status})", params, self.headers)
                    self._send(status, json.dumps({"ok": False, "error": "fake_failure"}), extra={"Retry-After": "1"})
                    return
                if method == "response_url":
                    fake._record("response_url", params, self.headers, self.path)
                    self._send(200, "ok", "text/plain")
                    return
                with fake.lock:
                    remaining = fake.rate_limit.get(method, 0)
                    if remaining:
                        fake.rate_limit[method] = remaining - 1
                if remaining:
                    fake._record(method + " (429)", params, self.headers)
                    self._send(429, json.dumps({"ok": False, "error": "ratelimited"}), extra={"Retry-After": "1"})
                    return
                error = next((e for e in (rule(method, params) for rule in list(fake.failures)) if e), None)
                if error:
                    fake._record(f"{method} ({error})", params, self.headers)
                    self._send(200, json.dumps({"ok": False, "error": error}))
                    return
                fake._record(method, params, self.headers)
                self._send(200, json.dumps(fake._answer(method, params)))

            def _send(self, status, body, ctype="application/json", extra=None):
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256  # bursts of hundreds of calls in the load tests

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def _record(self, method, params, headers, path=""):
        with self.lock:
            self.calls.append(Call(method, params, dict(headers), path, time.time()))

    def _answer(self, method: str, params: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "guidebot"}
        if method == "chat.postMessage":
            channel = params.get("channel")
            if channel in self.cannot_post:
                return {"ok": False, "error": "not_in_channel"}
            ts = f"{time.time() + next(self._ts) / 1000:.6f}"  # after any job accepted before it, like Slack's
            with self.lock:
                self.posted.append({"channel": channel, "ts": ts, "params": params})
            return {"ok": True, "channel": channel, "ts": ts}
        if method == "chat.postEphemeral":
            if params.get("channel") in self.cannot_post:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "message_ts": "1700000000.000200"}
        if method in ("views.open", "views.publish"):
            return {"ok": True, "view": {"id": "V1"}}
        if method == "conversations.replies":
            with self.lock:
                posted = [c.params for c in self.calls if c.method == "chat.postMessage"
                          and c.params.get("channel") == params.get("channel")
                          and params.get("ts") in (c.params.get("thread_ts"), c.params.get("ts"))]
            return {"ok": True, "messages": [{"type": "message", "text": p.get("text", ""), "thread_ts": params.get("ts"),
                                              "metadata": p.get("metadata")} for p in posted]}
        if method == "conversations.history":  # newest first, as Slack lists them
            with self.lock:
                posted = [p for p in self.posted if p["channel"] == params.get("channel")
                          and float(p["ts"]) >= float(params.get("oldest") or 0)]
            return {"ok": True, "messages": [{"type": "message", "text": p["params"].get("text", ""), "ts": p["ts"],
                                              "metadata": p["params"].get("metadata")} for p in reversed(posted)]}
        if method == "apps.connections.open":
            if not self.socket_url:
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": self.socket_url}
        if method == "conversations.members":
            return {"ok": True, "members": self.members, "response_metadata": {"next_cursor": ""}}
        return {"ok": True}

    # -- test helpers ------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.posted.clear()
            self.cannot_post.clear()
            self.rate_limit.clear()
            self.fail.clear()
            self.delay.clear()
            self.chaos_every = 0
            self.members = []
            self.failures = []

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30.0, where=None) -> list[Call]:
        """Wait until `count` calls of `method` (matching `where`) arrived; fail clearly if not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [c for c in self.of(method) if where is None or where(c)]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} call(s) of {method}; got {[c.method for c in self.calls]}")
