"""The names the guidelines protect: each document's own most-used distinctive name ("QGIS", "Puter").

A trademark policy rarely puts the mark in its title ("Brand Guidelines", "Trademark Guidelines") but names it
on every other line. The name a document uses most, that is neither an ordinary English word nor a generic
policy word, is the mark whose misuse in someone's product, domain or account name the guidelines forbid.
Found per index build; configured company names are always included.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from bot.common_words import is_common_word
from bot.passages import Passage

# "QGIS", "Puter", and names that start lower-case with a capital inside ("arXiv", "eBay")
_NAME = re.compile(r"\b(?:[A-Z][A-Za-z0-9]{2,}|[a-z]+[A-Z][A-Za-z0-9]*)\b")
_GENERIC = frozenset({"policy", "guidelines", "guide", "brand", "trademark", "trademarks", "code", "conduct", "terms",
                      "service", "services", "you", "your", "our", "the", "this", "these", "use", "must", "may", "not"})
MIN_USES = 5


def document_marks(passages: list[Passage]) -> list[str]:
    """Each document's most-used distinctive name, if it uses it at least MIN_USES times; an English word only when
    the document has no other and writes that word as a name."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[str, list[str]] = defaultdict(list)
    for passage in passages:
        counts[passage.path].update(_NAME.findall(passage.text))
        texts[passage.path].append(passage.text)
    marks = set()
    for path, counter in counts.items():
        frequent = [(word, uses) for word, uses in counter.most_common() if uses >= MIN_USES and word.lower() not in _GENERIC]
        mark = next((word for word, _ in frequent if not is_common_word(word)), None)
        # a document whose name is also an English word ("Jenkins", "Slack") writes it as a name mid-sentence
        mark = mark or next((word for word, _ in frequent if _written_as_name(word, texts[path])), None)
        if mark:
            marks.add(mark)
    return sorted(marks)


_FULL_NAME = re.compile(r"\b(?:[A-Z]|[a-z]+[A-Z])[\w&-]*(?:[ \t]+[A-Z][\w&-]*)+")


def _written_as_name(word: str, texts: list[str]) -> bool:
    """An English word the document writes as a name ("use the Jenkins name"): at least MIN_USES times capitalised
    after a lower-case word other than an article ("the Board" is a title) and not followed by another capitalised
    word ("at Operation Code" is a longer name), and almost never in lower case outside addresses ("jenkins.io").
    A word capitalised only where lines or titles begin ("Avoid …", "Code of Conduct") is not one."""
    as_name = re.compile(rf"(?<=[a-z,] )(?<!\bthe )(?<!\ban )(?<!\ba ){re.escape(word)}\b(?![ \t]+[A-Z])")
    lower = re.compile(rf"(?<![\w./@-]){re.escape(word.lower())}(?![\w/@-]|\.\w)")
    inside = sum(len(as_name.findall(text)) for text in texts)
    return inside >= MIN_USES and sum(len(lower.findall(text)) for text in texts) * 10 <= inside


def corpus_words(passages: list[Passage]) -> frozenset[str]:
    """Every word-ish token of the guidelines, lower-cased, addresses included ("qgis.org"), and every run of
    capitalised words ("brightwater analytics ltd"): names the guidelines themselves use are the organisation's
    own, not someone's new product or company."""
    words = {t.lower().strip(".") for p in passages for t in re.findall(r"[\w.@-]+", p.text)}
    for passage in passages:
        for run in _FULL_NAME.findall(f"{passage.section}\n{passage.text}"):
            parts = run.lower().split()
            words.update(" ".join(parts[:end]) for end in range(2, len(parts) + 1))
    return frozenset(words)


_PARTS = re.compile(r"[^.@/_-]+")
_DOMAIN = re.compile(r"\.[a-z]{2,}\b|^@", re.IGNORECASE)
_SUFFIXES = ("ing", "ed", "es", "s", "er", "ers")


def _english(part: str) -> bool:
    """An ordinary English word, an inflection of one ("slacking", "onboarded") or two run together ("whiteboard")."""
    word = part.lower()
    stems = {word} | {word[: -len(s)] for s in _SUFFIXES if word.endswith(s)}
    return any(is_common_word(stem) for stem in stems) or any(
        is_common_word(s[:i]) and is_common_word(s[i:]) for s in stems for i in range(3, len(s) - 2))


def uses_mark(token: str, marks: list[str]) -> bool:
    """Whether a word of a draft is built on a protected name ("JenkinsPro", "qgis-experts.com", "getputer.com",
    "@QGIS_Help") rather than an English word that merely contains its letters ("onboarding" holds "board",
    "director" holds "CTO", "computer" holds "Puter"). The name counts where it is a whole part of the word, meets
    the rest at a capital ("MyQGIS", "PuterPlus"), begins or ends a domain or handle, or where the word around it is
    no English word ("qgisexperts")."""
    for part in _PARTS.finditer(token):
        text = part.group(0)
        for mark in marks:
            at = text.lower().find(mark.lower())
            if at < 0:
                continue
            left, right = text[:at], text[at + len(mark):]
            left_ok = not left or not left[-1].isalpha() or (left[-1].islower() and text[at].isupper())
            right_ok = not right or not right[0].isalpha() or right[0].isupper()
            if left_ok and right_ok:
                return True
            if _DOMAIN.search(token) and (not left or not right):
                return True
            if not _english(text):
                return True
    return False
