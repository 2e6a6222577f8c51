"""Issue 10 end to end: signed requests to the Bolt app over HTTP, Web API calls to the fake Slack.

/guidebot settings, channel modes (mentions, questions, off), thread follow-ups, private
answers with Share/Keep, feedback reasons, the report's data, reminders, reviewed answers.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
import uvicorn

from tests.fake_slack import FakeSlack
from tests.test_slack_app import _free_port, post_event, post_form, post_interaction

SECRET = "test-signing-secret-0123456789"
TOKEN = "xoxb-test-token-0123456789"
REVIEWERS = "CREVIEW"
ADMIN = "UADMIN"


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, bundled_engine, tmp_path_factory):
    from bot.settings import Settings
    from bot.slack.app import build_app, make_client
    from bot.slack.db import StateStore
    from bot.slack.server import http_app

    data = tmp_path_factory.mktemp("features")
    settings = Settings(data_dir=data, knowledge_dir=bundled_engine.settings.knowledge_dir,
                        slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_base_url=fake.base_url, escalation_channel=REVIEWERS, admins=f"{ADMIN},UADMIN2",
                        escalation_contact="the Social Computing team", _env_file=None)
    state = StateStore(settings.resolved_database_url, settings.draft_retention_days)
    app, service = build_app(settings, bundled_engine, state=state, client=make_client(settings))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(http_app(app, bundled_engine), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    yield {"url": f"http://127.0.0.1:{port}", "settings": settings, "service": service, "state": state, "app": app}
    server.should_exit = True
    thread.join(10)


@pytest.fixture(autouse=True)
def _clean(fake):
    fake.reset()
    yield


_ts = iter(range(1, 1_000_000))


def ts() -> str:
    return f"17000{next(_ts):05d}.000100"


def quiet(fake, method: str = "chat.postMessage", seconds: float = 0.8) -> None:
    """Give the app time to (wrongly) answer, then make sure it did not."""
    time.sleep(seconds)
    assert not fake.of(method), [c.params.get("text") for c in fake.of(method)]


def slash(fake, text: str, user: str = ADMIN, channel: str = "C100", command: str = "/guidebot", team: str = "T1") -> dict:
    return {"command": command, "text": text, "user_id": user, "user_name": "pat", "channel_id": channel,
            "team_id": team, "trigger_id": "trig-1", "response_url": fake.response_url("cmd")}


def mention(channel: str, text: str, user: str = "U1", thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "channel": channel, "user": user, "text": f"<@UBOT> {text}", "ts": ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def channel_msg(channel: str, text: str, user: str = "U1", thread_ts: str | None = None, stamp: str | None = None) -> dict:
    event = {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text,
             "ts": stamp or ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def set_mode(stack, fake, channel: str, *words: str) -> str:
    response = post_form(stack, slash(fake, " ".join(words), channel=channel))
    assert response.status_code == 200
    return response.json()["text"]


# --- 2. /guidebot settings ---------------------------------------------------------------------

def test_guidebot_help_and_mode_are_private(stack, fake):
    response = post_form(stack, slash(fake, "help"))
    body = response.json()
    assert body["response_type"] == "ephemeral" and "/guidebot mode mentions" in body["text"]
    assert "/guidebot private" in body["text"] and "/guidebot reviewed" in body["text"]
    assert "*mentions*" in set_mode(stack, fake, "C101", "mode")  # the default


def test_only_admins_change_modes(stack, fake):
    response = post_form(stack, slash(fake, "mode off", user="UNOBODY", channel="C102"))
    assert "Only guidebot admins" in response.json()["text"]
    assert "*mentions*" in set_mode(stack, fake, "C102", "mode")
    assert "now *off*" in set_mode(stack, fake, "C102", "mode", "off")
    assert "*off*" in set_mode(stack, fake, "C102", "mode")


def test_bad_mode_gets_one_clear_line(stack, fake):
    text = set_mode(stack, fake, "C103", "mode", "loud")
    assert text.startswith("Unknown mode `loud`") and "\n" not in text
    assert "Unknown command `frobnicate`" in set_mode(stack, fake, "C103", "frobnicate")
    assert "apply to channels" in set_mode(stack, fake, "D103", "mode", "off")


def test_off_mode_ignores_mentions_with_a_private_note(stack, fake):
    set_mode(stack, fake, "C104", "mode", "off")
    post_event(stack, mention("C104", "can I post about politics?", user="U9"))
    note = fake.wait_for("chat.postEphemeral")[0]
    assert note.params["user"] == "U9" and "switched off in this channel" in note.params["text"]
    quiet(fake)


def test_mentions_mode_ignores_plain_questions(stack, fake):
    post_event(stack, channel_msg("C105", "Can I mention a client on LinkedIn?"))
    quiet(fake)


def test_questions_mode_answers_strong_questions_in_a_thread(stack, fake):
    set_mode(stack, fake, "C106", "mode", "questions")
    stamp = ts()
    post_event(stack, channel_msg("C106", "Can I mention a client on LinkedIn?", stamp=stamp))
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["channel"] == "C106" and call.params["thread_ts"] == stamp
    assert "Client" in json.dumps(call.params["blocks"])


@pytest.mark.parametrize("text", ["What is the guest wifi password?", "Lunch at noon, everyone", "thanks!"])
def test_questions_mode_stays_silent_without_strong_evidence(stack, fake, text):
    set_mode(stack, fake, "C107", "mode", "questions")
    post_event(stack, channel_msg("C107", text))
    quiet(fake)


def test_channel_message_with_a_mention_is_answered_once(stack, fake):
    set_mode(stack, fake, "C108", "mode", "questions")
    event = mention("C108", "Can I mention a client on LinkedIn?")
    post_event(stack, {**event, "type": "message", "channel_type": "channel"})
    post_event(stack, event)
    fake.wait_for("chat.postMessage")
    quiet(fake, "chat.postEphemeral", 0.8)
    assert len(fake.of("chat.postMessage")) == 1


def test_modes_are_per_channel(stack, fake):
    set_mode(stack, fake, "C109", "mode", "off")
    post_event(stack, mention("C110", "can I post about politics?"))
    assert fake.wait_for("chat.postMessage")[0].params["channel"] == "C110"
