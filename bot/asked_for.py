"""Requests the guidelines forbid making: "Never ask for retweets, likes, or favorites."

Social media guidelines often forbid asking the audience for engagement (retweets, likes, follows, upvotes, reviews).
A draft that asks for one of those things ("RT if you agree!", "please like and share") does what the sentence
forbids, but shares too few words with it for the similarity checks (bot/grounded.py) to see it: the rule names
nouns, the draft uses verbs. So the forbidden things are read off the rule and looked for as requests in the draft,
and a draft that makes one is cited the rule's own sentence (wild23's Mailchimp guide). Guidelines without such a
sentence give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.passages import Passage
from ingest.duties import sentences as passage_sentences

# The engagement a draft can ask for, by the word a rule uses (singular, lower case) -> the draft's forms of it.
_ASKABLE = {
    "retweet": r"retweet(?:s|ing)?|rt|re-?post(?:s|ing)?",
    "like": r"likes?|liking|heart(?:s|ing)?",
    "favorite": r"fav(?:ou?rite)?s?|fave?s?|favou?riting",
    "follow": r"follow(?:s|ing)?|followers?",
    "share": r"share(?:s|ing)?",
    "upvote": r"up-?votes?|up-?voting",
    "vote": r"votes?|voting",
    "review": r"reviews?|ratings?|rate (?:us|it)",
    "subscribe": r"subscribe|subscribers?|subs",
    "comment": r"comments?|commenting",
    "star": r"stars?|starring",
}
_RULE = re.compile(r"\b(?:never|do not|don['’]t|not|avoid|no)\s+(?:ever\s+)?(?:ask|asking|request|requesting|beg|begging|"
                   r"solicit|soliciting)\s+(?:\w+\s+){0,3}?(?:for|to)\s+(?P<things>[^.;:!?]{3,120})", re.IGNORECASE)
# A sentence asking the reader to do it: "please like and share", "RT if you agree", "don't forget to favorite this",
# "smash that like button", "help us hit 10k followers".
_ASKING = (r"(?:\bplease\b|\bpls\b|\bplz\b|\bkindly\b|\bdon['’]t forget to\b|\bmake sure (?:you|to)\b|\bbe sure to\b|"
           r"\bcan you\b|\bcould you\b|\bwould you\b|\bhelp us\b|\bgo\b|\bsmash\b|\bhit\b|\bgive (?:us|it|this) an?\b)")


@dataclass(frozen=True)
class AskRule:
    """A thing the guidelines forbid asking for, with the sentence that says so and its passage."""

    thing: str
    sentence: str
    passage: Passage
    pattern: re.Pattern


def ask_rules(passages: list[Passage]) -> list[AskRule]:
    """Every engagement the guidelines forbid asking for (first sentence wins for each)."""
    rules: dict[str, AskRule] = {}
    for passage in passages:
        for sentence in passage_sentences(passage.text):
            match = _RULE.search(sentence)
            if not match:
                continue
            named = {w.rstrip("s") for w in re.findall(r"[a-z]+", match.group("things").lower())}
            for thing, forms in _ASKABLE.items():
                if thing in named and thing not in rules:
                    # a request cue before the word, or the word as the sentence's first, imperative word ("RT if …")
                    pattern = re.compile(rf"{_ASKING}[^.!?\n]{{0,40}}?\b(?:{forms})\b|^\W*(?:{forms})\b", re.IGNORECASE)
                    rules[thing] = AskRule(thing, re.sub(r"\*\*|``?", "", sentence).strip(), passage, pattern)
    return list(rules.values())


def asked(sentences: list[str], rules: list[AskRule]) -> tuple[AskRule, str] | None:
    """The first forbidden request a draft makes, with the sentence making it. A thank-you ("thanks for all the
    retweets") or a statement ("I like the new templates") asks for nothing."""
    for sentence in sentences:
        if re.search(r"\b(?:thanks?|thank you|grateful)\b", sentence, re.IGNORECASE):
            continue
        for rule in rules:
            if rule.pattern.search(sentence):
                return rule, sentence
    return None
