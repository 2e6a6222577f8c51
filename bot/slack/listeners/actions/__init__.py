"""Buttons: feedback, "Ask a manager", and the reviewers' decisions."""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_bolt import Ack, App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import (
    HOME_PAGE,
    decision_text,
    draft_modal,
    escalation_modal,
    escape,
    parse_value,
    preformatted,
    reply_modal,
    reviewer_blocks,
    section,
    trim,
)
from bot.slack.features import team_of
from bot.slack.listeners.actions import feedback_reasons, sharing
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, TRIGGER_LIFETIME, Delivery, JobContext

log = logging.getLogger("guidebot.slack")
DECISIONS = {"review_approve": "approved", "review_changes": "changes"}


def _channel(body: dict) -> str | None:
    return (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")


def register(app: App, service: SlackService) -> None:
    """Each button is acknowledged at once and recorded; the work runs on the Slack senders."""
    feedback_reasons.register(app, service)  # the 👍/👎 buttons (with reasons) and the Share/Keep buttons
    sharing.register(app, service)
    jobs = service.dispatcher

    @app.action("escalate_open")
    def escalate_open(ack: Ack, body: dict) -> None:
        jobs.accept(body, "escalate_open", ack)

    @app.action("check_draft_open")
    def check_draft_open(ack: Ack, body: dict) -> None:
        """'Check my draft' under an answer about posting: the same private form as `/canipost`."""
        jobs.accept(body, "check_draft_open", ack)

    @app.action("home_show_more")
    def home_show_more(ack: Ack, body: dict) -> None:
        """App Home lists the latest escalations; this shows older ones too."""
        jobs.accept(body, "home_show_more", ack)

    @app.action("safer_version_send")
    def safer_version_send(ack: Ack, body: dict) -> None:
        """DM the safer version on its own, so it is one long-press to copy on any client."""
        jobs.accept(body, "safer_version_send", ack)

    @app.action("review_approve")
    @app.action("review_changes")
    def decide(ack: Ack, body: dict) -> None:
        jobs.accept(body, "review_decide", ack)

    @app.action("review_reply")
    def reply(ack: Ack, body: dict) -> None:
        jobs.accept(body, "review_reply_open", ack)

    @jobs.task("escalate_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def escalate_open_work(ctx: JobContext) -> Delivery:
        kind, text = parse_value(ctx.body["actions"][0].get("value", ""))

        def send() -> None:
            if not service.features.reviewer_channel(team_of(None, ctx.body)):
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text=f"Please take this to {escape(service.engine.escalation_contact())}: they can tell you "
                                 "whether it's OK to post.")
                return
            service.open_modal(ctx.client, ctx.body["trigger_id"], escalation_modal(kind, text, _channel(ctx.body)),
                               ctx.body["user"]["id"], ctx.respond, retry_hint="Please click *Ask a manager* again.")

        return Delivery(send)

    @jobs.task("check_draft_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def check_draft_open_work(ctx: JobContext) -> Delivery:
        return Delivery(lambda: service.open_modal(
            ctx.client, ctx.body["trigger_id"], draft_modal(_channel(ctx.body)), ctx.body["user"]["id"], ctx.respond,
            retry_hint="Please click *Check my draft* again, or type `/canipost &lt;your draft&gt;`."))

    @jobs.task("home_show_more", "action", ttl=timedelta(minutes=5), io_only=True)
    def home_show_more_work(ctx: JobContext) -> Delivery:
        try:
            show = max(HOME_PAGE, min(int(ctx.body["actions"][0].get("value") or HOME_PAGE), 40))
        except ValueError:
            show = HOME_PAGE
        return Delivery(lambda: service.publish_home(ctx.client, ctx.body["user"]["id"], show=show,
                                                     team=team_of(None, ctx.body)))

    @jobs.task("safer_version_send", "action", ttl=timedelta(minutes=30), io_only=True)
    def safer_version_send_work(ctx: JobContext) -> Delivery | None:
        _kind, text = parse_value(ctx.body["actions"][0].get("value", ""))
        if not text:
            return None
        return Delivery(lambda: ctx.client.chat_postMessage(
            channel=ctx.body["user"]["id"], text=trim(text, 3000), unfurl_links=False,
            blocks=[section("Your safer version, ready to copy:"), preformatted(text)]))

    @jobs.task("review_decide", "action", ttl=RESPONSE_URL_LIFETIME, io_only=True)
    def decide_work(ctx: JobContext) -> Delivery:
        action = ctx.body["actions"][0]
        reviewer = ctx.body["user"]["id"]

        def send() -> None:
            if not service.is_reviewer(ctx.client, reviewer, service.features.reviewer_channel(team_of(None, ctx.body))):
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text="Only members of the policy reviewers' channel can decide on escalations.")
                return
            error = decide_and_tell(ctx.client, service, int(action["value"]), DECISIONS[action["action_id"]], reviewer,
                                    steps=ctx)
            if error:
                ctx.respond(response_type="ephemeral", replace_original=False, text=error)

        return Delivery(send)

    @jobs.task("review_reply_open", "action", ttl=TRIGGER_LIFETIME, io_only=True)
    def reply_work(ctx: JobContext) -> Delivery:
        def send() -> None:
            channel = service.features.reviewer_channel(team_of(None, ctx.body))
            if not service.is_reviewer(ctx.client, ctx.body["user"]["id"], channel):
                ctx.respond(response_type="ephemeral", replace_original=False,
                            text="Only members of the policy reviewers' channel can reply to escalations.")
                return
            escalation_id = int(ctx.body["actions"][0]["value"])
            row = service.state.get(escalation_id)
            view = service.features.offer_reviewed(reply_modal(escalation_id), row.kind if row else "check")
            service.open_modal(ctx.client, ctx.body["trigger_id"], view, ctx.body["user"]["id"], ctx.respond,
                               retry_hint="Please click *Reply* again.")

        return Delivery(send)


def decide_and_tell(client: WebClient, service: SlackService, escalation_id: int, status: str, reviewer: str,
                    note: str | None = None, steps: JobContext | None = None) -> str | None:
    """Record a decision only once the requester has been told; else a message for the reviewer.

    A decision the requester never hears about must not show as decided: the reviewer is told
    it is still open, and can try again or reach the person another way. With `steps` (the job
    doing it) telling and deciding are recorded in the job, so a retry after a crash does neither twice.
    """
    row = service.state.get(escalation_id)
    if row is None:
        return "That escalation no longer exists."
    row.status, row.reviewer, row.reviewer_note = status, reviewer, note  # a detached copy: nothing saved yet
    if steps is None or not steps.done("told_requester"):
        if not service.dm(client, row.requester, text=decision_text(row)):
            return (f"I couldn't send your decision to <@{escape(row.requester)}>, so escalation #{row.id} is still "
                    "open. Please try again in a few minutes, or tell them directly.")
        if steps is not None:
            steps.mark("told_requester")
    if steps is not None and steps.done("decided"):
        return None
    row = service.state.decide(escalation_id, status, reviewer, note)
    if row is not None:
        service.features.on_decision(row)  # the audit trail
        update_reviewers_message(client, row)
    if steps is not None:
        steps.mark("decided")
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
