"""The Slack app end to end over HTTP: signed requests in, Web API calls out (to a fake Slack).

The Bolt app runs under uvicorn on a free loopback port exactly as in production
(`guidebot serve --http`); its WebClient talks to tests/fake_slack.py, which records every call.
"""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest

from tests.fake_slack import FakeSlack
from tests.slack_helpers import (
    REVIEWERS,
    SECRET,
    TOKEN,
    InProcess,
    block_action,
    dm,
    eventually,
    free_port,
    post_event,
    post_form,
    post_interaction,
    sign,
)


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, bundled_engine, tmp_path_factory):
    """Settings, the Bolt app and its HTTP server, sharing the bundled engine."""
    from bot.settings import Settings

    data = tmp_path_factory.mktemp("slack")
    settings = Settings(data_dir=data, slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_base_url=fake.base_url, escalation_channel=REVIEWERS,
                        escalation_contact="the Social Computing team", _env_file=None)
    server = InProcess(settings, bundled_engine)
    yield server.stack
    server.stop()


@pytest.fixture(autouse=True)
def _clean(request, fake):
    fake.reset()
    yield


def check_blocks(blocks: list[dict]) -> None:
    """Slack's limits and no broadcast markup anywhere."""
    from slack_sdk.models.blocks import Block

    for block in blocks:  # Block Kit as slack_sdk's models define it (types, fields, limits)
        parsed = Block.parse(block)
        assert parsed is not None, block
        parsed.validate_json()
    assert 0 < len(blocks) <= 50
    raw = json.dumps(blocks)
    for bad in ("<!channel>", "<!here>", "<!everyone>", "<@U999>"):
        assert bad not in raw
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        for element in block.get("elements", []):
            assert len(element.get("value", "")) <= 2000


# --- URL verification, signatures ------------------------------------------------------------------

def test_url_verification(stack):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
    response = httpx.post(stack["url"] + "/slack/events", content=body,
                          headers={"Content-Type": "application/json", **sign(body)})
    assert response.status_code == 200 and "abc123" in response.text


def test_forged_and_stale_signatures_are_rejected(stack, fake):
    forged = post_event(stack, dm("Can I mention a client?"), secret="not-the-secret")
    stale = post_event(stack, dm("Can I mention a client?"), ts=int(time.time()) - 3600)
    assert forged.status_code == 401 and stale.status_code == 401
    time.sleep(0.5)
    assert not fake.of("chat.postMessage")


def test_health(stack):
    response = httpx.get(stack["url"] + "/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


# --- DMs and assistant threads --------------------------------------------------------------------

def test_dm_answered_in_thread_with_citations(stack, fake):
    assert post_event(stack, dm("Can I mention a client on LinkedIn?")).status_code == 200
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["channel"] == "D123" and call.params["thread_ts"] == "1700000001.000100"
    check_blocks(call.params["blocks"])
    text = json.dumps(call.params["blocks"])
    assert "Clients, partners and suppliers" in text
    assert "feedback_helpful" in text and "escalate_open" in text
    assert call.params["text"]  # plain-text fallback for notifications


def test_dm_with_broadcast_markup_never_notifies(stack, fake):
    post_event(stack, dm("<!channel> <!here> <@U999> check: our unreleased pricing is attached"))
    call = fake.wait_for("chat.postMessage")[0]
    check_blocks(call.params["blocks"])
    assert "<!channel>" not in call.params["text"]
    assert "escalate" in json.dumps(call.params["blocks"]).lower()


def test_dm_check_prefix_gives_a_verdict(stack, fake):
    post_event(stack, dm("check: Our Q3 revenue is up 30%, big announcement coming!"))
    blocks = json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])
    assert "Don't post this yet" in blocks and "Financial" in blocks


def test_assistant_thread_started(stack, fake):
    event = {"type": "assistant_thread_started", "assistant_thread": {
        "user_id": "U1", "channel_id": "D123", "thread_ts": "1700000009.000100", "context": {}},
        "event_ts": "1700000009.000200"}
    post_event(stack, event)
    prompts = fake.wait_for("assistant.threads.setSuggestedPrompts")[0]
    assert prompts.params["thread_ts"] == "1700000009.000100"
    assert fake.wait_for("chat.postMessage")[0].params["thread_ts"] == "1700000009.000100"


def test_message_in_assistant_thread_sets_status_and_answers(stack, fake):
    post_event(stack, dm("Can I post photos of my coworkers?", ts="1700000010.000300", thread_ts="1700000009.000100"))
    assert fake.wait_for("assistant.threads.setStatus")[0].params["status"] == "looking it up…"
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["thread_ts"] == "1700000009.000100"
    assert "Privacy of colleagues" in json.dumps(call.params["blocks"])


