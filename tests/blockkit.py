"""Block Kit checks for the Slack tests: every payload the app sends is validated by slack_sdk.models.

slack_sdk's model classes know Slack's field limits (3,000 characters per section, 150 per
header, 2,000 per button value, 50 blocks, ...); parsing a payload with them and calling
`validate_json` fails the test the way Slack would refuse the message.
"""

from __future__ import annotations

import json
import re

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

BROADCASTS = re.compile(r"<!(channel|here|everyone)\b|<@[UW][A-Z0-9]+|<!subteam\^")


def validate_blocks(blocks: list[dict], allowed_mentions: tuple[str, ...] = ()) -> None:
    """Each block parses as a known Block Kit type and meets its limits; no user text notifies anyone."""
    assert isinstance(blocks, list) and 0 < len(blocks) <= 50, f"{len(blocks)} blocks"
    for raw in blocks:
        block = Block.parse(raw)
        assert block is not None, f"not a Block Kit block: {raw}"
        block.validate_json()
    assert_inert(json.dumps(blocks), allowed_mentions)


def validate_view(view: dict, allowed_mentions: tuple[str, ...] = ()) -> None:
    """A modal or home tab as slack_sdk's View model sees it (blocks, title, metadata limits)."""
    View(**view).validate_json()
    validate_blocks(view["blocks"], allowed_mentions)


def validate_message(params: dict, allowed_mentions: tuple[str, ...] = ()) -> None:
    """A chat.postMessage / postEphemeral / response_url payload: fallback text plus valid blocks."""
    assert params.get("text"), "a message needs fallback text for notifications"
    assert len(params["text"]) <= 40_000
    assert_inert(params["text"], allowed_mentions)
    if params.get("blocks"):
        validate_blocks(params["blocks"], allowed_mentions)


def assert_inert(raw: str, allowed_mentions: tuple[str, ...] = ()) -> None:
    """No broadcast and no mention except those the app itself means to make (e.g. the requester)."""
    for match in BROADCASTS.finditer(raw):
        mention = raw[match.start():raw.find(">", match.start()) + 1]
        assert any(mention.startswith(f"<@{m}") for m in allowed_mentions), f"unexpected notification {mention!r}"
