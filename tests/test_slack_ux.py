"""What people see in Slack when things go right and when they go wrong (issue 9).

Driven as Slack drives the app: signed requests to the Bolt app over HTTP, Web API calls
recorded by tests/fake_slack.py, every payload validated with slack_sdk.models.
"""

from __future__ import annotations

import json

from tests import test_slack_app as base
from tests.blockkit import validate_message, validate_view
from tests.slack_helpers import block_action, dm, eventually, post_event, post_form, post_interaction

# The same fixtures as tests/test_slack_app.py: a fake Slack Web API and the app served by uvicorn.
fake, stack, _clean = base.fake, base.stack, base._clean


def _blocks_text(call) -> str:
    return json.dumps(call.params.get("blocks") or [])


# --- "Can I post …?" is a question ----------------------------------------------------------------

def test_can_i_post_in_a_dm_is_answered_as_a_question(stack, fake):
    post_event(stack, dm("Can I post anonymously about my employer?"))
    call = fake.wait_for("chat.postMessage")[0]
    validate_message(call.params)
    text = _blocks_text(call)
    assert "OK to post" not in text and "OK to post" not in call.params["text"]
    assert "Be transparent about who you are" in text  # the passage that forbids it is cited
    assert "never post anonymously" in text


def test_can_i_post_in_a_channel_mention_is_answered_as_a_question(stack, fake):
    post_event(stack, {"type": "app_mention", "channel": "C42", "user": "U1", "ts": "1700000060.000100",
                       "text": "<@UBOT> can I post a negative review of a competitor's product?"})
    call = fake.wait_for("chat.postMessage")[0]
    validate_message(call.params)
    text = _blocks_text(call)
    assert "OK to post" not in text
    assert "Endorsements and reviews" in text or "Fair competition" in text


def test_check_prefix_without_a_space_still_checks_a_draft(stack, fake):
    post_event(stack, dm("check:Our Q3 revenue is up 30%, big announcement coming!"))
    call = fake.wait_for("chat.postMessage")[0]
    validate_message(call.params)
    assert "Financial" in _blocks_text(call)