def test_retried_event_is_answered_once(stack, fake):
    post_event(stack, dm("Can I list my employer on my LinkedIn profile?"), event_id="EvRetry1")
    fake.wait_for("chat.postMessage")
    assert post_event(stack, dm("Can I list my employer on my LinkedIn profile?"), event_id="EvRetry1",
                      retry=1).status_code == 200
    time.sleep(1.0)
    assert len(fake.of("chat.postMessage")) == 1


def test_retry_handled_by_another_process_is_skipped(stack, fake, bundled_engine):
    """A second app (another process in production) sharing the database skips the event."""
    from bot.slack.app import build_app, make_client
    from bot.slack.db import StateStore

    settings = stack["settings"]
    assert stack["state"].first_time("EvOtherProcess")  # the other process took it
    other_state = StateStore(settings.resolved_database_url)
    assert not other_state.first_time("EvOtherProcess")
    post_event(stack, dm("Can I mention a client?"), event_id="EvOtherProcess", retry=2)
    time.sleep(1.0)
    assert not fake.of("chat.postMessage")
    build_app(settings, bundled_engine, state=other_state, client=make_client(settings))  # builds fine twice


@pytest.mark.parametrize("event", [
    dm("I am a bot", bot_id="B999"),
    dm("edited", subtype="message_changed"),
    dm("joined", subtype="channel_join"),
    dm("from myself", user="UBOT", bot_id="BBOT"),
])
def test_bot_messages_and_subtypes_are_ignored(stack, fake, event):
    assert post_event(stack, event).status_code == 200
    time.sleep(0.8)
    assert not fake.of("chat.postMessage")


def test_empty_dm_gets_help(stack, fake):
    post_event(stack, dm("   "))
    text = json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])
    assert "empty" in text


def test_file_share_without_text(stack, fake):
    post_event(stack, dm("", subtype="file_share", files=[{"id": "F1", "name": "draft.png"}]))
    text = json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])
    assert "I can only read text" in text


def test_huge_dm_is_answered_with_a_note(stack, fake):
    post_event(stack, dm("Can I name a client in my post? " + "x" * 40_000))
    call = fake.wait_for("chat.postMessage", timeout=60)[0]
    check_blocks(call.params["blocks"])
    assert "characters; I read the first" in json.dumps(call.params["blocks"])


def test_rate_limited_post_is_retried(stack, fake):
    fake.rate_limit["chat.postMessage"] = 1
    post_event(stack, dm("Can I share a Brightwater press release?"))
    fake.wait_for("chat.postMessage", timeout=30)
    assert len(fake.of("chat.postMessage (429)")) == 1


# --- mentions -------------------------------------------------------------------------------------

def test_mention_answered_in_thread(stack, fake):
    event = {"type": "app_mention", "channel": "C42", "user": "U1", "text": "<@UBOT> can I post about politics?",
             "ts": "1700000020.000100"}
    post_event(stack, event)
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["channel"] == "C42" and call.params["thread_ts"] == "1700000020.000100"
    check_blocks(call.params["blocks"])


def test_mention_where_bot_cannot_post_falls_back_to_dm(stack, fake):
    fake.cannot_post.add("CNOPE")
    post_event(stack, {"type": "app_mention", "channel": "CNOPE", "user": "U7", "text": "<@UBOT> can I tweet?",
                       "ts": "1700000021.000100"})
    calls = fake.wait_for("chat.postMessage", count=2)
    assert calls[1].params["channel"] == "U7"
    assert "invite me" in calls[1].params["text"]


def test_missing_index_gets_a_helpful_reply(stack, fake, tmp_path):
    from bot.engine import Engine
    from ingest.store import LocalStore

    service = stack["service"]
    real = service.engine
    service.engine = Engine(real.settings, embeddings=real.embeddings, store=LocalStore(tmp_path / "no-index"))
    try:
        post_event(stack, dm("Can I mention a client?"))
        text = json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])
        assert "can't reach the guidelines" in text
    finally:
        service.engine = real
    post_event(stack, dm("Can I mention a client?", ts="1700000030.000100"))  # and the app keeps serving
    fake.wait_for("chat.postMessage", count=2)


# --- /canipost ------------------------------------------------------------------------------------

def command(fake, text: str) -> dict:
    return {"command": "/canipost", "text": text, "user_id": "U1", "user_name": "pat", "channel_id": "C42",
            "team_id": "T1", "trigger_id": "trig-1", "response_url": fake.response_url("cmd")}


