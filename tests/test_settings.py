"""Settings: every one documented in .env.example, validated with actionable messages."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.settings import Settings
from ingest.errors import ConfigError
from ingest.settings import load_settings
from tests.conftest import ROOT


def _env_names(field_name: str, field) -> set[str]:
    alias = field.validation_alias
    if alias is not None and hasattr(alias, "choices"):
        return {str(c) for c in alias.choices}
    return {f"GUIDEBOT_{field_name.upper()}"}


def test_env_example_lists_every_setting():
    text = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    for name, field in Settings.model_fields.items():
        assert _env_names(name, field) & documented, f"{name} is missing from .env.example"


@pytest.mark.parametrize("env,needle", [
    ({"GUIDEBOT_CHUNK_TOKENS": "9999"}, "GUIDEBOT_CHUNK_TOKENS"),
    ({"GUIDEBOT_CHUNK_OVERLAP_TOKENS": "300", "GUIDEBOT_CHUNK_TOKENS": "200"}, "GUIDEBOT_CHUNK_OVERLAP_TOKENS"),
    ({"GUIDEBOT_LLM": "gpt-4o"}, "provider:model"),
    ({"SLACK_API_BASE_URL": "slack-gov.com/api"}, "SLACK_API_BASE_URL"),
    ({"GUIDEBOT_COLLECTION": "bad name!"}, "GUIDEBOT_COLLECTION"),
    ({"GUIDEBOT_EMBEDDING_BACKEND": "tensorflow"}, "GUIDEBOT_EMBEDDING_BACKEND"),
])
def test_bad_settings_name_the_variable(monkeypatch, tmp_path, env, needle):
    monkeypatch.chdir(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match=needle):
        load_settings(Settings)


def test_secrets_never_in_errors(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret-value")
    monkeypatch.setenv("GUIDEBOT_HTTP_PORT", "not-a-port")
    with pytest.raises(ConfigError) as info:
        load_settings(Settings)
    assert "xoxb-very-secret-value" not in str(info.value)
    monkeypatch.delenv("GUIDEBOT_HTTP_PORT")
    settings = Settings(slack_bot_token="xoxb-very-secret-value", _env_file=None)
    assert "xoxb-very-secret-value" not in repr(settings)


def test_api_base_url_gets_trailing_slash():
    assert Settings(slack_api_base_url="https://slack-gov.com/api", _env_file=None).slack_api_base_url == \
        "https://slack-gov.com/api/"


def test_manifest_matches_the_app():
    manifest = yaml.safe_load((ROOT / "manifest.yaml").read_text())
    features = manifest["features"]
    assert features["slash_commands"][0]["command"] == "/canipost"
    assert features["shortcuts"][0]["callback_id"] == "check_this_post"
    assert features["app_home"]["home_tab_enabled"] is True
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.im", "app_home_opened", "assistant_thread_started"} <= events
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {"app_mentions:read", "assistant:write", "channels:read", "groups:read", "chat:write",
                      "commands", "im:history", "channels:history", "groups:history"}
    # issue 10: /guidebot, channel messages for questions mode and thread follow-ups, and OAuth asks for the same scopes
    from bot.slack.oauth import BOT_SCOPES

    assert "/guidebot" in [c["command"] for c in features["slash_commands"]]
    assert {"message.channels", "message.groups"} <= events
    assert set(BOT_SCOPES) == scopes


@pytest.mark.parametrize("content,needle", [
    ("categories: [", "not valid YAML"),
    ("categories: []", "non-empty 'categories'"),
    ("categories: [{id: x, severity: maybe, query: q, patterns: [a]}]", "severity must be"),
    ("categories: [{id: x, severity: caution, query: q, patterns: ['(']}]", "bad regular expression"),
    ("categories: [{id: x, severity: caution, patterns: [a]}]", "needs a 'query'"),
])
def test_bad_rules_file_is_explained(tmp_path, content, needle):
    from bot.rules import load_rules

    path = tmp_path / "rules.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=needle):
        load_rules(path)
    with pytest.raises(ConfigError, match="GUIDEBOT_RULES_FILE: cannot read"):
        load_rules(tmp_path / "missing.yaml")


@pytest.mark.parametrize("given, expected", [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_torch_threads_wait_passively_unless_the_operator_says_otherwise(given, expected):
    """Spinning OpenMP threads made a 3-sentence encode ~14x slower on a busy 2-core machine."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    out = subprocess.run([sys.executable, "-c", "import os, ingest; print(os.environ['OMP_WAIT_POLICY'])"],
                         env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == expected


def test_serving_caps_torch_threads_and_zero_keeps_the_default():
    import torch

    from bot.settings import Settings
    from bot.slack.server import limit_torch_threads

    before = torch.get_num_threads()
    try:
        assert Settings(_env_file=None).serve_torch_threads == 1
        limit_torch_threads(0)
        assert torch.get_num_threads() == before
        limit_torch_threads(1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
