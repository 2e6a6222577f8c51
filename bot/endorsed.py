"""Wording the guidelines hand people to use ("acknowledge arXiv with the statement: “Proud supporter of arXiv.”").

A draft sentence that is, or contains, a statement the guidelines themselves invite is doing what they ask, however
close it comes to their rules about the same name: "Proud supporter of arXiv!" sits near "Third party use of
arXiv's logo … is prohibited" only because both are about arXiv (wild17). Statements are quoted text of three
words or more in a sentence that invites them, never in one that forbids something.
"""

from __future__ import annotations

import re

from bot.passages import Passage

_QUOTED = re.compile(r"“([^”]{1,200})”|\"([^\"\n]{1,200})\"")
_INVITES = re.compile(r"\b(?:encourage\w*|welcome|may|can|should|must|recommend\w*|suggest\w*|invite\w*|"
                      r"acknowledge|with the (?:statement|wording|line|phrase)|such as|for example|e\.g\.)\b", re.IGNORECASE)
_FORBIDS = re.compile(r"\b(?:not|never|don.?t|do not|prohibit\w*|forbid\w*|avoid|instead of|incorrect|wrong)\b",
                      re.IGNORECASE)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_JOIN = re.compile(r"[ \t]*\n[ \t]*(?![-*+#>|]|\d+[.)]\s|\n)")  # a line break inside a paragraph, not before an item
_LEAD_END = re.compile(r".*(?:[.!?][\s)]|\n)", re.DOTALL)


def endorsed_wordings(passages: list[Passage]) -> frozenset[str]:
    """The statements (in plain lower-case words) the guidelines invite people to use."""
    found = set()
    for passage in passages:
        text = _JOIN.sub(" ", passage.text)
        for quoted in _QUOTED.finditer(text):
            before = text[:quoted.start()]
            lead_end = _LEAD_END.match(before)
            lead = before[lead_end.end() if lead_end else 0:]  # the sentence up to the quote
            if not _INVITES.search(lead) or _FORBIDS.search(_QUOTED.sub("", lead)):
                continue
            plain = _plain(quoted.group(1) or quoted.group(2))
            if len(plain.split()) >= 3:
                found.add(plain)
    return frozenset(found)


def uses_endorsed(sentence: str, wordings: frozenset[str]) -> bool:
    """Whether the sentence contains one of the invited statements."""
    plain = f" {_plain(sentence)} "
    return any(f" {wording} " in plain for wording in wordings)
