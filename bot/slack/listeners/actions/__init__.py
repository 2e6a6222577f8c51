"""Buttons: feedback, "Ask a manager", and the reviewers' decisions."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import (
    HOME_PAGE,
    decision_text,
    draft_modal,
    escalation_modal,
    escape,
    parse_value,
    reply_modal,
    reviewer_blocks,
)
from bot.slack.service import SlackService

log = logging.getLogger("guidebot.slack")
DECISIONS = {"review_approve": "approved", "review_changes": "changes"}


def _channel(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def register(app: App, service: SlackService) -> None:
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
    def escalate_open(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        kind, text = parse_value(action.get("value", ""))
        if not service.escalation_enabled:
            respond(response_type="ephemeral", replace_original=False,
                    text=f"Please take this to {escape(service.settings.escalation_contact)}: they can tell you "
                         "whether it's OK to post.")
            return
        service.open_modal(client, body["trigger_id"], escalation_modal(kind, text, _channel(body)), body["user"]["id"],
                           respond, retry_hint="Please click *Ask a manager* again.")

    @app.action("check_draft_open")
    def check_draft_open(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
        """'Check my draft' under an answer about posting: the same private form as `/canipost`."""
        ack()
        service.open_modal(client, body["trigger_id"], draft_modal(_channel(body)), body["user"]["id"], respond,
                           retry_hint="Please click *Check my draft* again, or type `/canipost &lt;your draft&gt;`.")

    @app.action("home_show_more")
    def home_show_more(ack: Ack, body: dict, action: dict, client: WebClient) -> None:
        """App Home lists the latest escalations; this shows older ones too."""
        ack()
        try:
            show = max(HOME_PAGE, min(int(action.get("value") or HOME_PAGE), 40))
        except ValueError:
            show = HOME_PAGE
        service.publish_home(client, body["user"]["id"], show=show)

    @app.action("review_approve")
    @app.action("review_changes")
    def decide(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        reviewer = body["user"]["id"]
        if not service.is_reviewer(client, reviewer):
            respond(response_type="ephemeral", replace_original=False,
                    text="Only members of the policy reviewers' channel can decide on escalations.")
            return
        error = decide_and_tell(client, service, int(action["value"]), DECISIONS[action["action_id"]], reviewer)
        if error:
            respond(response_type="ephemeral", replace_original=False, text=error)

    @app.action("review_reply")
    def reply(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond) -> None:
        ack()
        if not service.is_reviewer(client, body["user"]["id"]):
            respond(response_type="ephemeral", replace_original=False,
                    text="Only members of the policy reviewers' channel can reply to escalations.")
            return
        service.open_modal(client, body["trigger_id"], reply_modal(int(action["value"])), body["user"]["id"], respond,
                           retry_hint="Please click *Reply* again.")


def decide_and_tell(client: WebClient, service: SlackService, escalation_id: int, status: str, reviewer: str,
                    note: str | None = None) -> str | None:
    """Record a decision only once the requester has been told; else a message for the reviewer.

    A decision the requester never hears about must not show as decided: the reviewer is told
    it is still open, and can try again or reach the person another way.
    """
    row = service.state.get(escalation_id)
    if row is None:
        return "That escalation no longer exists."
    row.status, row.reviewer, row.reviewer_note = status, reviewer, note  # a detached copy: nothing saved yet
    if not service.dm(client, row.requester, text=decision_text(row)):
        return (f"I couldn't send your decision to <@{escape(row.requester)}>, so escalation #{row.id} is still open. "
                "Please try again in a few minutes, or tell them directly.")
    row = service.state.decide(escalation_id, status, reviewer, note)
    if row is not None:
        update_reviewers_message(client, row)
    return None


def update_reviewers_message(client: WebClient, row) -> None:
    """Show the decision on the reviewers' message, so nobody decides twice."""
    if row.channel and row.message_ts:
        try:
            client.chat_update(channel=row.channel, ts=row.message_ts, text=f"Escalation #{row.id}: decided",
                               blocks=reviewer_blocks(row))
        except SlackApiError as err:
            log.warning("could not update escalation message #%s (%s)", row.id, err.response.get("error"))


def announce_decision(client: WebClient, service: SlackService, row) -> None:
    """Tell the requester about a decision already recorded, and update the reviewers' message."""
    service.dm(client, row.requester, text=decision_text(row))
    update_reviewers_message(client, row)
