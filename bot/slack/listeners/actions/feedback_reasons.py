"""👍 / 👎 with reasons: a 👎 asks why, in one click, with an optional comment.

The vote is stored per workspace with the passages that answer cited (found again from the
question log, so the buttons carry nothing new), which is what the report's "feedback per
passage" reads. The person who voted is not stored with it.
"""

from __future__ import annotations

import json
import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.blocks import escape, parse_value
from bot.slack.features import team_of
from bot.slack.features_db import REASONS
from bot.slack.service import SlackService

REASON_ACTION = re.compile(r"^feedback_reason_(\w+)$")


def reason_blocks(vote_id: int, contact: str) -> list[dict]:
    """"What was wrong?" with one button per reason."""
    buttons = [{"type": "button", "action_id": f"feedback_reason_{key}", "value": str(vote_id),
                "text": {"type": "plain_text", "text": label[:1].upper() + label[1:]}} for key, label in REASONS.items()]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "Sorry it didn't help. What was wrong? (one click)"}},
            {"type": "actions", "block_id": "feedback_reasons", "elements": buttons},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": (
                f"You can also use *Ask a manager*, or ask {escape(contact)}.")}]}]


def comment_modal(vote_id: int, reason: str) -> dict:
    optional = reason != "other"
    return {
        "type": "modal", "callback_id": "feedback_comment_modal", "private_metadata": str(vote_id),
        "title": {"type": "plain_text", "text": "Tell us more"},
        "submit": {"type": "plain_text", "text": "Send"}, "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [{"type": "input", "block_id": "comment", "optional": optional,
                    "label": {"type": "plain_text", "text": "What should the answer have said?"
                              if reason != "other" else "What was wrong?"},
                    "element": {"type": "plain_text_input", "action_id": "text", "multiline": True, "max_length": 1000}}],
    }


def register(app: App, service: SlackService) -> None:
    """Registered before the plain feedback listener, which it replaces."""

    @app.action("feedback_helpful")
    @app.action("feedback_not_helpful")
    def vote(ack: Ack, body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
        ack()
        kind, text = parse_value(action.get("value", ""))
        helpful = action["action_id"] == "feedback_helpful"
        team, store = team_of(context, body), service.features.store
        service.state.add_feedback(body["user"]["id"], kind, helpful, text)
        vote_id = store.vote(team, kind, helpful, store.cited_for(team, text))
        if helpful:
            respond(response_type="ephemeral", replace_original=False, text="Thanks for the feedback!")
            return
        respond(response_type="ephemeral", replace_original=False,
                text=f"Thanks — sorry it didn't help. What was wrong? You can also ask {escape(service.settings.escalation_contact)}.",
                blocks=reason_blocks(vote_id, service.settings.escalation_contact))

    @app.action(REASON_ACTION)
    def reason(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
        ack()
        key = REASON_ACTION.match(action["action_id"]).group(1)
        try:
            vote_id = int(action.get("value", ""))
        except ValueError:
            return
        if key not in REASONS or not service.features.store.set_reason(team_of(context, body), vote_id, reason=key):
            respond(response_type="ephemeral", replace_original=True, text="That feedback can no longer be changed.")
            return
        if key == "other":
            client.views_open(trigger_id=body["trigger_id"], view=comment_modal(vote_id, key))
        respond(response_type="ephemeral", replace_original=True, text=f"Thanks — noted: {REASONS[key]}.", blocks=[
            {"type": "section", "text": {"type": "mrkdwn", "text": f"Thanks — noted: *{REASONS[key]}*."},
             "accessory": {"type": "button", "action_id": "feedback_comment", "text": {"type": "plain_text",
                           "text": "Add a comment"}, "value": json.dumps({"v": vote_id, "r": key})}}])

    @app.action("feedback_comment")
    def add_comment(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        ack()
        try:
            data = json.loads(action.get("value") or "{}")
            client.views_open(trigger_id=body["trigger_id"], view=comment_modal(int(data["v"]), str(data.get("r", ""))))
        except (ValueError, KeyError, TypeError):
            return

    @app.view("feedback_comment_modal")
    def comment_submitted(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
        ack()
        values = view.get("state", {}).get("values", {}).get("comment", {})
        comment = ((values.get("text") or {}).get("value") or "").strip()
        try:
            vote_id = int(view.get("private_metadata") or 0)
        except ValueError:
            return
        if comment:
            service.features.store.set_reason(team_of(context, body), vote_id, comment=comment)
