"""Logging an operator can use: guidebot's own INFO lines, timestamps, optional JSON.

Configured once by `serve` and `run` (and by the CLI group for the other commands), with
`force=True` so an earlier `basicConfig` (ours or a library's) cannot swallow guidebot's
INFO lines. uvicorn is started with `log_config=None`, so its lines flow through the same
handler and format. JSON lines (GUIDEBOT_LOG_FORMAT=json) come from python-json-logger, for
log shippers that parse fields rather than text.
"""

from __future__ import annotations

import logging
import sys

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
# Libraries whose INFO lines are noise for an operator (one per HTTP call or per model load).
QUIET = ("httpx", "httpcore", "urllib3", "sentence_transformers", "chromadb", "alembic",
         "slack_sdk.web.base_client", "slack_sdk.webhook.client")


def configure_logging(level: str = "INFO", fmt: str = "text", stream=None) -> None:
    """Send every logger's records at `level` and above to stderr, with timestamps."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        from pythonjsonlogger.json import JsonFormatter

        handler.setFormatter(JsonFormatter(JSON_FIELDS, rename_fields={"asctime": "time", "levelname": "level",
                                                                       "name": "logger"}))
    else:
        formatter = logging.Formatter(TEXT_FORMAT)
        formatter.default_msec_format = "%s.%03d"
        handler.setFormatter(formatter)
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
