"""Socket Mode stops like HTTP mode: on SIGTERM it disconnects first (Slack redelivers anything not
yet acknowledged to another connection), then finishes the work in hand."""

from __future__ import annotations

import os
import signal
import threading


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
