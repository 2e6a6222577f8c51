"""The HTTP edge of /slack/events: nothing unauthenticated is buffered, parsed or traced.

Order matters. The declared length is checked before a byte is read, and the body is read
in chunks that stop at the limit (a chunked upload has no declared length), so no request
can make the server hold more than MAX_BODY. The signature is checked on the raw bytes
before anything is parsed. Only then is the body parsed, and a signed body that is not
what Slack sends (bad JSON, a JSON array, a bad `payload=`, bytes that aren't UTF-8) is a
400 with one line in the log, never a 500 with a traceback.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from urllib.parse import parse_qs

from starlette.requests import ClientDisconnect, Request

log = logging.getLogger("guidebot.slack")
MAX_BODY = 1_000_000  # Slack payloads are far smaller
MAX_SKEW = 300  # seconds; Slack's own advice for replay protection


class Refused(Exception):
    """A request that gets a 4xx; the message is safe to log and to send back."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, refused (413) as soon as it is known to be larger than `limit`."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise Refused(400, "bad Content-Length")
        if int(declared) > limit:
            raise Refused(413, "payload too large")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refused(413, "payload too large")
            chunks.append(chunk)
    except ClientDisconnect:
        raise Refused(400, "client disconnected before sending the whole body") from None
    return b"".join(chunks)


def verify(headers, body: bytes, secret: str, now: float | None = None) -> None:
    """Slack's v0 signature over the raw bytes; Refused(401) when missing, malformed, stale or wrong."""
    timestamp = (headers.get("x-slack-request-timestamp") or "").strip()
    signature = (headers.get("x-slack-signature") or "").strip()
    if not timestamp or not signature:
        raise Refused(401, "missing Slack signature headers")
    if not timestamp.isdigit():
        raise Refused(401, "malformed X-Slack-Request-Timestamp")
    if abs((now or time.time()) - int(timestamp)) > MAX_SKEW:
        raise Refused(401, "stale Slack request timestamp")
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Refused(401, "invalid Slack signature")


def check_shape(body: bytes, content_type: str) -> None:
    """Refused(400) unless the body parses the way Bolt will parse it: a JSON object or a form."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    if "application/json" in content_type or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise Refused(400, "body is not valid JSON") from None
        if not isinstance(data, dict):
            raise Refused(400, "JSON body is not an object")
        return
    form = parse_qs(text, keep_blank_values=True)
    if "payload" in form:
        try:
            payload = json.loads(form["payload"][0])
        except json.JSONDecodeError:
            raise Refused(400, "payload= is not valid JSON") from None
        if not isinstance(payload, dict):
            raise Refused(400, "payload= is not a JSON object")
    elif not form:
        raise Refused(400, "empty or unreadable form body")