def test_answer_about_posting_offers_check_my_draft(stack, fake):
    post_event(stack, dm("Can I post photos of my coworkers?"))
    call = fake.wait_for("chat.postMessage")[0]
    buttons = [e for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert "check_draft_open" in [b["action_id"] for b in buttons]
    post_interaction(stack, block_action(fake, "check_draft_open", "draft"))
    view = fake.wait_for("views.open")[0].params["view"]
    validate_view(view)
    assert view["callback_id"] == "canipost_modal"


# --- failures reach the person ---------------------------------------------------------------------

REVIEWERS = base.REVIEWERS


def refuse(fake, method: str, error: str, when=lambda params: True) -> None:
    """Make the fake Slack answer `method` with `error` (when `when(params)` holds)."""
    fake.failures.append(lambda m, params: error if m == method and when(params) else None)


def test_expired_trigger_on_ask_a_manager_tells_the_person(stack, fake):
    refuse(fake, "views.open", "expired_trigger_id")
    post_interaction(stack, block_action(fake, "escalate_open", json.dumps({"k": "question", "q": "Can I vlog?"})))
    notice = fake.wait_for("response_url")[0]
    assert notice.params["response_type"] == "ephemeral"
    assert "the form didn't open" in notice.params["text"] and "Ask a manager" in notice.params["text"]
    assert "expired_trigger_id" not in notice.params["text"]


def test_expired_trigger_on_canipost_form_tells_the_person(stack, fake):
    refuse(fake, "views.open", "expired_trigger_id")
    post_form(stack, {"command": "/canipost", "text": "", "user_id": "U1", "channel_id": "C42", "team_id": "T1",
                      "trigger_id": "trig-old", "response_url": fake.response_url("cmd")})
    notice = fake.wait_for("response_url")[0]
    assert "the form didn't open" in notice.params["text"] and "&lt;your draft&gt;" in notice.params["text"]


def test_reply_refused_by_slack_still_reaches_the_person_as_text(stack, fake):
    refuse(fake, "chat.postMessage", "invalid_blocks", when=lambda params: bool(params.get("blocks")))
    post_event(stack, dm("Can I mention a client on LinkedIn?", ts="1700000070.000100"))
    plain = fake.wait_for("chat.postMessage")[0]
    assert plain.params["thread_ts"] == "1700000070.000100" and not plain.params.get("blocks")
    validate_message(plain.params)
    assert "Here is what the guidelines say" in plain.params["text"]
    assert "Clients, partners and suppliers" in plain.params["text"]
    assert "invalid_blocks" not in plain.params["text"]


def test_reply_refused_everywhere_in_the_channel_falls_back_to_a_dm(stack, fake):
    refuse(fake, "chat.postMessage", "invalid_blocks", when=lambda params: params.get("channel") == "C77")
    post_event(stack, {"type": "app_mention", "channel": "C77", "user": "U3", "ts": "1700000071.000100",
                       "text": "<@UBOT> can I mention a client on LinkedIn?"})
    sent = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U3")[0]
    validate_message(sent.params)
    assert "couldn't post my answer" in sent.params["text"] and "Clients, partners and suppliers" in sent.params["text"]
    assert "invalid_blocks" not in sent.params["text"]


def test_cannot_post_dm_explains_in_plain_words(stack, fake):
    fake.cannot_post.add("CNOPE2")
    post_event(stack, {"type": "app_mention", "channel": "CNOPE2", "user": "U7", "ts": "1700000072.000100",
                       "text": "<@UBOT> can I tweet?"})
    sent = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U7")[0]
    validate_message(sent.params)
    assert "I'm not a member of that channel" in sent.params["text"] and "not_in_channel" not in sent.params["text"]


def test_decision_that_cannot_be_delivered_stays_open(stack, fake):
    state = stack["state"]
    row = state.add_escalation("UGONE", "check", "Our Q3 numbers", "escalate", "s", [], None)
    fake.members = ["UREV"]
    refuse(fake, "chat.postMessage", "user_not_found", when=lambda params: params.get("channel") == "UGONE")
    post_interaction(stack, block_action(fake, "review_approve", str(row.id), user="UREV", channel=REVIEWERS))
    notice = fake.wait_for("response_url")[0]
    assert "still open" in notice.params["text"] and "user_not_found" not in notice.params["text"]
    assert state.get(row.id).status == "pending"
    assert not fake.of("chat.update")


def _reply(escalation_id: int, text: str) -> dict:
    return {"type": "view_submission", "user": {"id": "UREV"}, "team": {"id": "T1"},
            "view": {"id": "V3", "type": "modal", "callback_id": "review_reply_modal",
                     "private_metadata": str(escalation_id),
                     "state": {"values": {"reply": {"text": {"type": "plain_text_input", "value": text}}}}}}


def test_reviewer_reply_that_cannot_be_delivered_stays_open_and_the_reviewer_is_told(stack, fake):
    state = stack["state"]
    row = state.add_escalation("UGONE", "question", "Can I post about the lawsuit?", None, "s", [], None)
    fake.members = ["UREV"]
    refuse(fake, "chat.postMessage", "user_not_found", when=lambda params: params.get("channel") == "UGONE")
    response = post_interaction(stack, _reply(row.id, "Please don't."))
    assert response.status_code == 200 and not response.text  # acknowledged at once: the form closes
    notice = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "UREV")[0]
    assert "still open" in notice.params["text"] and "user_not_found" not in notice.params["text"]
    assert state.get(row.id).status == "pending"
    assert not fake.of("chat.update")


def test_reviewer_reply_is_acknowledged_before_any_slack_call(stack, fake):
    """Issue 11, gap 4: a Reply submission is acknowledged first (Slack allows 3 s) and the DM to the
    requester goes through the job queue; while no job runs, nothing has been sent or decided."""

    state = stack["state"]
    row = state.add_escalation("U15", "question", "Can I post about the lawsuit?", None, "s", [], None)
    fake.members = ["UREV"]
    dispatcher = stack["service"].dispatcher
    dispatcher.accepting = False  # jobs are recorded but not worked on until the test lets them
    try:
        response = post_interaction(stack, _reply(row.id, "Please don't, Legal will comment."))
        assert response.status_code == 200 and not response.text  # the form closes
        assert [c.params["channel"] for c in fake.of("chat.postMessage")] == []  # nothing sent before the ack
        assert state.get(row.id).status == "pending"
    finally:
        dispatcher.accepting = True
    sent = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U15")[0]
    assert "Legal will comment" in json.dumps(sent.params["blocks"])
    assert eventually(lambda: state.get(row.id).status, "replied") == "replied"
    assert state.get(row.id).reviewer == "UREV"


