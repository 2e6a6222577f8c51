"""`/guidebot`: per-channel settings and reviewed answers, always answered privately.

`mode` and `private` change how the bot behaves in the channel the command is typed in;
when GUIDEBOT_ADMINS is set only those people may change them. `reviewed` lists and
retires reviewed answers (reviewers only). `help` lists everything.
"""

from __future__ import annotations

import re

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.slack.blocks import escape, trim
from bot.slack.features import team_of
from bot.slack.features_db import MODES
from bot.slack.service import SlackService

HELP = (
    "*`/guidebot` settings* (only you see the replies)\n"
    "• `/guidebot mode`: how I behave in this channel.\n"
    "• `/guidebot mode mentions`: answer only when @-mentioned (the default).\n"
    "• `/guidebot mode questions`: also answer every question posted in this channel, in a thread, "
    "when the guidelines clearly answer it (otherwise I stay silent).\n"
    "• `/guidebot mode off`: ignore this channel, mentions included.\n"
    "• `/guidebot private on|off`: show my answers in this channel only to the person who asked, "
    "with a *Share in thread* button.\n"
    "• `/guidebot reviewed`: list reviewed answers; `/guidebot reviewed retire <id>` retires one (reviewers).\n"
    "• `/guidebot reviewers #channel`: the policy reviewers' channel of this workspace (admins).\n"
    "• `/guidebot help`: this list.\n"
    "Replies in a thread I answered in are follow-ups: no need to mention me again. "
    "Check a draft with `/canipost`."
)
MODE_TEXT = {
    "mentions": "I answer here only when someone @-mentions me.",
    "questions": "I answer every question posted here, in a thread, when the guidelines clearly answer it.",
    "off": "I ignore this channel, mentions included.",
}


def register(app: App, service: SlackService) -> None:
    @app.command("/guidebot")
    def guidebot(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
        ack(response_type="ephemeral", text=settings_reply(service, client, command, team_of(context, command)))


def settings_reply(service: SlackService, client: WebClient, command: dict, team: str) -> str:
    """The private reply to one `/guidebot ...` command (also its only effect on the state)."""
    features = service.features
    words = (command.get("text") or "").split()
    verb = words[0].lower() if words else "help"
    args = [w.lower() for w in words[1:]]
    user, channel = command.get("user_id", ""), command.get("channel_id", "")
    if verb in ("help", "-h", "--help", "?"):
        return HELP
    if verb in ("mode", "private"):
        if not channel or channel.startswith("D"):
            return "Channel settings apply to channels: type the command in the channel you want to change."
        current = features.store.channel(team, channel)
        if not args:
            private = "on" if current.private else "off"
            return (f"Mode here: *{current.mode}*. {MODE_TEXT[current.mode]}\nPrivate answers: *{private}*. "
                    "Change it with `/guidebot mode mentions|questions|off` or `/guidebot private on|off`.")
        admins = service.settings.admin_ids
        if admins and user not in admins:
            return "Only guidebot admins (GUIDEBOT_ADMINS) can change channel settings. `/guidebot mode` shows the current one."
        if verb == "mode":
            if args[0] not in MODES or len(args) > 1:
                return f"Unknown mode `{escape(trim(' '.join(args), 40))}`: use `/guidebot mode mentions`, `questions` or `off`."
            features.store.set_channel(team, channel, user, mode=args[0])
            return f"Mode here is now *{args[0]}*. {MODE_TEXT[args[0]]}"
        if args[0] not in ("on", "off") or len(args) > 1:
            return f"Unknown setting `{escape(trim(' '.join(args), 40))}`: use `/guidebot private on` or `/guidebot private off`."
        features.store.set_channel(team, channel, user, private=args[0] == "on")
        return ("Private answers *on*: in this channel only the person who asked sees my answer, with a *Share in "
                "thread* button." if args[0] == "on" else "Private answers *off*: I answer in the thread for everyone.")
    if verb == "reviewers":
        return reviewers_reply(service, team, user, command.get("text") or "")
    if verb == "reviewed":
        from bot.slack.reviewed_commands import reviewed_reply

        return reviewed_reply(service, client, team, user, args)
    return f"Unknown command `{escape(trim(verb, 40))}`. `/guidebot help` lists what I can do."


_CHANNEL_REF = re.compile(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>|\b([CG][A-Z0-9]{6,})\b")


def reviewers_reply(service: SlackService, team: str, user: str, text: str) -> str:
    """`/guidebot reviewers [#channel]`: show or set this workspace's reviewers' channel."""
    features = service.features
    refs = _CHANNEL_REF.findall(text)
    if not refs:
        current = features.reviewer_channel(team)
        return (f"Escalations go to <#{current}>." if current else "No reviewers' channel is set: people are told "
                f"to ask {escape(service.engine.escalation_contact())}.") + " Set it with `/guidebot reviewers #channel`."
    admins = service.settings.admin_ids
    if admins and user not in admins:
        return "Only guidebot admins (GUIDEBOT_ADMINS) can set the reviewers' channel."
    channel = refs[0][0] or refs[0][1]
    features.store.set_reviewer_channel(team, channel)
    return f"Escalations in this workspace now go to <#{channel}>; its members decide them. Invite me there with `/invite`."
