"""What people see in Slack when things go right and when they go wrong (issue 9).

Driven as Slack drives the app: signed requests to the Bolt app over HTTP, Web API calls
recorded by tests/fake_slack.py, every payload validated with slack_sdk.models.
"""

from __future__ import annotations

import json

from tests import test_slack_app as base
from tests.blockkit import validate_message, validate_view
from tests.test_slack_app import block_action, dm, post_event, post_interaction

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
