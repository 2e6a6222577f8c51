"""Logs an operator can use: guidebot's INFO lines, timestamps, JSON on request, no user text."""

from __future__ import annotations

import io
import json
import logging
import re

from bot.logs import configure_logging

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} ")


def _restore():
    configure_logging("WARNING")


def test_text_lines_have_timestamps_and_info_shows_after_an_earlier_warning_setup():
    stream = io.StringIO()
    try:
        logging.basicConfig(level=logging.WARNING)  # what the CLI group used to do first
        configure_logging("INFO", "text", stream=stream)
        logging.getLogger("guidebot.slack").info("handled %s in %d ms: %s", "dm", 12, "answered")
    finally:
        _restore()
    line = stream.getvalue().strip()
    assert TIMESTAMP.match(line), line
    assert line.endswith("INFO guidebot.slack: handled dm in 12 ms: answered")


def test_json_lines_carry_fields():
    stream = io.StringIO()
    try:
        configure_logging("INFO", "json", stream=stream)
        logging.getLogger("guidebot.slack").info("handled %s in %d ms: %s", "command", 40, "escalated",
                                                 extra={"surface": "command", "latency_ms": 40, "outcome": "escalated"})
    finally:
        _restore()
    record = json.loads(stream.getvalue().strip())
    assert record["message"] == "handled command in 40 ms: escalated"
    assert (record["level"], record["logger"]) == ("INFO", "guidebot.slack")
    assert record["surface"] == "command" and record["latency_ms"] == 40 and record["outcome"] == "escalated"
    assert re.match(r"\d{4}-\d\d-\d\d", record["time"])


def test_level_is_honoured():
    stream = io.StringIO()
    try:
        configure_logging("WARNING", "text", stream=stream)
        logging.getLogger("guidebot.slack").info("not shown")
        logging.getLogger("guidebot.slack").warning("shown")
    finally:
        _restore()
    assert "not shown" not in stream.getvalue() and "shown" in stream.getvalue()


def test_log_settings_are_validated(tmp_path, monkeypatch):
    import pytest
    from pydantic import ValidationError

    from bot.settings import Settings

    monkeypatch.chdir(tmp_path)
    assert Settings(log_level="debug", log_format="JSON", _env_file=None).log_format == "json"
    with pytest.raises(ValidationError, match="DEBUG, INFO, WARNING or ERROR"):
        Settings(log_level="loud", _env_file=None)
    with pytest.raises(ValidationError, match="text or json"):
        Settings(log_format="xml", _env_file=None)
