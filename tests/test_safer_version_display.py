"""The safer version on screen: the console prints it ready to copy, Slack shows a code block and a DM button."""

from __future__ import annotations

import io
import json

from rich.console import Console

from bot.answer import Answer, Edit
from bot.console_render import render
from bot.slack.blocks import MAX_BUTTON_VALUE, answer_blocks, parse_value

SAFER = "Spent the week with a client rebuilding their data platform. <!channel> Learned a lot!"


def _answer(safer: str | None = SAFER) -> Answer:
    return Answer(kind="check", query="Spent the week with Zorblax rebuilding their data platform.", answer="Don't post this yet.",
                  verdict="escalate", escalate=True, safer_version=safer,
                  safer_edits=[Edit("replace", "Zorblax", "a client", "Naming a client, partner or deal")] if safer else [])


def test_console_shows_the_edits_and_the_text_on_its_own_line():
    out = io.StringIO()
    render(_answer(), Console(file=out, width=60, color_system=None))
    text = out.getvalue()
    assert "A safer version" in text and "replace “Zorblax” with “a client”" in text
    assert SAFER in text.splitlines()  # unwrapped and unboxed: one selection copies it


def test_console_without_safer_version_says_nothing_about_it():
    out = io.StringIO()
    render(_answer(None), Console(file=out, width=80, color_system=None))
    assert "safer version" not in out.getvalue().lower()


def test_slack_blocks_have_a_code_block_and_a_dm_button():
    blocks = answer_blocks(_answer())
    rich = [b for b in blocks if b["type"] == "rich_text"]
    assert rich[0]["elements"][0]["type"] == "rich_text_preformatted"
    assert rich[0]["elements"][0]["elements"] == [{"type": "text", "text": SAFER}]  # literal text: never a broadcast
    button = next(b for b in blocks if b.get("block_id") == "safer_actions")["elements"][0]
    assert button["action_id"] == "safer_version_send" and parse_value(button["value"]) == ("safer", SAFER)
    assert "<!channel>" not in json.dumps([b for b in blocks if b["type"] == "section"])
    assert len({b.get("block_id") for b in blocks if b.get("block_id")}) == len([b for b in blocks if b.get("block_id")])


def test_slack_never_sends_a_cut_down_version():
    long = "A fine sentence about my weekend. " * 80
    blocks = answer_blocks(_answer(long))
    assert len(json.dumps({"k": "safer", "q": long})) > MAX_BUTTON_VALUE
    assert not any(b.get("block_id") == "safer_actions" for b in blocks)
    assert any(b["type"] == "rich_text" for b in blocks)


def test_no_safer_blocks_for_ok_or_none():
    assert not any(b["type"] == "rich_text" for b in answer_blocks(_answer(None)))


# -- the button, end to end through the Bolt app and the fake Slack Web API ---------------------------

from tests.test_slack_app import _clean, block_action, dm, fake, post_event, post_interaction, stack  # noqa: E402,F401


def test_send_me_this_version_dms_it(stack, fake):  # noqa: F811  (fixtures imported above)
    value = json.dumps({"k": "safer", "q": SAFER})
    assert post_interaction(stack, block_action(fake, "safer_version_send", value, user="U7")).status_code == 200
    call = fake.wait_for("chat.postMessage", where=lambda c: c.params.get("channel") == "U7")[0]
    pre = next(b for b in call.params["blocks"] if b["type"] == "rich_text")["elements"][0]
    assert pre["elements"][0]["text"] == SAFER


def test_a_checked_draft_in_slack_offers_its_safer_version(stack, fake):  # noqa: F811
    post_event(stack, dm("check: Great week at the conference in Lisbon. Our Q3 revenue is up 30% and nobody knows yet!",
                         ts="1700000099.000100"))
    blocks = fake.wait_for("chat.postMessage")[0].params["blocks"]
    assert any(b.get("block_id") == "safer_actions" for b in blocks)