def test_reviewer_reply_from_a_non_member_is_refused_by_dm(stack, fake):
    state = stack["state"]
    row = state.add_escalation("U16", "question", "Can I post about the lawsuit?", None, "s", [], None)
    stack["service"]._members.clear()  # membership is cached for a minute
    fake.members = ["UREV"]
    submission = _reply(row.id, "Sure, go ahead.")
    submission["user"]["id"] = "UOUT"
    assert post_interaction(stack, submission).status_code == 200
    notice = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "UOUT")[0]
    assert "Only members" in notice.params["text"]
    assert all(c.params["channel"] != "U16" for c in fake.of("chat.postMessage"))
    assert state.get(row.id).status == "pending"


def test_undelivered_escalation_is_not_shown_as_waiting(stack, fake):
    refuse(fake, "chat.postMessage", "channel_not_found", when=lambda params: params.get("channel") == REVIEWERS)
    metadata = json.dumps({"k": "question", "q": "Can I post about the merger?", "channel": ""})
    submission = {"type": "view_submission", "user": {"id": "U8"}, "team": {"id": "T1"},
                  "view": {"id": "V2", "type": "modal", "callback_id": "escalate_modal", "private_metadata": metadata,
                           "state": {"values": {"note": {"text": {"type": "plain_text_input", "value": None}}}}}}
    post_interaction(stack, submission)
    told = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U8")[0]
    assert "was not delivered" in told.params["text"] and "channel_not_found" not in told.params["text"]
    post_event(stack, {"type": "app_home_opened", "user": "U8", "channel": "D8", "tab": "home", "event_ts": "1.2"})
    home = fake.wait_for("views.publish")[0].params["view"]
    validate_view(home)
    text = json.dumps(home)
    assert "not delivered" in text and "waiting for a reviewer" not in text


# --- wording and limits ----------------------------------------------------------------------------

def test_app_home_escapes_placeholders_and_pages_escalations(stack, fake):
    state = stack["state"]
    for n in range(13):
        state.add_escalation("UMANY", "question", f"Question number {n} & more", None, "s", [], None)
    post_event(stack, {"type": "app_home_opened", "user": "UMANY", "channel": "D9", "tab": "home", "event_ts": "1.3"})
    home = fake.wait_for("views.publish")[0].params["view"]
    validate_view(home)
    text = json.dumps(home)
    assert "<your draft>" not in text and "&lt;your draft&gt;" in text
    assert text.count("Question number") == 10 and "home_show_more" in text
    post_interaction(stack, block_action(fake, "home_show_more", "20", user="UMANY", channel="D9"))
    more = fake.wait_for("views.publish", count=2)[1].params["view"]
    validate_view(more)
    assert json.dumps(more).count("Question number") == 13 and "home_show_more" not in json.dumps(more)


def test_app_home_without_reviewers_does_not_promise_them(stack, fake):
    service = stack["service"]
    saved = service.settings
    service.settings = saved.model_copy(update={"escalation_channel": None})
    try:
        post_event(stack, {"type": "app_home_opened", "user": "UNEW", "channel": "D10", "tab": "home", "event_ts": "1.4"})
        home = fake.wait_for("views.publish")[0].params["view"]
    finally:
        service.settings = saved
    validate_view(home)
    text = json.dumps(home)
    assert "policy reviewers" not in text and service.engine.escalation_contact() in text


def test_canipost_help_escapes_the_placeholder(stack, fake):
    response = post_form(stack, {"command": "/canipost", "text": "help", "user_id": "U1", "channel_id": "C42",
                                 "team_id": "T1", "trigger_id": "t", "response_url": fake.response_url("cmd")})
    assert "&lt;your draft&gt;" in response.json()["text"] and "<your draft>" not in response.json()["text"]


def test_verdict_is_said_once(stack, fake):
    post_form(stack, {"command": "/canipost", "text": "Our Q3 revenue is up 30%, big announcement coming!",
                      "user_id": "U1", "channel_id": "C42", "team_id": "T1", "trigger_id": "t",
                      "response_url": fake.response_url("cmd")})
    call = fake.wait_for("response_url")[0]
    validate_message(call.params)
    assert call.params["text"].startswith("Don't post this yet. Take it to ")
    assert call.params["text"].count("post this yet") == 1 and "Don't post yet" not in call.params["text"]
    assert call.params["blocks"][0]["text"]["text"].count("post this yet") == 1


