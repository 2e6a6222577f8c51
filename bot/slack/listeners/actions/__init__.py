"""Buttons: feedback, "Ask a manager", and the reviewers' decisions."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import (
    decision_text,
    escalation_modal,
    escape,
    parse_value,
    reply_modal,
    reviewer_blocks,
)
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, TRIGGER_LIFETIME, Delivery, JobContext

log = logging.getLogger("guidebot.slack")
DECISIONS = {"review_approve": "approved", "review_changes": "changes"}


def _channel(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def register(app: App, service: SlackService) -> None:
    """Each button is acknowledged at once and recorded; the work runs on the Slack senders."""
    jobs = service.dispatcher

    @app.action("feedback_helpful")
    @app.action("feedback_not_helpful")
    def feedback(ack: Ack, body: dict) -> None:
        jobs.accept(body, "feedback", ack)

    @app.action("escalate_open")
    def escalate_open(ack: Ack, body: dict) -> None:
        jobs.accept(body, "escalate_open", ack)

    @app.action("review_approve")
    @app.action("review_changes")
    def decide(ack: Ack, body: dict) -> None:
        jobs.accept(body, "review_decide", ack)

    @app.action("review_reply")
    def reply(ack: Ack, body: dict) -> None:
        jobs.accept(body, "review_reply_open", ack)

    @jobs.task("feedback", "action", ttl=RESPONSE_URL_LIFETIME, io_only=True)
    def feedback_work(ctx: JobContext) -> Delivery:
        action = ctx.body["actions"][0]
        kind, text = parse_value(action.get("value", ""))
        helpful = action["action_id"] == "feedback_helpful"

        def send() -> None:
            service.state.add_feedback(ctx.body["user"]["id"], kind, helpful, text)
            ctx.respond(response_type="ephemeral", replace_original=False,
                        text="Thanks for the feedback!" if helpful else
                        f"Thanks — sorry it didn't help. You can use *Ask a manager*, or ask {escape(service.settings.escalation_contact)}.")

        return Delivery(send)

    @jobs.task("escalate_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def escalate_open_work(ctx: JobContext) -> Delivery:
        kind, text = parse_value(ctx.body["actions"][0].get("value", ""))

        def send() -> None:
            if not service.escalation_enabled:
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text=f"Please take this to {escape(service.settings.escalation_contact)}: they can tell you "
                                 "whether it's OK to post.")
                return
            ctx.client.views_open(trigger_id=ctx.body["trigger_id"], view=escalation_modal(kind, text, _channel(ctx.body)))

        return Delivery(send)

    @jobs.task("review_decide", "action", ttl=RESPONSE_URL_LIFETIME, io_only=True)
    def decide_work(ctx: JobContext) -> Delivery:
        action = ctx.body["actions"][0]
        reviewer = ctx.body["user"]["id"]

        def send() -> None:
            if not service.is_reviewer(ctx.client, reviewer):
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text="Only members of the policy reviewers' channel can decide on escalations.")
                return
            row = service.state.decide(int(action["value"]), DECISIONS[action["action_id"]], reviewer)
            if row is None:
                ctx.respond(response_type="ephemeral", replace_original=False, text="That escalation no longer exists.")
                return
            announce_decision(ctx.client, service, row)

        return Delivery(send)

    @jobs.task("review_reply_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def reply_work(ctx: JobContext) -> Delivery:
        def send() -> None:
            if not service.is_reviewer(ctx.client, ctx.body["user"]["id"]):
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text="Only members of the policy reviewers' channel can reply to escalations.")
                return
            ctx.client.views_open(trigger_id=ctx.body["trigger_id"], view=reply_modal(int(ctx.body["actions"][0]["value"])))

        return Delivery(send)


def announce_decision(client: WebClient, service: SlackService, row) -> None:
    """Tell the requester, and update the reviewers' message so nobody decides twice."""
    service.dm(client, row.requester, text=decision_text(row))
    if row.channel and row.message_ts:
        try:
            client.chat_update(channel=row.channel, ts=row.message_ts, text=f"Escalation #{row.id}: {row.status}",
                               blocks=reviewer_blocks(row))
        except SlackApiError as err:
            log.warning("could not update escalation message #%s (%s)", row.id, err.response.get("error"))
