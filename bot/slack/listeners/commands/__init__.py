"""The /canipost slash command: a private verdict on a draft."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.blocks import HELP_TEXT, draft_modal
from bot.slack.features import team_of
from bot.slack.listeners.commands import guidebot
from bot.slack.service import SlackService


def register(app: App, service: SlackService) -> None:
    guidebot.register(app, service)
    @app.command("/canipost")
    def canipost(ack: Ack, command: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("help", "-h", "--help", "?"):
            ack(response_type="ephemeral", text=HELP_TEXT)
            return
        if not text:
            ack()
            client.views_open(trigger_id=command["trigger_id"], view=draft_modal(command.get("channel_id")))
            return
        ack(response_type="ephemeral", text="Checking your draft…")
        answer = service.features.answer(team_of(context, command), "command", "check", text)
        respond(response_type="ephemeral", replace_original=True, **service.render(answer))