def test_canipost_with_text_is_private(stack, fake):
    response = post_form(stack, command(fake, "Buy our stock before Thursday's earnings call, trust me"))
    assert response.status_code == 200 and "Checking" in response.text
    call = fake.wait_for("response_url")[0]
    assert call.params["response_type"] == "ephemeral"
    check_blocks(call.params["blocks"])
    assert "Don't post this yet" in json.dumps(call.params["blocks"])


def test_canipost_without_text_opens_modal(stack, fake):
    post_form(stack, command(fake, ""))
    view = fake.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == "canipost_modal" and view["type"] == "modal"


def test_canipost_help(stack, fake):
    response = post_form(stack, command(fake, "help"))
    assert "How to use /canipost" in response.text
    assert not fake.of("response_url")


def test_modal_submission_gives_private_verdict(stack, fake):
    payload = {"type": "view_submission", "user": {"id": "U1"}, "team": {"id": "T1"},
               "view": {"id": "V1", "type": "modal", "callback_id": "canipost_modal", "private_metadata": json.dumps({"channel": "C42"}),
                        "state": {"values": {"draft": {"text": {"type": "plain_text_input",
                                                                "value": "Spent the weekend hiking with my kids!"}}}}}}
    assert post_interaction(stack, payload).status_code == 200
    call = fake.wait_for("chat.postEphemeral")[0]
    assert call.params["channel"] == "C42" and call.params["user"] == "U1"
    assert "OK to post" in json.dumps(call.params["blocks"])


def test_empty_modal_submission_shows_field_error(stack):
    payload = {"type": "view_submission", "user": {"id": "U1"}, "team": {"id": "T1"},
               "view": {"id": "V1", "type": "modal", "callback_id": "canipost_modal", "private_metadata": "{}",
                        "state": {"values": {"draft": {"text": {"type": "plain_text_input", "value": "  "}}}}}}
    response = post_interaction(stack, payload)
    assert response.json()["response_action"] == "errors"


# --- shortcut -------------------------------------------------------------------------------------

def test_message_shortcut_checks_privately(stack, fake):
    payload = {"type": "message_action", "callback_id": "check_this_post", "trigger_id": "t", "team": {"id": "T1"},
               "user": {"id": "U1"}, "channel": {"id": "C42"}, "response_url": fake.response_url("sc"),
               "message": {"type": "message", "text": "We had a data breach last week, only a few records leaked.",
                           "ts": "1700000040.000100", "user": "U2"}}
    assert post_interaction(stack, payload).status_code == 200
    call = fake.wait_for("response_url")[0]
    assert call.params["response_type"] == "ephemeral"
    assert "Outages, incidents or legal matters" in json.dumps(call.params["blocks"])


# --- feedback and escalation ----------------------------------------------------------------------

def test_feedback_is_stored(stack, fake):
    from sqlalchemy import select

    from bot.slack.db import Feedback

    post_interaction(stack, block_action(fake, "feedback_not_helpful", json.dumps({"k": "question", "q": "Can I vlog?"})))
    assert "sorry it didn't help" in fake.wait_for("response_url")[0].params["text"]
    with stack["state"].session() as session:
        rows = list(session.scalars(select(Feedback).where(Feedback.question == "Can I vlog?")))
    assert rows and rows[0].helpful is False


def test_ask_a_manager_without_reviewer_channel_names_the_contact(stack, fake):
    service = stack["service"]
    saved = service.settings
    service.settings = saved.model_copy(update={"escalation_channel": None})
    try:
        post_interaction(stack, block_action(fake, "escalate_open", json.dumps({"k": "check", "q": "Q3 is up"})))
        assert service.engine.escalation_contact() in fake.wait_for("response_url")[0].params["text"]
        assert not fake.of("views.open")
    finally:
        service.settings = saved


