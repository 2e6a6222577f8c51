"""The HTTP edge as an attacker or a broken client would hit it: sizes, signatures, bad bodies.

Every request here is refused with a 4xx and at most one short log line; none makes the
server buffer more than the 1 MB limit or log a traceback.
"""

from __future__ import annotations

import json
import logging
import socket
import time

import httpx
import pytest

from tests.fake_slack import FakeSlack
from tests.slack_helpers import SECRET, TOKEN, InProcess, dm, event_body, sign


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, bundled_engine, tmp_path_factory):
    from bot.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("edge"), slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_base_url=fake.base_url, _env_file=None)
    server = InProcess(settings, bundled_engine)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _clean(fake):
    fake.reset()


def _no_tracebacks(caplog) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a bad request logged a traceback"
    assert "Traceback" not in caplog.text


def _rss_kb() -> int:
    from pathlib import Path

    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_declared_oversized_body_is_refused_before_reading(stack, caplog):
    caplog.set_level(logging.INFO)
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as sock:
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 104857600\r\n\r\n" + b"{" * 1000)
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 413")
    _no_tracebacks(caplog)


def test_streamed_100mb_body_is_cut_off_at_the_limit(stack, caplog):
    """A chunked upload declares no length: it is refused once past 1 MB, and memory barely moves."""
    caplog.set_level(logging.INFO)
    chunk = b"x" * 65536
    sent = 0

    def body():
        nonlocal sent
        for _ in range(1600):  # 100 MiB
            sent += len(chunk)
            yield chunk

    before = _rss_kb()
    try:
        response = httpx.post(stack.url + "/slack/events", content=body(), timeout=60,
                              headers={"Content-Type": "application/json"})
        status = response.status_code
    except httpx.HTTPError:  # the server may close the connection while the client is still sending
        status = 413
    growth_mb = (_rss_kb() - before) / 1024
    assert status == 413
    assert sent < 100 * 1024 * 1024, "the server read the whole 100 MB"
    assert growth_mb < 5, f"memory grew {growth_mb:.1f} MB for an unauthenticated body"
    _no_tracebacks(caplog)


def test_client_disconnect_mid_body_is_one_short_line(stack, caplog):
    caplog.set_level(logging.INFO)
    with socket.create_connection(("127.0.0.1", stack.port), timeout=30) as sock:
        sock.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 5000\r\n\r\n{\"type\":")
    deadline = time.monotonic() + 30
    while "disconnected" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.1)
    lines = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(lines) == 1 and lines[0].levelno <= logging.INFO
    _no_tracebacks(caplog)


@pytest.mark.parametrize("body, content_type", [
    (b"{not json", "application/json"),
    (b"[1, 2, 3]", "application/json"),
    (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    (b"payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
    (b"\xff\xfe\x00binary\x80\x81", "application/x-www-form-urlencoded"),
    (b"{\"type\": \"event_callback\", \"x\": \"\xff\"}", "application/json"),
])
def test_signed_malformed_bodies_get_400(stack, fake, caplog, body, content_type):
    caplog.set_level(logging.INFO)
    response = httpx.post(stack.url + "/slack/events", content=body, timeout=30,
                          headers={"Content-Type": content_type, **sign(body)})
    assert response.status_code == 400
    _no_tracebacks(caplog)
    assert not fake.calls


@pytest.mark.parametrize("headers", [
    {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": "v0=abc"},
    {"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": "v0=abc"},
    {"X-Slack-Request-Timestamp": "12.5", "X-Slack-Signature": "v0=abc"},
    {"X-Slack-Signature": "v0=abc"},
    {},
])
def test_bad_signature_headers_get_401(stack, caplog, headers):
    caplog.set_level(logging.INFO)
    body = event_body(dm("Can I mention a client?"))
    response = httpx.post(stack.url + "/slack/events", content=body, timeout=30,
                          headers={"Content-Type": "application/json", **headers})
    assert response.status_code == 401
    _no_tracebacks(caplog)


def test_unsigned_malformed_body_is_refused_before_parsing(stack, caplog):
    caplog.set_level(logging.INFO)
    response = httpx.post(stack.url + "/slack/events", content=b"[[[", timeout=30,
                          headers={"Content-Type": "application/json", **sign(b"something else")})
    assert response.status_code == 401
    _no_tracebacks(caplog)


def test_a_good_request_still_works(stack, fake):
    body = event_body(dm("Can I mention a client on LinkedIn?"))
    response = httpx.post(stack.url + "/slack/events", content=body, timeout=30,
                          headers={"Content-Type": "application/json", **sign(body)})
    assert response.status_code == 200
    assert fake.wait_for("chat.postMessage", timeout=60)[0].params["channel"] == "D123"
    assert json.dumps(fake.of("chat.postMessage")[0].params["blocks"])
