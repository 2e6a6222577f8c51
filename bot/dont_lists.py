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
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as STOPWORDS

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
    column: str = ""  # the table column that lists it ("Non-inclusive", "Incorrect"), when a word table does

    @property
    def block(self) -> str:
        """The block's own heading ("Don’t", "Incorrect"), or "Don’t" for an example labelled inside a passage."""
        if self.column:
            return self.column
        return self.passage.heading if _DONT_HEADING.match(self.passage.heading) else "Don’t"


# A two-column word table of a style guide: "Inclusive | Non-inclusive", "Incorrect | Correct", "Avoid | Use
# instead" (wild19's BigCommerce and Stack Overflow guides). The avoided column's words are listed like a "Don't"
# block's; the other column's phrases are the right forms ("Stack Overflow for Teams" holds the listed "Teams").
_AVOID_COLUMN = re.compile(r"^\W*(?:don['’]?t|do not|incorrect|wrong|avoid|non-?inclusive|not inclusive|instead of|"
                           r"not this|never)\W*$", re.IGNORECASE)
_USE_COLUMN = re.compile(r"^\W*(?:do|correct|right|use|use this|use instead|inclusive|preferred|instead|write|"
                         r"write this)\W*$", re.IGNORECASE)


def table_words(text: str) -> tuple[list[str], list[str], str]:
    """The avoided and the preferred entries of a passage's two-column word tables (comma-separated cells split),
    and the avoided column's heading."""
    avoided: list[str] = []
    preferred: list[str] = []
    columns: tuple[int, int] | None = None
    heading = ""
    # a table whose rows were run together ("a | b || c | d", "a | b | | c"): an empty cell starts the next row
    rows = [[c.strip() for c in group.split("|")] for line in text.splitlines() if "|" in line
            for group in re.split(r"\|\s*\|", line.strip().strip("|"))]
    for cells in rows:
        avoid = next((i for i, c in enumerate(cells) if _AVOID_COLUMN.match(c)), None)
        use = next((i for i, c in enumerate(cells) if _USE_COLUMN.match(c)), None)
        if avoid is not None and use is not None and avoid != use:
            columns = (avoid, use)  # a header row
            heading = cells[avoid].strip(" *_:")
            continue
        if columns is None or not any(c.strip("-: ") for c in cells):
            continue  # an empty row, or the delimiter row of a Markdown table
        # a row cut short by a cell spanning rows (HTML rowspan) fills from the left
        for index, out in zip(columns, (avoided, preferred), strict=True):
            if index < len(cells):
                out.extend(term for term in re.split(r"\s*,\s*", cells[index].strip(" .;:“”\"'")) if term)
    right = {p.lower() for p in preferred}
    # "employees | Employees": a rule about capitals, which a case-blind match cannot check
    return [a for a in avoided if a.lower() not in right], preferred, heading


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
        right_forms: set[str] = set()
        columns: dict[str, str] = {}
        for passage in passages:
            for example in _LABELLED.findall(passage.text):  # a component's example, labelled at ingest
                if len(example.split()) >= MIN_EXAMPLE_WORDS:
                    examples.append((example.strip(), passage))
            avoided, preferred, column = table_words(passage.text)
            for term in avoided:
                if len(term.split()) <= MAX_TERM_WORDS and re.search(r"[A-Za-z]{3}", term) and term.lower() not in STOPWORDS:
                    terms.setdefault(term.lower(), (term, passage))
                    columns.setdefault(term.lower(), column)
            right_forms.update(p.lower() for p in preferred if len(p) > 2)
            if not _DONT_HEADING.match(passage.heading):
                continue
            for item in _ITEM.findall(passage.text):
                parts = re.split(r"\s*,\s*", item.strip(" .;:“”\"'"))
                if any(len(part.split()) > MAX_TERM_WORDS for part in parts):
                    continue  # an instruction ("Don’t use “for” with a tier. It is simply Free, Basic, …"), not a word list
                for term in parts:
                    if term and re.search(r"[A-Za-z]{3}", term):
                        terms.setdefault(term.lower(), (term, passage))
            for paragraph in re.split(r"\n\s*\n", _ITEM.sub("", passage.text)):
                paragraph = " ".join(paragraph.split())
                if len(paragraph.split()) >= MIN_EXAMPLE_WORDS:
                    examples.append((paragraph, passage))
        self.terms = terms
        self._columns = columns
        self._right_forms = (re.compile("|".join(re.escape(f) for f in sorted(right_forms, key=len, reverse=True)),
                                        re.IGNORECASE) if right_forms else None)
        self.rules = _rule_names(passages)
        self._term_pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
                                         + r")(?![\w-]|\.\w)", re.IGNORECASE) if terms else None)
        self.examples = examples
        self.vectors = encode([text for text, _ in examples]) if examples else np.zeros((0, 0), dtype=np.float32)

    def __bool__(self) -> bool:
        return bool(self.terms or self.examples)

    def _longer_name(self, match: re.Match) -> bool:
        """A listed name that is the start of a longer one: "The Meltano" is listed, "the Meltano SDK" is another name."""
        listed, _ = self.terms[match.group(0).lower()]
        if listed == listed.lower():
            return False
        before = match.string[:match.start()]
        # "Microsoft Teams": a capitalised word just before, not at the start of the sentence, makes another name
        named_before = match.group(0)[:1].isupper() and bool(re.search(r"\S\s+[A-Z][\w&-]*\s+$", before))
        return named_before or bool(re.match(r"\s+[A-Z0-9]", match.string[match.end():]))

    def _in_right_form(self, match: re.Match) -> bool:
        """A listed word inside a form the guide gives as right ("Teams" in "Stack Overflow for Teams")."""
        if self._right_forms is None:
            return False
        return any(f.start() <= match.start() and match.end() <= f.end() and f.group(0).lower() != match.group(0).lower()
                   for f in self._right_forms.finditer(match.string))

    def rule(self, hit: DontHit) -> str:
        """The rule a hit's "Don't" block belongs to, for its label."""
        return self.rules.get(hit.passage.id, hit.passage.heading)

    def find(self, sentences: list[str], vectors: np.ndarray) -> list[DontHit]:
        """The draft's listed words and its sentences that nearly repeat a "Don't" example (at most one of each)."""
        hits: list[DontHit] = []
        for sentence in sentences:
            match = next((m for m in self._term_pattern.finditer(sentence)
                          if not self._longer_name(m) and not self._in_right_form(m)), None) \
                if self._term_pattern else None
            if match:
                _, passage = self.terms[match.group(0).lower()]
                hits.append(DontHit(passage, sentence[:200], match.group(0), "term", 1.0,
                                    column=self._columns.get(match.group(0).lower(), "")))
                break
        if self.examples and len(sentences) and vectors.size:
            similarity = vectors @ self.vectors.T
            i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
            if similarity[i, j] >= EXAMPLE_SIMILARITY:
                text, passage = self.examples[j]
                hits.append(DontHit(passage, sentences[i][:200], text, "example", float(similarity[i, j])))
        return hits