def test_decisions_read_as_sentences_and_reviewers_see_plain_verdicts(stack, fake):
    from bot.slack.blocks import reviewer_blocks

    state = stack["state"]
    row = state.add_escalation("U11", "check", "Our Q3 numbers", "escalate", "Don't post this yet.", [], None)
    state.set_message(row.id, REVIEWERS, "1700000000.000900")
    raw = json.dumps(reviewer_blocks(row))
    assert "Bot verdict" not in raw and ": escalate" not in raw and "Don't post this yet" in raw
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_changes", str(row.id), user="UREV", channel=REVIEWERS))
    sent = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U11")[0]
    validate_message(sent.params, allowed_mentions=("UREV",))
    assert "<@UREV> reviewed your draft: it needs changes before you post it." in sent.params["text"]
    assert "was :pencil2:" not in sent.params["text"]
    update = fake.wait_for("chat.update")[0]
    validate_message(update.params, allowed_mentions=("UREV", "U11"))
    assert "*Needs changes* by <@UREV>" in json.dumps(update.params["blocks"])


def test_shortening_never_cuts_an_escaped_character():
    from bot.answer import Answer
    from bot.slack.blocks import fallback_text, trim

    for n in range(20):
        text = "x" * n + " R&D & Q&A " * 400
        for out in (trim(text.replace("&", "&amp;"), 3000), fallback_text(Answer(kind="question", query="q", answer=text))):
            tail = out[-6:]
            assert "&" not in tail or tail[tail.index("&"):].startswith(("&amp;", "&lt;", "&gt;")), tail


class _LongEngine:
    """Stands in for the engine to produce an answer longer than one Slack message can hold."""

    def ask(self, text: str):
        from bot.answer import Answer, Citation

        lead = [(f"Sentence {n}: " + "a long guideline sentence about posting & sharing " * 20, 1) for n in range(200)]
        cite = Citation(doc="d.md", title="D", section="D > S", text="Passage text.", url=None, score=0.5)
        return Answer(kind="question", query=text, answer="long", lead=lead, citations=[cite])

    check = ask


def test_long_answer_is_split_across_messages_not_trimmed(stack, fake):
    service = stack["service"]
    real = service.engine
    service.engine = _LongEngine()
    expected = len(service.messages(_LongEngine().ask("Can I post a long thing?")))
    assert expected >= 2  # 200 sentences of ~1,000 characters: more than 50 sections
    try:
        post_event(stack, dm("Can I post a long thing?", ts="1700000080.000100"))
        calls = fake.wait_for("chat.postMessage", count=expected)
    finally:
        service.engine = real
    assert all(c.params["thread_ts"] == "1700000080.000100" for c in calls)
    for call in calls:
        validate_message(call.params)
    text = " ".join(json.dumps(c.params["blocks"]) for c in calls)
    for n in range(200):
        assert f"Sentence {n}:" in text  # every sentence arrived, none trimmed away
    assert "…" not in text.split("Passage text")[0]
    assert "answer_actions" in json.dumps(calls[-1].params["blocks"])  # the buttons come last


def test_modals_are_valid_block_kit_and_inert(stack, fake):
    value = json.dumps({"k": "check", "q": "<!channel> Our Q3 revenue & margins <@U999> " + "x" * 1900})
    post_interaction(stack, block_action(fake, "escalate_open", value))
    escalation = fake.wait_for("views.open")[0].params["view"]
    validate_view(escalation)
    assert "&amp; margins" in json.dumps(escalation)
    row = stack["state"].add_escalation("U5", "question", "Can I post about the lawsuit?", None, "answer", [], None)
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_reply", str(row.id), user="UREV", channel=REVIEWERS))
    validate_view(fake.wait_for("views.open", count=2)[1].params["view"])
    post_form(stack, {"command": "/canipost", "text": "", "user_id": "U1", "channel_id": "C42", "team_id": "T1",
                      "trigger_id": "t", "response_url": fake.response_url("cmd")})
    validate_view(fake.wait_for("views.open", count=3)[2].params["view"])
