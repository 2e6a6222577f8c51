"""Replies through a command's or an interaction's response_url that are not silently lost.

Bolt's `respond()` uses a webhook client that neither retries nor raises, so a 429 or a 500
from Slack dropped a verdict without a trace. This client retries rate limits (honouring
Retry-After), server errors and connection blips with slack-sdk's retry handlers, and when
Slack still refuses it logs what it drops and raises, so the job can tell the person another
way or try again later.
"""

from __future__ import annotations

import logging
import random

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import Jitter
from slack_sdk.webhook import WebhookClient

log = logging.getLogger("guidebot.slack")


class DeliveryError(Exception):
    """Slack did not take a reply, even after retries."""


class ProportionalJitter(Jitter):
    """Up to half the interval again, at random: spreads retries without a fixed extra second."""

    def recalculate(self, duration: float) -> float:
        return duration * (1 + random.random() / 2)


# A 5xx or a dropped connection is usually gone a moment later and someone is waiting for the answer:
# retry after 0.2 s, then 0.4 s, 0.8 s (plus up to half again). slack_sdk's default (0.5 s doubling plus
# up to 1 s of jitter) put a whole second on every retried reply, the tail of the answer time under load.
# Rate limits keep honouring Slack's Retry-After.
QUICK_BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.2, jitter=ProportionalJitter())


def retry_handlers(rate_limit: int = 4, server: int = 3, connection: int = 3) -> list:
    """The retry handlers every Slack client of the app uses (Web API and response_url)."""
    return [RateLimitErrorRetryHandler(max_retry_count=rate_limit),
            ServerErrorRetryHandler(max_retry_count=server, interval_calculator=QUICK_BACKOFF),
            ConnectionErrorRetryHandler(max_retry_count=connection, interval_calculator=QUICK_BACKOFF)]


def respond(response_url: str, surface: str, **message) -> None:
    """Post `message` to a response_url; raise DeliveryError (after logging it) if Slack refuses."""
    client = WebhookClient(response_url, timeout=15, retry_handlers=retry_handlers())
    try:
        response = client.send_dict(message)
    except Exception as err:  # connection errors that outlived the retries
        log.error("dropped a %s reply to response_url: %s", surface, type(err).__name__)
        raise DeliveryError(type(err).__name__) from err
    if response.status_code != 200:
        log.error("dropped a %s reply to response_url: HTTP %s after retries", surface, response.status_code)
        raise DeliveryError(f"HTTP {response.status_code}")
