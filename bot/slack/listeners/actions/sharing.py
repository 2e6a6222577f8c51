"""Private answers (`/guidebot private on`): "Share in thread" posts the answer for everyone, "Keep to myself" doesn't.

The buttons carry the question (ephemeral messages can't be read back), so sharing answers
it again (the engine is deterministic) and posts it in the thread, which from then on
takes follow-ups.
"""

from __future__ import annotations

import json

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.blocks import answer_blocks, fallback_text
from bot.slack.features import team_of
from bot.slack.service import SlackService


def _value(action: dict) -> dict:
    try:
        data = json.loads(action.get("value") or "{}")
        return data if isinstance(data, dict) else {}
    except json.JSONDecodeError:
        return {}


def register(app: App, service: SlackService) -> None:
    @app.action("share_in_thread")
    def share(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
        ack()
        data, team = _value(action), team_of(context, body)
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if not channel or not data.get("q") or not data.get("t"):
            respond(response_type="ephemeral", replace_original=False, text="I can't share this answer any more: ask again.")
            return
        kind = "check" if data.get("k") == "check" else "question"
        answer = service.run(kind, str(data["q"]))
        user = body["user"]["id"]
        service.features.remember(team, channel, str(data["t"]), answer)
        service.reply_in_thread(client, channel, str(data["t"]), user, answer)
        respond(delete_original=True)

    @app.action("keep_private")
    def keep(ack: Ack, action: dict, respond: Respond) -> None:
        ack()
        data = _value(action)
        kind = "check" if data.get("k") == "check" else "question"
        answer = service.run(kind, str(data.get("q") or ""))
        respond(response_type="ephemeral", replace_original=True, text=fallback_text(answer),
                blocks=answer_blocks(answer, service.escalation_enabled))