def test_escalation_round_trip(stack, fake):
    # 1. "Ask a manager" opens the modal
    value = json.dumps({"k": "check", "q": "Our Q3 revenue is up 30% <!channel>"})
    post_interaction(stack, block_action(fake, "escalate_open", value))
    view = fake.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == "escalate_modal"
    # 2. submitting it posts to the reviewers and confirms to the requester
    submission = {"type": "view_submission", "user": {"id": "U1"}, "team": {"id": "T1"},
                  "view": {"id": "V2", "type": "modal", "callback_id": "escalate_modal", "private_metadata": view["private_metadata"],
                           "state": {"values": {"note": {"text": {"type": "plain_text_input", "value": "For the launch"}}}}}}
    post_interaction(stack, submission)
    posted = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == REVIEWERS)[0]
    check_blocks(posted.params["blocks"])
    blocks = json.dumps(posted.params["blocks"])
    assert "review_approve" in blocks and "For the launch" in blocks and "Don't post this yet" in blocks
    confirm = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U1")[0]
    escalation_id = int(confirm.params["blocks"][0]["text"]["text"].split("#")[1].split(".")[0])
    # 3. a non-member cannot decide
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_approve", str(escalation_id), user="UOUT", channel=REVIEWERS))
    assert "Only members" in fake.wait_for("response_url")[0].params["text"]
    assert stack["state"].get(escalation_id).status == "pending"
    # 4. a reviewer approves: the requester hears, the message is updated
    post_interaction(stack, block_action(fake, "review_approve", str(escalation_id), user="UREV", channel=REVIEWERS))
    decision = fake.wait_for("chat.postMessage", count=2, where=lambda c: c.params["channel"] == "U1")[1]
    assert "approved" in decision.params["blocks"][0]["text"]["text"]
    assert fake.wait_for("chat.update")[0].params["channel"] == REVIEWERS
    row = stack["state"].get(escalation_id)
    assert (row.status, row.reviewer) == ("approved", "UREV")
    # 5. the App Home lists it with its status
    post_event(stack, {"type": "app_home_opened", "user": "U1", "channel": "D123", "tab": "home",
                       "event_ts": "1700000050.000100"})
    home = json.dumps(fake.wait_for("views.publish")[0].params["view"])
    assert f"#{escalation_id}" in home and "approved" in home


def test_reviewer_reply(stack, fake):
    row = stack["state"].add_escalation("U5", "question", "Can I post about the lawsuit?", None, "answer", [], None)
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_reply", str(row.id), user="UREV", channel=REVIEWERS))
    assert fake.wait_for("views.open")[0].params["view"]["callback_id"] == "review_reply_modal"
    submission = {"type": "view_submission", "user": {"id": "UREV"}, "team": {"id": "T1"},
                  "view": {"id": "V3", "type": "modal", "callback_id": "review_reply_modal", "private_metadata": str(row.id),
                           "state": {"values": {"reply": {"text": {"type": "plain_text_input",
                                                                   "value": "Please don't, Legal will comment."}}}}}}
    post_interaction(stack, submission)
    dm_call = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U5")[0]
    assert "Legal will comment" in json.dumps(dm_call.params["blocks"])
    assert eventually(lambda: stack["state"].get(row.id).status, "replied") == "replied"


def test_drafts_are_erased_after_retention(stack):
    from datetime import datetime

    from sqlalchemy import update

    from bot.slack.db import ERASED, Escalation

    state = stack["state"]
    row = state.add_escalation("U9", "check", "secret launch draft", "escalate", "s", [], "note")
    with state.session() as session:
        session.execute(update(Escalation).where(Escalation.id == row.id)
                        .values(created_at=datetime(2020, 1, 1)))
        session.commit()
    assert state.erase_expired() >= 1
    assert state.get(row.id).text == ERASED


# --- secrets ------------------------------------------------------------------------------------

def test_secrets_never_logged(stack, fake, caplog):
    caplog.set_level(logging.DEBUG)
    post_event(stack, dm("Can I mention a client?"))
    post_event(stack, dm("forged"), secret="wrong")
    fake.wait_for("chat.postMessage")
    time.sleep(0.3)
    assert TOKEN not in caplog.text and SECRET not in caplog.text
    assert TOKEN not in repr(stack["settings"]) and SECRET not in str(stack["settings"].model_dump())


def test_guidebot_serve_http_process(fake, tmp_path, embeddings):
    """`guidebot serve --http` as deployed: a real process, signed request in, answer out."""
    import os
    import subprocess
    import sys

    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from tests.conftest import KNOWLEDGE, ROOT

    Ingestor(Settings(data_dir=tmp_path, _env_file=None), embeddings).run([KNOWLEDGE])
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_"))}
    env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "GUIDEBOT_DATA_DIR": str(tmp_path),
                "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_BASE_URL": fake.base_url})
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 600  # a loaded machine can take minutes to load torch
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError("guidebot serve --http did not become healthy")
        post_event({"url": url}, dm("Can I mention a client on LinkedIn?"))
        call = fake.wait_for("chat.postMessage", timeout=60)[0]
        assert call.params["thread_ts"] == "1700000001.000100"
        assert fake.of("auth.test")  # the token was checked against the configured API base
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert TOKEN not in output and SECRET not in output
