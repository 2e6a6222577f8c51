"""The "Check this post" message shortcut: a private verdict on any message's text."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.features import team_of
from bot.slack.service import SlackService


def register(app: App, service: SlackService) -> None:
    @app.shortcut("check_this_post")
    def check_this_post(ack: Ack, shortcut: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
        ack()
        message = shortcut.get("message") or {}
        answer = service.features.answer(team_of(context, shortcut), "shortcut", "check", message.get("text") or "")
        user = shortcut["user"]["id"]
        if shortcut.get("response_url"):
            respond(response_type="ephemeral", replace_original=False, **service.render(answer))
        else:
            service.private_reply(client, (shortcut.get("channel") or {}).get("id"), user, answer)
