"""Whom to ask: the contact the guidelines themselves name, when none is configured.

Every organisation routes doubtful cases somewhere different (a communications team, an
ethics office, press@...); a hard-coded default names a team most companies don't have.
Guidelines usually say it in a sentence that hands the matter off ("refer the request to the
Communications team", "contact ethics@example.org"), so the contact is read from such
sentences: a named team, office or similar unit, with an address when the same sentence
gives one. Nothing found means a neutral phrase, never an invented name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

NEUTRAL = "your manager or the team that owns these guidelines"

_HANDOFF = re.compile(
    r"\b(contact|ask|refer|forward|send|report|escalate|notify|consult|check with|speak (?:to|with)|talk (?:to|with)|"
    r"reach out to|direct|e-?mail|write to|get in touch with|questions? (?:to|about)|inform|run (?:it |this |that |them )?by|"
    r"let .{1,60} know|approval from|permission from)\b",
    re.IGNORECASE,
)
_UNIT = (r"team|office|department|dept\.?|desk|committee|council|board|group|unit|officer|counsel|secretary|"
         r"ombudsperson|ombudsman|staff|division|bureau|service|center|centre|helpdesk|hotline")
_NAMED_UNIT = re.compile(
    rf"\b(?:the|our)\s+((?:(?!(?:the|to|with|a|an|for|and|or|in|on|about|by|at|from|is|are)\b)[A-Za-z][\w&'./-]*\s+)"
    rf"{{0,4}}?(?:{_UNIT}))\b(?!\s+(?:member|members|lead|leads|manager)s?\b)",
    re.IGNORECASE,
)
_FUNCTION = re.compile(r"\b(?:by|to|from|with|contact|ask|consult)\s+(Legal|Compliance|Human Resources|HR|Communications|"
                       r"Corporate Communications|Public Relations|PR|Press|Security|Ethics|Privacy|Marketing)\b")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_GENERIC = {"team", "same team", "whole team", "right team", "relevant team", "appropriate team", "office", "group",
            "service", "staff", "board", "unit", "department", "other team", "other office", "local office",
            "entire team", "project team", "next team"}
_FUNCTION_WORDS = {"the", "with", "a", "an", "to", "for", "and", "or", "in", "on", "about", "by", "at", "from", "is", "are"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _units(sentence: str) -> list[str]:
    found = []
    for match in _NAMED_UNIT.finditer(sentence):
        name = " ".join(match.group(1).split())
        words = name.lower().split()
        if name.lower() in _GENERIC or words[0] in {"your", "their", "his", "her", "its", "a", "an", "this", "that"}:
            continue
        if _FUNCTION_WORDS & set(words):  # "the issue with the group" is not a unit's name
            continue
        if not any(word[0].isupper() for word in name.split()) and len(words) < 2:
            continue
        found.append("the " + name)
    return found


def contacts_in(texts: Iterable[str]) -> Counter[str]:
    """Every contact named in a hand-off sentence, counted (a unit, with its address when given).

    A text whose first line (its heading) says "Contact" counts its addresses too.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        first = text.split("\n", 1)[0]
        if re.search(r"\bcontact", first, re.IGNORECASE) and len(first) < 120:
            for email in dict.fromkeys(_EMAIL.findall(text)):
                counts[email] += 1
        for sentence in _SENTENCE.split(text):
            if not _HANDOFF.search(sentence):
                continue
            units = _units(sentence) + [m.group(1) for m in _FUNCTION.finditer(sentence)]
            emails = _EMAIL.findall(sentence)
            if units:
                label = units[0] + (f" ({emails[0]})" if emails else "")
                counts[label] += 2 if emails else 1
            elif emails:
                counts[emails[0]] += 1
    return counts


_ROLE_ADDRESS = re.compile(r"^(?:[\w.+-]*[._-])?(?:press|media|news|comms?|communications?|pr|info|ethics|compliance|legal|"
                           r"privacy|security|conduct|coc|hr|people|help|support|social|brand|marketing|office|contact|"
                           r"enquiries|inquiries|policy|governance|abuse|report|safety|ombuds\w*)(?:[._+-][\w.+-]*)?@", re.IGNORECASE)


def is_standing_contact(label: str, mentions: int) -> bool:
    """Whether a contact can stand for the whole document: a unit ("the Press Office", "Legal"), a role address
    (press@, conduct@), or a person's address the text hands matters to more than once. One person's address named
    once belongs to its sentence: "contact Morgan (morgan@…)" in a harassment section, or a mediator who "does not work
    for us" (new user, seventeenth session: every escalation named her)."""
    address = _EMAIL.fullmatch(label.strip())
    return not address or bool(_ROLE_ADDRESS.match(label.strip())) or mentions >= 2


def named_contact(texts: Iterable[str]) -> str | None:
    """The contact the texts name most often (first named wins a tie), or None."""
    counts = Counter({name: n for name, n in contacts_in(texts).items() if is_standing_contact(name, n)})
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name, n in counts.items() if n == best)


def with_manager(contact: str | None) -> str:
    """'your manager or <contact>', or the neutral phrase."""
    return f"your manager or {contact}" if contact else NEUTRAL
