"""Modal submissions: a draft from /canipost, an escalation, a reviewer's reply."""

from __future__ import annotations

import json
import logging

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import escape, reviewer_blocks
from bot.slack.features import team_of
from bot.slack.listeners.actions import announce_decision
from bot.slack.service import SlackService

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
    @app.view("canipost_modal")
    def draft_submitted(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
        draft = _value(view, "draft")
        if not draft.strip():
            ack(response_action="errors", errors={"draft": "Paste the text you want to post."})
            return
        ack()
        answer = service.features.answer(team_of(context, body), "modal", "check", draft)
        service.private_reply(client, _meta(view).get("channel") or None, body["user"]["id"], answer)

    @app.view("escalate_modal")
    def escalation_submitted(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        meta = _meta(view)
        kind, text, user = str(meta.get("k", "question")), str(meta.get("q", "")), body["user"]["id"]
        answer = service.run(kind, text)
        row = service.state.add_escalation(
            requester=user, kind=kind, text=text, verdict=answer.verdict, summary=answer.answer,
            citations=[c.location for c in answer.citations[:5]], note=_value(view, "note"))
        service.features.on_escalation(row.id, team_of(context, body))
        channel = service.features.reviewer_channel(team_of(context, body))
        try:
            posted = client.chat_postMessage(channel=channel, text=f"Escalation #{row.id} from <@{escape(user)}>",
                                             blocks=reviewer_blocks(row), unfurl_links=False)
            service.state.set_message(row.id, posted["channel"], posted["ts"])
        except SlackApiError as err:
            log.error("cannot post escalation #%s to the reviewer channel (%s)", row.id, err.response.get("error"))
            service.dm(client, user, text=(f"I couldn't reach the policy reviewers' channel, so escalation #{row.id} "
                                           f"was not delivered. Please ask {escape(service.settings.escalation_contact)} directly."))
            return
        service.dm(client, user, text=(f"Sent to the policy reviewers as escalation #{row.id}. "
                                       "I'll message you here when they decide; your App Home shows the status."))

    @app.view("review_reply_modal")
    def reply_submitted(ack: Ack, body: dict, view: dict, client: WebClient, context: BoltContext) -> None:
        reply_text = _value(view, "reply").strip()
        if not reply_text:
            ack(response_action="errors", errors={"reply": "Write a reply."})
            return
        reviewer = body["user"]["id"]
        if not service.is_reviewer(client, reviewer, service.features.reviewer_channel(team_of(context, body))):
            ack(response_action="errors", errors={"reply": "Only members of the reviewers' channel can reply."})
            return
        ack()
        try:
            escalation_id = int(view.get("private_metadata") or 0)
        except ValueError:
            log.error("reply modal with bad metadata")
            return
        row = service.state.decide(escalation_id, "replied", reviewer, reply_text)
        if row is not None:
            announce_decision(client, service, row)
            user = body.get("user") or {}
            service.features.after_reply(row, view, user.get("username") or user.get("name") or reviewer)
