"""What the engine returns: answers to questions and verdicts on drafts.

One shape for both, matching the JSON contract in shared/eval-format.md, so the CLI, the
console, the Slack app and the evaluator all read the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bot.passages import Passage, page_label
from bot.retrieval import Hit

VERDICTS = ("ok", "caution", "escalate")


@dataclass(frozen=True)
class Citation:
    """A quoted guideline passage."""

    doc: str
    title: str
    section: str
    text: str
    url: str | None  # the passage's link: the document's url, with the section's #anchor when it has one
    score: float  # what the citation's place rests on: an answer's citations come in descending score
    pages: str = ""  # "12" or "12-13" when the document has pages
    similarity: float | None = None  # cosine of the question and the passage (or its best sentence), when searched

    @classmethod
    def from_hit(cls, hit: Hit) -> Citation:
        return replace(cls.from_passage(hit.passage, hit.score), similarity=round(float(hit.dense), 4))

    @classmethod
    def from_passage(cls, passage: Passage, score: float) -> Citation:
        return cls(doc=passage.doc, title=passage.title, section=passage.section, text=passage.text,
                   url=passage.link, score=round(float(score), 4), pages=passage.pages)

    @property
    def location(self) -> str:
        return self.section.replace(" > ", " › ") + page_label(self.pages)

    def to_json(self) -> dict:
        return {"doc": self.doc, "title": self.title, "section": self.section, "text": self.text,
                "url": self.url, "score": self.score, "similarity": self.similarity, "pages": self.pages or None}


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft."""

    category: str
    label: str
    severity: str
    excerpt: str
    message: str
    citations: tuple[Citation, ...] = ()
    source: str = "rules"  # which check found it: rules | signals | guidelines | judgeable (joined by + when several)

    def to_json(self) -> dict:
        return {"category": self.category, "label": self.label, "severity": self.severity,
                "excerpt": self.excerpt, "message": self.message, "source": self.source,
                "citations": [c.section for c in self.citations]}


@dataclass(frozen=True)
class Edit:
    """One change made to a draft to make it safer: shown to the person so they see why."""

    action: str  # remove | replace | add
    before: str  # the words taken out ("" for an addition)
    after: str  # the words put in ("" for a removal)
    reason: str  # the finding it answers, e.g. "Naming a client, partner or deal"

    def describe(self) -> str:
        """One line: what changed, in plain words."""
        if self.action == "add":
            return f"add “{self.after}”"
        if self.action == "remove":
            return f"remove “{self.before}”"
        return f"replace “{self.before}” with “{self.after}”"

    def to_json(self) -> dict:
        return {"action": self.action, "before": self.before, "after": self.after, "reason": self.reason}


@dataclass
class Answer:
    """The engine's reply to a question (`kind='question'`) or a draft (`kind='check'`)."""

    kind: str
    query: str
    answer: str
    abstained: bool = False
    verdict: str | None = None
    escalate: bool = False
    escalation_reason: str | None = None
    findings: list[Finding] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    lead: list[tuple[str, int]] = field(default_factory=list)  # (sentence, citation number) pairs
    notes: list[str] = field(default_factory=list)  # e.g. "your text was shortened"
    error: str | None = None  # input that could not be handled, said plainly
    generated_by: str = "extractive"  # or "llm" when a model wrote the lead
    safer_version: str | None = None  # checks: the draft rewritten so that it checks ok (None if ok or none found)
    safer_edits: list[Edit] = field(default_factory=list)  # what was changed to get it, to show the person

    def to_json(self) -> dict:
        """The `--json` form from shared/eval-format.md (plus a few extra keys)."""
        return {
            "abstained": self.abstained,
            "verdict": self.verdict,
            "escalate": self.escalate,
            "answer": self.answer,
            "safer_version": self.safer_version,
            "findings": [f.to_json() for f in self.findings],
            "citations": [c.to_json() for c in self.citations],
            "kind": self.kind,
            "escalation_reason": self.escalation_reason,
            "notes": self.notes,
            "error": self.error,
            "generated_by": self.generated_by,
            "safer_edits": [e.to_json() for e in self.safer_edits],
        }
