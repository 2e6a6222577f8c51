"""A safer version of a risky draft: enable people to post, don't just police them.

For a draft judged caution or escalate, the rewriter edits what each finding points at, mildest
edit first: generalise the words that tripped it (a client's name becomes "a client", figures go,
a date becomes "soon", a phone number or address goes), add what is missing (who you are, "views
are my own"), remove the sentence, or replace it with a link to the official announcement. Every
candidate is checked again with the same checker; an edit is kept only when it clears its finding
without making the verdict worse, and the result is offered only when the whole draft then checks
ok. Nothing here is specific to one example: edits come from the findings' categories and the
sentences they quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.answer import VERDICTS, Answer, Edit, Finding
from bot.checker import split_sentences
from bot.signals.features import HEALTH, POLITICAL

CheckFn = Callable[[str], Answer]
MAX_ROUNDS = 6
MAX_CHECKS = 24  # candidates checked per draft at most: a bound on the cost of a safer version
MIN_WORDS_LEFT = 3
OFFICIAL_LINK = "[link to the official announcement]"

# what a name is generalised to, by the category that flagged it
_NAME_FOR = {"clients": "a client", "media": "a journalist", "third_party_details": "someone",
             "colleague_privacy": "a colleague", "personal_data": "someone", "disparaging": "a competitor"}
_FIGURE_CATEGORIES = {"financial", "confidential", "clients", "incidents_legal", "colleague_privacy", "scorer", "llm"}
_DATE_CATEGORIES = {"confidential", "financial", "clients", "incidents_legal", "scorer", "llm"}
_DISCLOSE_CATEGORIES = {"disclosure", "endorsement"}
_WHOLE_SENTENCE_CATEGORIES = {"secrets"}  # never keep any part of a sentence that held a secret
_OFFICIAL_CATEGORIES = {"confidential", "financial", "clients", "company_voice", "incidents_legal", "scorer", "llm"}

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = re.compile(
    rf"\b(?:(?:on|by|from|until|before|after|in|this|next|coming)\s+)?(?:"
    rf"(?:next|this|coming)\s+(?:week|month|quarter|year|spring|summer|autumn|fall|winter|{_DAYS}|{_MONTHS})"
    rf"|(?:{_DAYS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b(?:\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})(?:\s+\d{{4}})?"
    rf"|tomorrow|tonight|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|Q[1-4](?:\s+\d{{4}})?"
    rf")\b", re.IGNORECASE)
_FIGURE = re.compile(
    r"(?:\s*\b(?:by|of|to|at|for|around|about|over|nearly|almost|roughly)\b)?\s*(?:"
    r"[$€£¥]\s?\d[\d,.]*\s*(?:k|m|mn|bn|b|million|billion|thousand)?\b"
    r"|\b\d[\d,.]*\s*(?:%|percent\b|per cent\b|k\b|m\b|bn\b|million\b|billion\b|thousand\b|x\b)"
    r"|\b\d[\d,.]*\s*(?:users|customers|clients|people|jobs|roles|staff|units|orders|deals|stores|sites)\b"
    r")", re.IGNORECASE)
_NAME = re.compile(r"(?<![\w@#/.])((?:[A-Z][\w&'’.-]*[\w&]|[A-Z])(?:\s+(?:of\s+|&\s+|and\s+)?[A-Z][\w&'’.-]*[\w&])*)(['’]s)?")
_NOT_NAMES = {
    "i", "i'm", "i’m", "i've", "i'll", "i'd", "ceo", "cfo", "cto", "coo", "vp", "hr", "ai", "ok", "fyi", "pr", "it", "ux",
    "ui", "api", "q1", "q2", "q3", "q4", "fy", "dm", "dms", "pm", "am", "tl;dr", "linkedin", "twitter", "x", "facebook",
    "instagram", "mastodon", "reddit", "tiktok", "youtube", "github", "slack", "python", "excel", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", *_MONTHS.split("|"),
}
_GIFT = re.compile(r"\b(for free|free of charge|gifted|gave (it|them|me)|sent (it|them|me)|#gifted|#ad)\b", re.IGNORECASE)
_ROLE_BEFORE = re.compile(r"\b(customer|client|partner|supplier|colleague|coworker|co-worker|teammate|manager|boss|"
                          r"patient|friend|director|engineer|lead)\s*,?\s*$", re.IGNORECASE)
_DETECTOR_VALUE = {
    "personal_data": re.compile(r"(?:\s*(?:\b(?:or|and|on|at|call|text|ring)\b|[,:])\s*)*\+?\d[\d\s().-]{6,}\d"),
    "personal_email": re.compile(r"(?:\s*(?:\b(?:or|and|at|on|email|mail)\b|[,:])\s*)*[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
}


@dataclass(frozen=True)
class SaferVersion:
    """A rewritten draft that checks ok, and the edits that produced it."""

    text: str
    edits: tuple[Edit, ...]


class Rewriter:
    """Finds a safer version of a draft by small, checked edits.

    `check` is the engine's own check without a safer version (so the rewrite is judged by
    exactly what judged the draft); `verify` is the final, full check (by default the same).
    """

    def __init__(self, check: CheckFn, company_names: list[str], verify: CheckFn | None = None,
                 max_rounds: int = MAX_ROUNDS) -> None:
        self.check = check
        self.verify = verify or check
        self.company_names = [n for n in company_names if n]
        self._own = {n.lower() for n in self.company_names}
        self.max_rounds = max_rounds
        self._budget = MAX_CHECKS

    def safer(self, answer: Answer) -> SaferVersion | None:
        """A version of the checked draft that checks ok, or None when no small edit gets there."""
        if answer.kind != "check" or answer.verdict in (None, "ok") or answer.error:
            return None
        text, current, edits = answer.query, answer, []
        self._budget = MAX_CHECKS
        for _ in range(self.max_rounds):
            if current.verdict == "ok":
                break
            step = self._clear(text, current)
            if step is None:
                return None
            text, current, new_edits = step
            edits.extend(new_edits)
        else:
            return None
        if current.verdict != "ok" or not edits or self.verify(text).verdict != "ok":
            return None
        return SaferVersion(text, tuple(edits))

    def _clear(self, text: str, current: Answer) -> tuple[str, Answer, list[Edit]] | None:
        """One step: the mildest edit that clears one finding without making things worse."""
        for finding in current.findings:
            for candidate, edits in self.candidates(text, finding):
                if candidate == text or not _enough_left(candidate):
                    continue
                if self._budget <= 0:
                    return None
                self._budget -= 1
                checked = self.check(candidate)
                still = {(f.category, f.severity) for f in checked.findings}
                if (finding.category, finding.severity) not in still and _rank(checked) < _rank(current):
                    return candidate, checked, edits
        return None

    # -- candidate edits, mildest first ---------------------------------------------------------
    def candidates(self, text: str, finding: Finding) -> Iterator[tuple[str, list[Edit]]]:
        """Edited drafts that may clear this finding, mildest first."""
        reason = finding.label
        if finding.category in _DISCLOSE_CATEGORIES:
            addition = self.disclosure(text)
            yield _join(text, addition), [Edit("add", "", addition, reason)]
        sentence = locate(text, finding)
        if sentence is None:
            return
        if finding.category not in _WHOLE_SENTENCE_CATEGORIES:
            value = _DETECTOR_VALUE.get(finding.category)
            if value and value.search(sentence):
                yield self._edit_sentence(text, sentence, value, "", reason)
            specific = []
            if finding.category in _NAME_FOR or finding.category in ("scorer", "llm"):
                specific.append(self._generalise_names(sentence, _NAME_FOR.get(finding.category, "a client")))
            if finding.category in _FIGURE_CATEGORIES:
                specific.append(_sub_edits(sentence, _FIGURE, lambda _m: ""))
            if finding.category in _DATE_CATEGORIES:
                specific.append(_sub_edits(sentence, _DATE, lambda m: _soon(m.group(0))))
            edited, edits = sentence, []
            for new_sentence, new_edits in specific:
                if new_edits:
                    yield _swap(text, sentence, new_sentence), [Edit(*e, reason) for e in new_edits]
                    edited, edits = _apply_all(edited, new_edits), edits + new_edits
            if len([s for s in specific if s[1]]) > 1:
                yield _swap(text, sentence, edited), [Edit(*e, reason) for e in edits]
        rest = _remove(text, sentence)
        yield rest, [Edit("remove", sentence, "", reason)]
        if finding.category in _OFFICIAL_CATEGORIES and not POLITICAL.search(sentence) and not HEALTH.search(sentence):
            # a political call, or someone's health ("Hua is pregnant and will be out from June"), has no official
            # announcement to link instead: no safer version beats a nonsense one
            link = f"Read the official announcement: {OFFICIAL_LINK}"
            yield _swap(text, sentence, link), [Edit("replace", sentence, link, reason + ": link the official "
                                                                                      "announcement instead, once there is one")]

    def disclosure(self, text: str = "") -> str:
        """Who you are and whose views these are; a gift is disclosed as a gift, not as employment."""
        own = any(n.lower() in text.lower() for n in self.company_names)
        if _GIFT.search(text) and not own:
            return "(Disclosure: I received this for free; views are my own.)"
        if self.company_names:
            return f"(I work at {self.company_names[0]}; views are my own.)"
        return "(Disclosure: I work for the company behind this; views are my own.)"

    def _generalise_names(self, sentence: str, generic: str) -> tuple[str, list[tuple[str, str, str]]]:
        def replace(match: re.Match) -> str | None:
            name, possessive = match.group(1), match.group(2) or ""
            words = name.split()
            if name.lower() in self._own or all(w.lower().strip(".'’") in _NOT_NAMES for w in words):
                return None
            if any(w.lower() in self._own for w in words):
                return None
            if match.start() == 0 and len(words) == 1 and not possessive:
                return None  # the first word of a sentence is capitalised anyway
            if not possessive and _ROLE_BEFORE.search(sentence[:match.start()]):
                return ""  # "our customer Jane Doe" -> "our customer"
            return generic + possessive
        return _sub_edits(sentence, _NAME, replace)

    def _edit_sentence(self, text: str, sentence: str, pattern: re.Pattern, by: str,
                       reason: str) -> tuple[str, list[Edit]]:
        new, edits = _sub_edits(sentence, pattern, lambda _m: by)
        return _swap(text, sentence, new), [Edit(*e, reason) for e in edits]


def locate(text: str, finding: Finding) -> str | None:
    """The sentence of the draft a finding quotes (its excerpt may be cut with … or masked)."""
    sentences = split_sentences(text)
    excerpt = finding.excerpt.strip().strip("…").strip()
    for piece in (excerpt, excerpt.split("*")[0].rstrip()[:-2] if "*" in excerpt else ""):
        if len(piece) < 3:
            continue
        for sentence in sentences:
            if piece in sentence or sentence in piece:
                return sentence
        probe = piece[:40]
        for sentence in sentences:
            if probe in sentence:
                return sentence
    return None


def _sub_edits(sentence: str, pattern: re.Pattern,
               replace: Callable[[re.Match], str | None]) -> tuple[str, list[tuple[str, str, str]]]:
    """Apply `replace` to each match (None keeps it); return the sentence and the (action, before, after) edits."""
    edits: list[tuple[str, str, str]] = []
    out, at = [], 0
    for match in pattern.finditer(sentence):
        new = replace(match)
        if new is None or new == match.group(0):
            continue
        out.append(sentence[at:match.start()])
        if not new:
            # a removal keeps a space between the words either side ("the $250,000 contract" -> "the contract",
            # not "thecontract"); _tidy drops it again before punctuation or a doubled space
            out.append(" ")
        else:
            out.append(new if match.group(0)[:1] != " " else " " + new)
        at = match.end()
        before = match.group(0).strip()
        edits.append(("replace", before, new) if new else ("remove", before, ""))
    if not edits:
        return sentence, []
    out.append(sentence[at:])
    return _tidy("".join(out)), edits


def _apply_all(sentence: str, edits: list[tuple[str, str, str]]) -> str:
    for _action, before, after in edits:
        sentence = _tidy(sentence.replace(before, after, 1))
    return sentence


def _soon(date: str) -> str | None:
    return "soon" if date.strip().lower() != "soon" else None


def _swap(text: str, sentence: str, new: str) -> str:
    return _tidy(text.replace(sentence, new, 1))


def _remove(text: str, sentence: str) -> str:
    return _tidy(text.replace(sentence, "", 1))


def _join(text: str, addition: str) -> str:
    text = text.rstrip()
    return f"{text} {addition}" if text else addition


def _tidy(text: str) -> str:
    """Spacing and punctuation after words were taken out."""
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = re.sub(r"[ \t]+([,.!?;:%)])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = re.sub(r"(^|[.!?]\s+)[,;:]\s*", r"\1", text)
    text = re.sub(r"\b(a|an|the|our|my) (a|an) (client|journalist|colleague|competitor)\b", r"\2 \3", text)
    return text.strip()


def _enough_left(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= MIN_WORDS_LEFT


def _rank(answer: Answer) -> tuple[int, int]:
    """How bad a check is: verdict first, then how many findings."""
    return VERDICTS.index(answer.verdict or "ok"), len(answer.findings)
