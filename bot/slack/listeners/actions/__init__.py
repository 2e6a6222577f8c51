"""Buttons: feedback, "Ask a manager", and the reviewers' decisions."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext, Respond
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
from bot.slack.features import team_of
from bot.slack.listeners.actions import feedback_reasons, sharing
from bot.slack.service import SlackService

log = logging.getLogger("guidebot.slack")
DECISIONS = {"review_approve": "approved", "review_changes": "changes"}


def _channel(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def register(app: App, service: SlackService) -> None:
    feedback_reasons.register(app, service)  # first: its feedback listeners replace the plain ones below
    sharing.register(app, service)

    @app.action("feedback_helpful")
    @app.action("feedback_not_helpful")
    def feedback(ack: Ack, body: dict, action: dict, respond: Respond) -> None:
        ack()
        kind, text = parse_value(action.get("value", ""))
        helpful = action["action_id"] == "feedback_helpful"
        service.state.add_feedback(body["user"]["id"], kind, helpful, text)
        respond(response_type="ephemeral", replace_original=False,
                text="Thanks for the feedback!" if helpful else
                f"Thanks — sorry it didn't help. You can use *Ask a manager*, or ask {escape(service.settings.escalation_contact)}.")

    @app.action("escalate_open")
    def escalate_open(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond,
                      context: BoltContext) -> None:
        ack()
        kind, text = parse_value(action.get("value", ""))
        if not service.features.reviewer_channel(team_of(context, body)):
            respond(response_type="ephemeral", replace_original=False,
                    text=f"Please take this to {escape(service.settings.escalation_contact)}: they can tell you "
                         "whether it's OK to post.")
            return
        client.views_open(trigger_id=body["trigger_id"], view=escalation_modal(kind, text, _channel(body)))

    @app.action("review_approve")
    @app.action("review_changes")
    def decide(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        reviewer = body["user"]["id"]
        if not service.is_reviewer(client, reviewer, service.features.reviewer_channel(team_of(context, body))):
            respond(response_type="ephemeral", replace_original=False,
                    text="Only members of the policy reviewers' channel can decide on escalations.")
            return
        row = service.state.decide(int(action["value"]), DECISIONS[action["action_id"]], reviewer)
        if row is None:
            respond(response_type="ephemeral", replace_original=False, text="That escalation no longer exists.")
            return
        announce_decision(client, service, row)

    @app.action("review_reply")
    def reply(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        if not service.is_reviewer(client, body["user"]["id"], service.features.reviewer_channel(team_of(context, body))):
            respond(response_type="ephemeral", replace_original=False,
                    text="Only members of the policy reviewers' channel can reply to escalations.")
            return
        row = service.state.get(int(action["value"]))
        view = service.features.offer_reviewed(reply_modal(int(action["value"])), row.kind if row else "check")
        client.views_open(trigger_id=body["trigger_id"], view=view)


def announce_decision(client: WebClient, service: SlackService, row) -> None:
    """Tell the requester, and update the reviewers' message so nobody decides twice."""
    service.features.on_decision(row)
    service.dm(client, row.requester, text=decision_text(row))
    if row.channel and row.message_ts:
        try:
            client.chat_update(channel=row.channel, ts=row.message_ts, text=f"Escalation #{row.id}: {row.status}",
                               blocks=reviewer_blocks(row))
        except SlackApiError as err:
            log.warning("could not update escalation message #%s (%s)", row.id, err.response.get("error"))
