"""Modal submissions: a draft from /canipost, an escalation, a reviewer's reply."""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import escape, reviewer_blocks
from bot.slack.features import team_of
from bot.slack.listeners.actions import decide_and_tell
from bot.slack.service import SlackService
from bot.slack.worker import Delivery, JobContext, outcome_of

log = logging.getLogger("guidebot.slack")


def _value(view: dict, block: str) -> str:
    state = view.get("state", {}).get("values", {}).get(block, {})
    return (state.get("text") or {}).get("value") or ""


def _meta(view: dict) -> dict:
    try:
        data = json.loads(view.get("private_metadata") or "{}")
        return data if isinstance(data, dict) else {}
    except json.JSONDecodeError:
        return {}


def register(app: App, service: SlackService) -> None:
    """A submission is validated and acknowledged at once (errors go back in the ack); the work is a job."""
    jobs = service.dispatcher

    @app.view("canipost_modal")
    def draft_submitted(ack: Ack, body: dict, view: dict) -> None:
        if not _value(view, "draft").strip():
            ack(response_action="errors", errors={"draft": "Paste the text you want to post."})
            return
        jobs.accept(body, "draft_submitted", ack)

    @app.view("escalate_modal")
    def escalation_submitted(ack: Ack, body: dict) -> None:
        jobs.accept(body, "escalation_submitted", ack)

    @app.view("review_reply_modal")
    def reply_submitted(ack: Ack, body: dict, view: dict) -> None:
        # Only checks that need no Slack call happen before the ack (errors keep the form open);
        # whether the person may reply, the DM and the decision are a job, like every interaction.
        if not _value(view, "reply").strip():
            ack(response_action="errors", errors={"reply": "Write a reply."})
            return
        try:
            int(view.get("private_metadata") or 0)
        except ValueError:
            log.error("reply modal with bad metadata")
            ack(response_action="errors", errors={"reply": "This form is out of date; open Reply again."})
            return
        jobs.accept(body, "review_reply", ack)

    @jobs.task("review_reply", "view", io_only=True)
    def reply_work(ctx: JobContext) -> Delivery:
        """The reply to the requester, then the decision; a reply that can't be delivered stays open and
        the reviewer is told by DM (the form has closed). A ticked reply becomes a reviewed answer (a job)."""
        body, view = ctx.body, ctx.body["view"]
        reviewer, reply_text = body["user"]["id"], _value(view, "reply").strip()
        escalation_id = int(view.get("private_metadata") or 0)

        def tell_reviewer(text: str) -> None:
            ctx.each_once("reviewer", [text], lambda _n, message, _maybe: service.dm(ctx.client, reviewer, text=message))

        def send() -> None:
            if not service.is_reviewer(ctx.client, reviewer, service.features.reviewer_channel(team_of(None, body))):
                tell_reviewer("Only members of the policy reviewers' channel can reply to escalations.")
                return
            error = decide_and_tell(ctx.client, service, escalation_id, "replied", reviewer, reply_text, steps=ctx)
            if error:
                tell_reviewer(f"I couldn't send your reply to the requester, so escalation #{escalation_id} is still "
                              "open. Please try again in a few minutes, or tell them directly.")
                return
            if not ctx.done("reviewed_answer"):  # publishing embeds text: on the answerers, as its own job
                jobs.accept(body, "reviewed_answer", _no_ack)
                ctx.mark("reviewed_answer")

        return Delivery(send)

    @jobs.task("reviewed_answer", "view")
    def reviewed_work(ctx: JobContext) -> Delivery | None:
        """A reply with *Add to reviewed answers* ticked becomes a reviewed answer (embedded, indexed)."""
        view = ctx.body["view"]
        row = service.state.get(int(view.get("private_metadata") or 0))
        if row is None:
            return None
        user = ctx.body.get("user") or {}
        service.features.after_reply(row, view, user.get("username") or user.get("name") or user.get("id") or "")
        return None

    @jobs.task("draft_submitted", "view")
    def draft_work(ctx: JobContext) -> Delivery:
        view = ctx.body["view"]
        answer = service.features.answer(team_of(None, ctx.body), "modal", "check", _value(view, "draft"),
                                         job_id=ctx.job.id)
        return Delivery(lambda: service.private_reply(ctx.client, _meta(view).get("channel") or None,
                                                      ctx.body["user"]["id"], answer), outcome_of(answer))

    @jobs.task("escalation_submitted", "view")
    def escalation_work(ctx: JobContext) -> Delivery:
        view, user = ctx.body["view"], ctx.body["user"]["id"]
        meta = _meta(view)
        kind, text = str(meta.get("k", "question")), str(meta.get("q", ""))
        answer = service.run(kind, text)
        return Delivery(lambda: _send_escalation(ctx, service, user, kind, text, answer, _value(view, "note")), "escalated")


def _no_ack(**_: object) -> None:
    """A job accepted by another job: there is no request to acknowledge."""


def _send_escalation(ctx: JobContext, service: SlackService, user: str, kind: str, text: str, answer, note: str) -> None:
    """Store the escalation, post it to the reviewers, and tell the requester what happened.

    Each step happens once however often the job runs (a retry, a take-over after a crash): the
    row is keyed by the job id, the reviewers' post is recorded on the row and carries the job's
    metadata (found again in the channel if the process died before recording it), and the
    requester's notice is a recorded step of the job.
    """
    client = ctx.client
    row = service.state.add_escalation(
        requester=user, kind=kind, text=text, verdict=answer.verdict, summary=answer.answer,
        citations=[c.location for c in answer.citations[:5]], note=note, key=ctx.job.id)
    team = team_of(None, ctx.body)
    service.features.on_escalation(row.id, team)
    channel = service.features.reviewer_channel(team)

    def post(_n: int, _row, maybe_sent: bool) -> None:
        earlier = ctx.posted_in_channel(channel) if maybe_sent else None
        if earlier:
            service.state.set_message(row.id, channel, earlier)
            return
        try:
            posted = client.chat_postMessage(channel=channel, text=f"Escalation #{row.id} from <@{escape(user)}>",
                                             blocks=reviewer_blocks(row), unfurl_links=False, metadata=ctx.metadata)
            service.state.set_message(row.id, posted["channel"], posted["ts"])
        except SlackApiError as err:
            log.error("cannot post escalation #%s to the reviewer channel (%s)", row.id, err.response.get("error"))
            service.state.decide(row.id, "undelivered", "", None)  # App Home says so, not "waiting" forever

    if not row.message_ts and row.status != "undelivered":
        ctx.each_once("reviewers", [row], post)
    if service.state.get(row.id).status == "undelivered":
        notice = (f"I couldn't reach the policy reviewers, so escalation #{row.id} was not delivered. "
                  f"Please ask {escape(service.engine.escalation_contact())} directly.")
    else:
        notice = (f"Sent to the policy reviewers as escalation #{row.id}. "
                  "I'll message you here when they decide; your App Home shows the status.")
    ctx.each_once("told", [notice], lambda _n, message, _maybe: service.dm(client, user, text=message))
