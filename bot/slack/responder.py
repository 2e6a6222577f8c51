"""Replies through a command's or an interaction's response_url that are not silently lost.

Bolt's `respond()` uses a webhook client that neither retries nor raises, so a 429 or a 500
from Slack dropped a verdict without a trace. This client retries rate limits (honouring
Retry-After), server errors and connection blips with slack-sdk's retry handlers, and when
Slack still refuses it logs what it drops and raises, so the job can tell the person another
way or try again later.
"""

from __future__ import annotations

import logging

from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

log = logging.getLogger("guidebot.slack")


class DeliveryError(Exception):
    """Slack did not take a reply, even after retries."""


def retry_handlers() -> list:
    return [RateLimitErrorRetryHandler(max_retry_count=4), ServerErrorRetryHandler(max_retry_count=3),
            ConnectionErrorRetryHandler(max_retry_count=3)]


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
