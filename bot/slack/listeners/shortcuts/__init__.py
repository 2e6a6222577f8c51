"""The "Check this post" message shortcut: a private verdict on any message's text."""

from __future__ import annotations

from slack_bolt import Ack, App

from bot.slack.features import team_of
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, Delivery, JobContext, outcome_of


def register(app: App, service: SlackService) -> None:
    jobs = service.dispatcher

    @app.shortcut("check_this_post")
    def check_this_post(ack: Ack, body: dict) -> None:
        jobs.accept(body, "check_this_post", ack)

    @jobs.task("check_this_post", "shortcut", ttl=RESPONSE_URL_LIFETIME)
    def check_work(ctx: JobContext) -> Delivery:
        shortcut = ctx.body
        message = shortcut.get("message") or {}
        answer = service.features.answer(team_of(None, shortcut), "shortcut", "check", message.get("text") or "",
                                         job_id=ctx.job.id)
        user = shortcut["user"]["id"]

        def send() -> None:
            # each message recorded in the job row once sent: a take-over after a crash skips it
            if shortcut.get("response_url"):
                ctx.each_once("reply", service.messages(answer), lambda n, payload, maybe_sent: ctx.respond(
                    response_type="ephemeral", replace_original=False, **payload))
            else:
                ctx.each_once("reply", [answer], lambda n, one, maybe_sent: service.private_reply(
                    ctx.client, (shortcut.get("channel") or {}).get("id"), user, one))

        return Delivery(send, outcome_of(answer))
