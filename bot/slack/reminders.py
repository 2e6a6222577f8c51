"""Reminders: an escalation pending longer than GUIDEBOT_REMINDER_HOURS gets one reminder a day,
in the reviewers' channel, in the thread of the original message.

A sweep runs every few minutes in the serving process. Each reminder is claimed with one
conditional UPDATE before it is sent, so several replicas sharing the database never
remind twice; a failed send gives the claim back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import or_, select, update

from bot.slack.db import Escalation, _now
from bot.slack.features_db import EscalationInfo, FeatureStore

log = logging.getLogger("guidebot.slack")
DAY = timedelta(days=1)
SWEEP_SECONDS = 300


def due(store: FeatureStore, hours: float, now: datetime) -> list[tuple[Escalation, str]]:
    """Pending escalations older than `hours`, not reminded in the last day, with a message to reply under."""
    with store.session() as session:
        rows = session.execute(
            select(Escalation, EscalationInfo.team_id)
            .outerjoin(EscalationInfo, EscalationInfo.escalation_id == Escalation.id)
            .where(Escalation.status == "pending", Escalation.created_at <= now - timedelta(hours=hours),
                   Escalation.channel.is_not(None), Escalation.message_ts.is_not(None),
                   or_(EscalationInfo.reminded_at.is_(None), EscalationInfo.reminded_at <= now - DAY)))
        return [(row, team or "-") for row, team in rows]


def _claim(store: FeatureStore, escalation: Escalation, team: str, now: datetime) -> tuple[bool, datetime | None]:
    """Mark it reminded now, only if nobody else did within the day: (ours, the previous time to give back)."""
    with store.session() as session:
        info = session.get(EscalationInfo, escalation.id)
        if info is None:
            session.add(EscalationInfo(escalation_id=escalation.id, team_id=team))
            session.commit()
            info = session.get(EscalationInfo, escalation.id)
        previous = info.reminded_at
        result = session.execute(
            update(EscalationInfo).where(EscalationInfo.escalation_id == escalation.id,
                                         or_(EscalationInfo.reminded_at.is_(None), EscalationInfo.reminded_at <= now - DAY))
            .values(reminded_at=now, reminders=EscalationInfo.reminders + 1))
        session.commit()
        return result.rowcount == 1, previous


def reminder_text(escalation: Escalation, now: datetime) -> str:
    hours = (now - escalation.created_at).total_seconds() / 3600
    age = f"{hours / 24:.0f} days" if hours >= 48 else f"{hours:.0f} hours"
    return (f":alarm_clock: Escalation #{escalation.id} has been waiting for a decision for {age}. "
            "Please use *Approved*, *Needs changes* or *Reply* above.")


def send_reminders(store: FeatureStore, client_for: Callable[[str], WebClient | None], hours: float,
                   now: datetime | None = None) -> int:
    """One sweep: remind every due escalation once; the number sent."""
    now = now or _now()
    sent = 0
    for escalation, team in due(store, hours, now):
        ours, previous = _claim(store, escalation, team, now)
        if not ours:
            continue  # another process reminded it
        client = client_for(team)
        try:
            if client is None:
                raise RuntimeError(f"no token for workspace {team}")
            client.chat_postMessage(channel=escalation.channel, thread_ts=escalation.message_ts,
                                    text=reminder_text(escalation, now))
            sent += 1
        except (SlackApiError, RuntimeError) as err:
            log.warning("reminder for escalation #%s not sent (%s)", escalation.id,
                        err.response.get("error") if isinstance(err, SlackApiError) else err)
            with store.session() as session:
                session.execute(update(EscalationInfo).where(EscalationInfo.escalation_id == escalation.id)
                                .values(reminded_at=previous, reminders=EscalationInfo.reminders - 1))
                session.commit()
    return sent


class ReminderLoop:
    """The sweep every few minutes on a daemon thread, until stopped."""

    def __init__(self, store: FeatureStore, client_for: Callable[[str], WebClient | None], hours: float,
                 every: float = SWEEP_SECONDS) -> None:
        self.store, self.client_for, self.hours, self.every = store, client_for, hours, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="guidebot-reminders", daemon=True)

    def start(self) -> ReminderLoop:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                sent = send_reminders(self.store, self.client_for, self.hours)
                if sent:
                    log.info("sent %d escalation reminder(s)", sent)
            except Exception as err:  # a database blip must not end the loop
                log.error("reminder sweep failed: %s", err)


def start(app, service, every: float = SWEEP_SECONDS) -> ReminderLoop:
    """The loop for a serving process: the app's own client, or each workspace's installed token (OAuth)."""
    from bot.slack.oauth import client_for_team

    return ReminderLoop(service.features.store, lambda team: client_for_team(app, service.settings, team),
                        service.settings.reminder_hours, every).start()
