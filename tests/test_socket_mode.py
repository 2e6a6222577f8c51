"""The Slack app over Socket Mode, end to end, against local fakes.

apps.connections.open (tests/fake_slack.py) returns a ws:// URL on loopback; the WebSocket
server there (tests/fake_socket.py) delivers an event envelope and a slash command, and the
test checks that each is acknowledged on the socket and answered through the fake Web API.
The app is built and connected exactly as `guidebot serve` does without --http: Bolt's
SocketModeHandler with the app-level token.

Socket Mode also stops like HTTP mode: on SIGTERM it disconnects first (Slack redelivers anything
not yet acknowledged to another connection), then finishes the work in hand.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

from tests.blockkit import validate_message
from tests.fake_slack import FakeSlack
from tests.fake_socket import FakeSocketMode
from tests.slack_helpers import SECRET, TOKEN

APP_TOKEN = "xapp-1-test-app-token-0123456789"


@pytest.fixture
def socket_stack(bundled_engine, tmp_path):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.settings import Settings
    from bot.slack.app import build_app, make_client
    from bot.slack.db import StateStore

    fake, socket = FakeSlack().start(), FakeSocketMode().start()
    fake.socket_url = socket.url
    settings = Settings(data_dir=tmp_path, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_app_token=APP_TOKEN, slack_api_base_url=fake.base_url, _env_file=None)
    app, service = build_app(settings, bundled_engine, state=StateStore(settings.resolved_database_url),
                             client=make_client(settings))
    service.dispatcher.start()  # as `guidebot serve` does in Socket Mode
    handler = SocketModeHandler(app, settings.slack_app_token.get_secret_value())
    handler.connect()
    try:
        yield fake, socket
    finally:
        handler.close()
        service.dispatcher.drain(5.0)
        socket.stop()
        fake.stop()


def test_event_and_slash_command_over_socket_mode(socket_stack):
    fake, socket = socket_stack
    opened = fake.wait_for("apps.connections.open")[0]
    assert opened.headers.get("Authorization") == f"Bearer {APP_TOKEN}"  # the app-level token, not the bot's

    socket.deliver("events_api", envelope_id="env-event-1", payload={
        "type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": "EvSocket1",
        "event_time": int(time.time()), "authorizations": [{"user_id": "UBOT", "is_bot": True, "team_id": "T1"}],
        "event": {"type": "message", "channel": "D123", "channel_type": "im", "user": "U1",
                  "text": "Can I mention a client on LinkedIn?", "ts": "1700000090.000100"}})
    socket.deliver("slash_commands", envelope_id="env-command-1", accepts_response_payload=True, payload={
        "command": "/canipost", "text": "Buy our stock before Thursday's earnings call, trust me", "user_id": "U1",
        "user_name": "pat", "channel_id": "C42", "team_id": "T1", "trigger_id": "trig-s",
        "response_url": fake.response_url("socket-cmd")})

    assert socket.wait_for_ack("env-event-1")["envelope_id"] == "env-event-1"
    command_ack = socket.wait_for_ack("env-command-1")
    assert command_ack["payload"]["response_type"] == "ephemeral" and "Checking" in command_ack["payload"]["text"]

    answer = fake.wait_for("chat.postMessage")[0]
    assert answer.params["channel"] == "D123" and answer.params["thread_ts"] == "1700000090.000100"
    validate_message(answer.params)
    assert "Clients, partners and suppliers" in json.dumps(answer.params["blocks"])

    verdict = fake.wait_for("response_url")[0]
    assert verdict.params["response_type"] == "ephemeral"
    validate_message(verdict.params)
    assert "Don't post this yet" in json.dumps(verdict.params["blocks"])


class FakeHandler:
    events: list[str] = []

    def __init__(self, app, token) -> None:
        self.token = token

    def connect(self) -> None:
        FakeHandler.events.append("connect")
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()

    def close(self) -> None:
        FakeHandler.events.append("close")


class FakeDispatcher:
    def __init__(self) -> None:
        self.started = False
        self.drained_with: float | None = None

    def start(self) -> None:
        self.started = True

    def drain(self, grace: float) -> int:
        FakeHandler.events.append("drain")
        self.drained_with = grace
        return 0


def test_sigterm_disconnects_then_drains(monkeypatch):
    import slack_bolt.adapter.socket_mode as socket_mode

    from bot.settings import Settings
    from bot.slack.server import Lifecycle, _serve_socket_mode

    monkeypatch.setattr(socket_mode, "SocketModeHandler", FakeHandler)
    settings = Settings(slack_app_token="xapp-test", _env_file=None)
    dispatcher = FakeDispatcher()
    service = type("Service", (), {"dispatcher": dispatcher})()
    lifecycle = Lifecycle(dispatcher, grace=7.0)
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        _serve_socket_mode(app=None, settings=settings, service=service, lifecycle=lifecycle)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
    assert dispatcher.started
    assert FakeHandler.events == ["connect", "close", "drain"]
    assert 5.0 <= dispatcher.drained_with < 7.0 and lifecycle.draining  # room left to hand work back and exit
