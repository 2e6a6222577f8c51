"""Which sentences state a rule: what to do, as opposed to context, examples or questions.

A person asking "a journalist emailed me, what do I do?" needs the sentence that says what
to do ("Do not reply; refer it to the communications team"), not the one that describes the
press, and not an FAQ's own question, which resembles the person's question best of all but
answers nothing. These cues are general English, not any document's wording: modal verbs of
obligation and prohibition, imperatives, hand-off verbs (refer, ask, report), a sentence that
is itself a question, and the markers of a worked example.
"""

from __future__ import annotations

import re

import numpy as np

_MODAL = re.compile(
    r"\b(must|mustn'?t|shall|should|shouldn'?t|never|always|do not|don'?t|does not|may not|can ?not|can'?t|"
    r"are not (?:allowed|permitted)|is not (?:allowed|permitted)|not (?:allowed|permitted)|prohibited|forbidden|"
    r"(?:is|are) required|required to|need to|needs to|have to|has to|make sure|ensure|be sure to|only if|"
    r"unless|without (?:prior |written )?(?:approval|permission|consent)|refer(?:red)? (?:it |them |the \w+ )?to|"
    r"check with|ask (?:your|the|a)|contact (?:your|the)|report (?:it|them|this)? ?to|seek|obtain|get approval|"
    r"responsible for|expected to|obliged to|avoid|refrain)\b",
    re.IGNORECASE,
)
_IMPERATIVE_START = re.compile(
    r"^(?:please\s+)?(do|don'?t|never|always|ask|refer|contact|report|check|use|avoid|keep|make|include|identify|"
    r"disclose|follow|get|tell|send|forward|seek|obtain|consult|respect|protect|think|remember|stop|notify|speak|"
    r"direct|treat|add|delete|remove|be|state|say|mention|label|declare|escalate|inform|let|pass|route|read|"
    r"review|obey|comply|observe|limit|separate|honour|honor|credit|correct|raise|flag|leave|decline|wait|"
    r"confirm|verify|request|apply|write|talk|reach|call|email|e-mail|submit|attach|store|lock|encrypt|share|"
    r"post|publish|reply|respond|answer)\b",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(r"^\W*(for example|for instance|e\.g\.|example\b|examples\b|scenario|case study|"
                      r"illustration|suppose|imagine|consider the|let'?s say|say you|"
                      r"do:|don['’]t:|correct:|incorrect:)", re.IGNORECASE)  # a style guide's "Do:" / "Don’t:" example
_EXAMPLE_HEADING = re.compile(r"\b(examples?|scenarios?|case stud(y|ies)|illustrations?|worked)\b", re.IGNORECASE)
_LEADING_MARK = re.compile(r"^[\s\-*•>#\d.)(]*(?:\*\*)?(?:[AQ]\s*[:.)-]\s*)?")


def is_question(sentence: str) -> bool:
    """A sentence that asks rather than tells (an FAQ's question, a rhetorical one)."""
    text = sentence.strip().rstrip("*_ \"'”)")
    return text.endswith("?")


def is_example(sentence: str, heading: str = "") -> bool:
    """A worked example or scenario, which illustrates a rule without being it."""
    return bool(_EXAMPLE.match(_LEADING_MARK.sub("", sentence))) or bool(_EXAMPLE_HEADING.search(heading))


def is_directive(sentence: str) -> bool:
    """A sentence that says what to do or not to do: modal of obligation, or an imperative."""
    if is_question(sentence):
        return False
    text = _LEADING_MARK.sub("", sentence.strip())
    return bool(_MODAL.search(text) or _IMPERATIVE_START.match(text))


def sentence_prior(sentence: str, heading: str = "") -> float:
    """+1 for a rule, -1 for a question, -0.5 for an example, 0 for context."""
    if is_question(sentence):
        return -1.0
    if is_example(sentence, heading):
        return -0.5
    return 1.0 if is_directive(sentence) else 0.0


def priors(sentences: list[str], headings: list[str]) -> np.ndarray:
    """`sentence_prior` of each sentence, as a float32 vector."""
    return np.asarray([sentence_prior(s, h) for s, h in zip(sentences, headings, strict=True)], dtype=np.float32)
