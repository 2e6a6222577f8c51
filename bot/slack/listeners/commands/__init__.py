"""The /canipost slash command: a private verdict on a draft."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.slack.blocks import HELP_TEXT, draft_modal
from bot.slack.features import team_of
from bot.slack.listeners.commands import guidebot
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, TRIGGER_LIFETIME, Delivery, JobContext, outcome_of


def register(app: App, service: SlackService) -> None:
    jobs = service.dispatcher
    guidebot.register(app, service)

    @app.command("/canipost")
    def canipost(ack: Ack, command: dict, body: dict) -> None:
        text = (command.get("text") or "").strip()
        if text.lower() in ("help", "-h", "--help", "?"):
            ack(response_type="ephemeral", text=HELP_TEXT)
            return
        if not text:
            jobs.accept(body, "canipost_form", ack)
            return
        jobs.accept(body, "canipost", ack, response_type="ephemeral", text="Checking your draft…")

    @jobs.task("canipost_form", "command", ttl=TRIGGER_LIFETIME, io_only=True)
    def open_form(ctx: JobContext) -> Delivery:
        return Delivery(lambda: service.open_modal(
            ctx.client, ctx.body["trigger_id"], draft_modal(ctx.body.get("channel_id")), ctx.body["user_id"], ctx.respond,
            retry_hint="Try `/canipost` again, or type your draft after it: `/canipost &lt;your draft&gt;`."))

    @jobs.task("canipost", "command", ttl=RESPONSE_URL_LIFETIME)
    def check_draft(ctx: JobContext) -> Delivery:
        answer = service.features.answer(team_of(None, ctx.body), "command", "check",
                                         (ctx.body.get("text") or "").strip(), job_id=ctx.job.id)
        return Delivery(lambda: service.respond_answer(ctx.respond, answer, replace_original=True), outcome_of(answer))
