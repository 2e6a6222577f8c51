"""Mentions that notify everyone (@channel, @here, @everyone), when the guidelines have something to say about them.

Chat guidelines often ask people to keep notify-all mentions for what is urgent and relevant to everyone
("@channel sends a notification to every member of a channel, even if they are away"; wild17's Rubin Slack
culture). A draft that uses one is then worth a second look, with that passage cited. Guidelines that never
mention them give nothing: the bot doesn't police chat habits nobody wrote down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.passages import Passage

_GUIDELINE_MENTION = re.compile(r"(?<![\w@])@(channel|here|everyone)\b", re.IGNORECASE)
_DRAFT_MENTION = re.compile(r"(?<![\w@])(?:@(channel|here|everyone)\b|<!(channel|here|everyone)>)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]*[.!?]?")


@dataclass(frozen=True)
class MentionRule:
    """The guidelines' first sentence about one notify-all mention, and its passage."""

    mention: str  # "@channel"
    sentence: str
    passage: Passage


def mention_rules(passages: list[Passage]) -> dict[str, MentionRule]:
    """Each notify-all mention the guidelines write with its @ ("@channel"), with the first sentence naming it."""
    rules: dict[str, MentionRule] = {}
    for passage in passages:
        for match in _GUIDELINE_MENTION.finditer(passage.text):
            mention = "@" + match.group(1).lower()
            if mention in rules:
                continue
            start = passage.text.rfind("\n", 0, match.start()) + 1
            stop = passage.text.rfind(". ", start, match.start())
            before = stop + 2 if stop >= 0 else start
            sentence = _SENTENCE.match(passage.text, before).group(0).strip()
            sentence = re.sub(r"``?|\*\*", "", sentence).lstrip("-*• ").strip()  # markup the reader doesn't need
            rules[mention] = MentionRule(mention, sentence, passage)
    return rules


def mentions_in(text: str) -> list[str]:
    """The notify-all mentions a draft uses ("@channel", or Slack's own "<!channel>")."""
    return ["@" + (m.group(1) or m.group(2)).lower() for m in _DRAFT_MENTION.finditer(text)]
