"""What the guidelines show under "Don't": words a style or inclusive-language guide lists to avoid, and its example
sentences of what not to write.

Style guides pair a rule with a "Do" and a "Don't" block: a list of words ("Blacklist", "Whitelist", "crazy") or a
sentence that breaks the rule ("We did it! Congrats on your first sale."). The duty miner reads neither: a bare word
states no duty, and an example is not a rule. A draft that uses a listed word, or says nearly what a "Don't" example
says, does what that passage shows not to do: a caution, with the passage cited. Found on wild15's product-writing
guides (Shopify, Twilio); documents without such blocks give nothing, so other guidelines are untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.passages import Passage

# The heading of a "Don't" block ("Don’t", "Do not", "Incorrect"), alone on its line. Not "Avoid": its lists name
# kinds of content ("Slang", "Swearing"), not words (wild11).
_DONT_HEADING = re.compile(r"^\s*(?:don['’]?t|do not|incorrect)\s*:?\s*$", re.IGNORECASE)
# An example labelled "Don’t:" inside a passage (MDX `<DoDont type="dont" text="…">`, see ingest/markdown_sections.py).
_LABELLED = re.compile(r"^Don['’]t: (.+)$", re.MULTILINE)
_ITEM = re.compile(r"^\s*[-*•]\s+(.+?)\s*$", re.MULTILINE)
MAX_TERM_WORDS = 3  # a listed word or short phrase; longer items are instructions
MIN_EXAMPLE_WORDS = 4
EXAMPLE_SIMILARITY = 0.80  # a draft sentence this close to a "Don't" example says nearly the same thing


@dataclass(frozen=True)
class DontHit:
    """A draft's word or sentence that a "Don't" block shows, and the passage that shows it."""

    passage: Passage
    excerpt: str
    shown: str  # the listed word or the example sentence
    kind: str  # "term" | "example"
    similarity: float

    @property
    def block(self) -> str:
        """The block's own heading ("Don’t", "Incorrect"), or "Don’t" for an example labelled inside a passage."""
        return self.passage.heading if _DONT_HEADING.match(self.passage.heading) else "Don’t"


_DO_HEADING = re.compile(r"^\s*(?:do|dos|correct|recommended)\s*:?\s*$", re.IGNORECASE)


def _rule_names(passages: list[Passage]) -> dict[str, str]:
    """Each "Don't" passage's rule: its parent heading, or the heading just before it when that is a sibling
    ("Blacklist, whitelist" beside "Do" and "Don’t" at the same level, as guides often lay them out)."""
    names: dict[str, str] = {}
    last: dict[str, str] = {}
    for passage in sorted(passages, key=lambda p: (p.path, p.position)):
        parent, _, _ = passage.section.rpartition(" > ")
        if _DONT_HEADING.match(passage.heading):
            before = last.get(passage.path, "")
            sibling = before.rpartition(" > ")[0] == parent and before != passage.section
            names[passage.id] = before.rpartition(" > ")[2] if sibling else (parent.rpartition(" > ")[2] or passage.heading)
        elif not _DO_HEADING.match(passage.heading):
            last[passage.path] = passage.section
    return names


class DontLists:
    """The "Don't" blocks of one index build: their listed words and their example sentences, embedded once."""

    def __init__(self, passages: list[Passage], encode) -> None:
        """`encode`: texts -> unit-length vectors (the same model that embeds draft sentences)."""
        terms: dict[str, tuple[str, Passage]] = {}
        examples: list[tuple[str, Passage]] = []
        for passage in passages:
            for example in _LABELLED.findall(passage.text):  # a component's example, labelled at ingest
                if len(example.split()) >= MIN_EXAMPLE_WORDS:
                    examples.append((example.strip(), passage))
            if not _DONT_HEADING.match(passage.heading):
                continue
            for item in _ITEM.findall(passage.text):
                for term in re.split(r"\s*,\s*", item.strip(" .;:“”\"'")):
                    if term and len(term.split()) <= MAX_TERM_WORDS and re.search(r"[A-Za-z]{3}", term):
                        terms.setdefault(term.lower(), (term, passage))
            for paragraph in re.split(r"\n\s*\n", _ITEM.sub("", passage.text)):
                paragraph = " ".join(paragraph.split())
                if len(paragraph.split()) >= MIN_EXAMPLE_WORDS:
                    examples.append((paragraph, passage))
        self.terms = terms
        self.rules = _rule_names(passages)
        self._term_pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
                                         + r")(?![\w-])", re.IGNORECASE) if terms else None)
        self.examples = examples
        self.vectors = encode([text for text, _ in examples]) if examples else np.zeros((0, 0), dtype=np.float32)

    def __bool__(self) -> bool:
        return bool(self.terms or self.examples)

    def _longer_name(self, match: re.Match) -> bool:
        """A listed name that is the start of a longer one: "The Meltano" is listed, "the Meltano SDK" is another name."""
        listed, _ = self.terms[match.group(0).lower()]
        return listed != listed.lower() and bool(re.match(r"\s+[A-Z0-9]", match.string[match.end():]))

    def rule(self, hit: DontHit) -> str:
        """The rule a hit's "Don't" block belongs to, for its label."""
        return self.rules.get(hit.passage.id, hit.passage.heading)

    def find(self, sentences: list[str], vectors: np.ndarray) -> list[DontHit]:
        """The draft's listed words and its sentences that nearly repeat a "Don't" example (at most one of each)."""
        hits: list[DontHit] = []
        for sentence in sentences:
            match = next((m for m in self._term_pattern.finditer(sentence) if not self._longer_name(m)), None) \
                if self._term_pattern else None
            if match:
                _, passage = self.terms[match.group(0).lower()]
                hits.append(DontHit(passage, sentence[:200], match.group(0), "term", 1.0))
                break
        if self.examples and len(sentences) and vectors.size:
            similarity = vectors @ self.vectors.T
            i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
            if similarity[i, j] >= EXAMPLE_SIMILARITY:
                text, passage = self.examples[j]
                hits.append(DontHit(passage, sentences[i][:200], text, "example", float(similarity[i, j])))
        return hits
