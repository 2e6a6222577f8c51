"""Cleaning what people type before the engine sees it.

Slack sends markup (`<@U123>`, `<https://x|label>`, `<!channel>`), people paste control
characters and odd unicode, and sometimes whole documents. The engine gets plain, bounded
text; the caller learns what was changed so it can say so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]+))?>")
_SLACK_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]+))?>")
_SLACK_CHANNEL = re.compile(r"<#(C[A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<!(channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[A-Z0-9]+(?:\|([^>]+))?>|<!date\^[^|>]*\|([^>]+)>")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
# Invisible characters inside words ("Em\u200bbar\u200bgoed", a soft hyphen, direction marks) are removed, not
# turned into spaces: a word split by them must still read as the word.
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@dataclass(frozen=True)
class CleanText:
    """Text ready for the engine, and what cleaning did to it."""

    text: str
    truncated: bool = False
    original_length: int = 0

    @property
    def empty(self) -> bool:
        return not self.text.strip()


def from_slack_markup(text: str) -> str:
    """Slack's wire format to what a person saw: links, mentions and entities made plain."""
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SLACK_USER.sub(lambda m: "@" + (m.group(2) or "someone"), text)
    text = _SLACK_CHANNEL.sub(lambda m: "#" + (m.group(2) or "channel"), text)
    text = _SLACK_SPECIAL.sub(lambda m: "@" + (m.group(1) or m.group(2) or m.group(3) or "group"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def clean(text: str | None, max_chars: int) -> CleanText:
    """Normalise unicode (NFKC), drop control and invisible characters, collapse space, bound length."""
    raw = text or ""
    normal = unicodedata.normalize("NFKC", raw)
    normal = _CONTROL.sub(" ", _INVISIBLE.sub("", normal))
    normal = re.sub(r"[ \t]+", " ", normal)
    normal = re.sub(r"\n{3,}", "\n\n", normal).strip()
    if len(normal) <= max_chars:
        return CleanText(normal, False, len(raw))
    cut = normal[:max_chars]
    space = cut.rfind(" ", max_chars - 200)
    return CleanText(cut[:space] if space > 0 else cut, True, len(raw))
