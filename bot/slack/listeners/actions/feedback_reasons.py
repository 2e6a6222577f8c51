"""👍 / 👎 with reasons: a 👎 asks why, in one click, with an optional comment.

The vote is stored per workspace with the passages that answer cited (found again from the
question log, so the buttons carry nothing new), which is what the report's "feedback per
passage" reads. The person who voted is not stored with it.
"""

from __future__ import annotations

import json
import re

from slack_bolt import Ack, App

from bot.slack.blocks import escape, parse_value
from bot.slack.features import team_of
from bot.slack.features_db import REASONS
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, TRIGGER_LIFETIME, Delivery, JobContext

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
    """The 👍/👎 buttons, their reasons and comments: each acknowledged at once and recorded as a job."""
    jobs = service.dispatcher

    @app.action("feedback_helpful")
    @app.action("feedback_not_helpful")
    def vote(ack: Ack, body: dict) -> None:
        jobs.accept(body, "feedback", ack)

    @app.action(REASON_ACTION)
    def reason(ack: Ack, body: dict) -> None:
        jobs.accept(body, "feedback_reason", ack)

    @app.action("feedback_comment")
    def add_comment(ack: Ack, body: dict) -> None:
        jobs.accept(body, "feedback_comment_open", ack)

    @app.view("feedback_comment_modal")
    def comment_submitted(ack: Ack, body: dict) -> None:
        jobs.accept(body, "feedback_comment", ack)

    @jobs.task("feedback", "action", ttl=RESPONSE_URL_LIFETIME, io_only=True)
    def vote_work(ctx: JobContext) -> Delivery:
        action = ctx.body["actions"][0]
        kind, text = parse_value(action.get("value", ""))
        helpful = action["action_id"] == "feedback_helpful"
        team, store = team_of(None, ctx.body), service.features.store

        def send() -> None:
            service.state.add_feedback(ctx.body["user"]["id"], kind, helpful, text)
            vote_id = store.vote(team, kind, helpful, store.cited_for(team, text))
            if helpful:
                ctx.respond(response_type="ephemeral", replace_original=False, text="Thanks for the feedback!")
                return
            ctx.respond(response_type="ephemeral", replace_original=False,
                        text=f"Thanks — sorry it didn't help. What was wrong? You can also ask {escape(service.engine.escalation_contact())}.",
                        blocks=reason_blocks(vote_id, service.engine.escalation_contact()))

        return Delivery(send)

    @jobs.task("feedback_reason", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def reason_work(ctx: JobContext) -> Delivery | None:
        action = ctx.body["actions"][0]
        key = REASON_ACTION.match(action["action_id"]).group(1)
        try:
            vote_id = int(action.get("value", ""))
        except ValueError:
            return None

        def send() -> None:
            if key not in REASONS or not service.features.store.set_reason(team_of(None, ctx.body), vote_id, reason=key):
                ctx.respond(response_type="ephemeral", replace_original=True, text="That feedback can no longer be changed.")
                return
            if key == "other":
                service.open_modal(ctx.client, ctx.body["trigger_id"], comment_modal(vote_id, key), ctx.body["user"]["id"],
                                   retry_hint="Please click *Add a comment* below.")
            ctx.respond(response_type="ephemeral", replace_original=True, text=f"Thanks — noted: {REASONS[key]}.", blocks=[
                {"type": "section", "text": {"type": "mrkdwn", "text": f"Thanks — noted: *{REASONS[key]}*."},
                 "accessory": {"type": "button", "action_id": "feedback_comment", "text": {"type": "plain_text",
                               "text": "Add a comment"}, "value": json.dumps({"v": vote_id, "r": key})}}])

        return Delivery(send)

    @jobs.task("feedback_comment_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def comment_open_work(ctx: JobContext) -> Delivery | None:
        try:
            data = json.loads(ctx.body["actions"][0].get("value") or "{}")
            view = comment_modal(int(data["v"]), str(data.get("r", "")))
        except (ValueError, KeyError, TypeError):
            return None
        return Delivery(lambda: service.open_modal(ctx.client, ctx.body["trigger_id"], view, ctx.body["user"]["id"],
                                                   ctx.respond, retry_hint="Please click *Add a comment* again."))

    @jobs.task("feedback_comment", "view", io_only=True)
    def comment_work(ctx: JobContext) -> Delivery | None:
        view = ctx.body["view"]
        values = view.get("state", {}).get("values", {}).get("comment", {})
        comment = ((values.get("text") or {}).get("value") or "").strip()
        try:
            vote_id = int(view.get("private_metadata") or 0)
        except ValueError:
            return None
        if not comment:
            return None
        return Delivery(lambda: service.features.store.set_reason(team_of(None, ctx.body), vote_id, comment=comment))
