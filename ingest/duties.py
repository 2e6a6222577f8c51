"""Duties and prohibitions stated by the guidelines themselves, mined at ingest.

"Do not name a client without their approval", "Never share anyone's health information", "Refer
journalists to the Communications team": each is a checkable rule, and the passage it comes from is
the one to cite when a draft does what it forbids. Mining them from the documents means a new
company's guidelines drive the verdict without anyone editing the rules file.

A duty keeps its sentence, its modality (prohibition, approval, referral, obligation) and the
action it is about (the words after "do not" / "never" / "only with approval"), which the bot
compares with a draft's sentences. Pure text processing: no model, no bot import.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[\"“(A-Z0-9])|\n+\s*(?:[-*•]|\d+[.)])?\s*")
_CUES = (
    ("prohibition", re.compile(
        r"\b(?:do not|don['’]t|does not|never|must not|mustn['’]t|may not|should not|shouldn['’]t|cannot|can['’]t|"
        r"are not (?:allowed|permitted) to|is not (?:allowed|permitted)|not (?:allowed|permitted) to|are prohibited from|"
        r"is prohibited|prohibited|forbidden|no one may|nobody may|refrain from|avoid)\b\s*(?P<action>.*)", re.IGNORECASE)),
    ("approval", re.compile(
        r"\b(?:only (?:with|after|once|when|if)|unless|without (?:(?:their|the|prior|written|explicit) )*"
        r"(?:approval|permission|consent|sign-?off))\b", re.IGNORECASE)),
    ("referral", re.compile(
        r"\b(?:refer|forward|pass|direct|send|report) (?P<action>(?:them|it|the \w+|any \w+|all \w+|such \w+)?.{0,80}?)"
        r"\bto (?:the |your |our )?(?P<to>[\w@. -]{3,60})", re.IGNORECASE)),
    ("obligation", re.compile(
        r"\b(?:must|always|are required to|is required to|need to|should) (?P<action>.*)", re.IGNORECASE)),
)
_TRIM = re.compile(r"^(?:post|publish|share|say|write|disclose|comment on|discuss|talk about|mention|name|use|give|"
                   r"make|reveal|answer)\b", re.IGNORECASE)
MIN_WORDS = 4
_SCOPE = re.compile(r"\b(?:does|do|shall|will) not (?:apply|cover|extend)\b", re.IGNORECASE)
# No obligation is not a prohibition: "It does not need to, but …", "you don't have to ask first", "is not
# required to" leave the choice to the reader (wild11: cited against a post about logging sponsored hours).
# A negation that describes rather than forbids: "Works that do not have copyright attached MUST be accepted ...",
# "If you do not know, ask" (wild13: cited against a post inviting contributions). Read after a relative or
# conditional word, it is skipped and the sentence's next cue is read instead.
_DESCRIBING = re.compile(r"\b(?:that|which|who|whose|if|when|whether|those|anyone|anything|people|projects?|works?)\s+"
                         r"(?:\w+\s+)?$", re.IGNORECASE)
_NO_NEED = re.compile(r"\b(?:do|does|did|need|needs)(?: not|n['’]t) (?:need|have|has) to\b|\b(?:is|are)(?: not|n['’]t) "
                      r"(?:required|obliged|obligated|expected) to\b|\bneed(?:s)? not\b|\bno need to\b", re.IGNORECASE)


@dataclass(frozen=True)
class Duty:
    """One duty or prohibition: the sentence that states it, its kind, and the action it concerns."""

    sentence: str
    modality: str
    action: str

    def to_json(self) -> dict:
        return asdict(self)


def sentences(text: str) -> list[str]:
    """Sentences of a passage, list items counted as sentences."""
    out = []
    for part in _SENTENCE.split(text or ""):
        part = re.sub(r"\s+", " ", part).strip(" -*•")
        if len(part.split()) >= MIN_WORDS:
            out.append(part)
    return out


def mine_duties(text: str) -> list[Duty]:
    """Every sentence of `text` that states a duty or a prohibition, with the action it is about."""
    duties: list[Duty] = []
    for sentence in sentences(text):
        if sentence.endswith("?"):
            continue  # an FAQ question, not a rule
        if _SCOPE.search(sentence):
            continue  # "This policy does not apply to staff in their personal use…": where the rules apply, not one
        for modality, pattern in _CUES:
            match = pattern.search(sentence)
            while match and modality == "prohibition" and (_NO_NEED.match(sentence, match.start())
                                                            or _DESCRIBING.search(sentence[:match.start()])):
                match = pattern.search(sentence, match.start("action") + 1)  # the next cue after "don't need to"
            if not match:
                continue
            action = (match.groupdict().get("action") or sentence).strip(" .;:")
            if action.startswith("|"):
                break  # "Don’t | Do || employees | Employees": a table's column heading, not a rule
            if modality == "approval":
                action = sentence[:match.start()].strip(" ,.;:") or sentence
            if len(action.split()) < 2:
                action = sentence
            duties.append(Duty(sentence=sentence, modality=modality, action=action[:300]))
            break
    return duties


def duties_metadata(text: str) -> dict[str, str]:
    """The duties of a passage as flat chroma metadata (a JSON list under `duties`, empty when none:
    the key itself says the passage was mined at ingest)."""
    return {"duties": json.dumps([d.to_json() for d in mine_duties(text)])}


def read_duties(metadata: dict) -> list[Duty] | None:
    """Duties stored with a passage at ingest; None when the index predates duty mining."""
    raw = metadata.get("duties")
    if raw is None:
        return None
    try:
        return [Duty(**item) for item in json.loads(raw)]
    except (ValueError, TypeError):
        return None
