"""A fake Slack Socket Mode endpoint for the tests: a WebSocket server on loopback.

`apps.connections.open` on tests/fake_slack.py hands out this server's ws:// URL. When the
app connects, the server says hello, delivers the envelopes the test queued (events, slash
commands, interactivity, exactly as Slack frames them), and records every message the app
sends back, so a test can check that each envelope was acknowledged on the socket.
"""

from __future__ import annotations

import json
import queue
import threading
import time

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve


class FakeSocketMode:
    """Delivers queued envelopes to whoever connects; records acknowledgements by envelope id."""

    def __init__(self) -> None:
        self.outbox: queue.Queue[dict] = queue.Queue()
        self.acks: dict[str, dict] = {}
        self.connections = 0
        self._lock = threading.Lock()
        self.server = serve(self._session, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=test"

    def start(self) -> FakeSocketMode:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(10)

    def deliver(self, envelope_type: str, payload: dict, envelope_id: str,
                accepts_response_payload: bool = False) -> None:
        """Queue one envelope, framed as Slack frames it."""
        self.outbox.put({"envelope_id": envelope_id, "type": envelope_type, "payload": payload,
                         "accepts_response_payload": accepts_response_payload, "retry_attempt": 0,
                         "retry_reason": ""})

    def wait_for_ack(self, envelope_id: str, timeout: float = 30.0) -> dict:
        """The app's acknowledgement of an envelope (with its response payload, if any)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if envelope_id in self.acks:
                    return self.acks[envelope_id]
            time.sleep(0.05)
        raise AssertionError(f"envelope {envelope_id} was not acknowledged; acks: {list(self.acks)}")

    def _session(self, connection: ServerConnection) -> None:
        with self._lock:
            self.connections += 1
        connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                    "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                                    "connection_info": {"app_id": "A1"}}))
        try:
            while True:
                try:
                    while True:
                        connection.send(json.dumps(self.outbox.get_nowait()))
                except queue.Empty:
                    pass
                try:
                    raw = connection.recv(timeout=0.05)
                except TimeoutError:
                    continue
                message = json.loads(raw) if isinstance(raw, str) else {}
                if message.get("envelope_id"):
                    with self._lock:
                        self.acks[message["envelope_id"]] = message
        except ConnectionClosed:
            return
