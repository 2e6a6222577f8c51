"""The /canipost slash command: a private verdict on a draft."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack.blocks import HELP_TEXT, draft_modal
from bot.slack.service import SlackService


def register(app: App, service: SlackService) -> None:
    @app.command("/canipost")
    def canipost(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("help", "-h", "--help", "?"):
            ack(response_type="ephemeral", text=HELP_TEXT)
            return
        if not text:
            ack()
            service.open_modal(client, command["trigger_id"], draft_modal(command.get("channel_id")), command["user_id"],
                               respond, retry_hint="Try `/canipost` again, or type your draft after it: "
                                                   "`/canipost &lt;your draft&gt;`.")
            return
        ack(response_type="ephemeral", text="Checking your draft…")
        answer = service.run("check", text)
        service.respond_answer(respond, answer, replace_original=True)
