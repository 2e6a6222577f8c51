"""Every listener, registered in one place (the layout of Bolt's sample apps)."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, commands, events, shortcuts, views
from bot.slack.service import SlackService


def register_listeners(app: App, service: SlackService) -> None:
    events.register(app, service)
    commands.register(app, service)
    actions.register(app, service)
    views.register(app, service)
    shortcuts.register(app, service)
