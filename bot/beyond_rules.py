"""What a draft check adds beyond the rules: the learned scorer, the optional LLM reviewer, and a
safer version of every risky draft.

The rules decide first. The scorer and the LLM can only add findings, so they can raise a
verdict and never lower one; an LLM finding counts only if it quotes the draft exactly and
cites a passage it was given. The safer version is judged by the same check, and offered only
when it comes out ok.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.answer import VERDICTS, Answer, Citation, Edit, Finding
from bot.rewrite import Rewriter
from bot.scorer import Scorer, load_bundled
from ingest.errors import ConfigError

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)
SCORER_LABEL = "Looks like posts that needed review"


class BeyondRules:
    """The engine's extra finding sources and its safer-version offer."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.scorer: Scorer | None = _load_scorer(engine)

    # -- findings -------------------------------------------------------------------------------
    def find(self, text: str, findings: list[Finding], review: bool = True) -> list[Finding]:
        """Findings the rules did not make: the scorer's (when it would raise the verdict), then the LLM's."""
        extra = []
        scored = self.scorer_finding(text, _verdict(findings))
        if scored:
            extra.append(scored)
        reviewer = self.engine.reviewer
        if review and reviewer is not None:
            extra += self.llm_findings(text, findings + extra)
        return extra

    def scorer_finding(self, text: str, verdict: str) -> Finding | None:
        """A finding when the learned scorer rates the draft above what the rules said."""
        if self.scorer is None:
            return None
        score = self.scorer.score(self.engine.embeddings.encode_cached(text), text)
        if score.severity is None or VERDICTS.index(score.severity) <= VERDICTS.index(verdict):
            return None
        sentence = self.scorer.riskiest_sentence(text, self.engine.embeddings)
        hits = self.engine.retriever.search(sentence, k=2)
        chance = score.needs_escalation if score.severity == "escalate" else score.needs_review
        return Finding(
            category="scorer", label=SCORER_LABEL, severity=score.severity, excerpt=sentence,
            message=(f"No rule matched, but this reads like the example drafts that needed "
                     f"{'escalation' if score.severity == 'escalate' else 'a second look'} "
                     f"(learned score {chance:.2f}). Read it again against the passages below."),
            citations=tuple(self.engine._cite(h) for h in hits), source="scorer")

    def llm_findings(self, text: str, findings: list[Finding]) -> list[Finding]:
        """The LLM reviewer's findings, each quoting the draft and citing a passage it was given."""
        passages = self._passages(text, findings)
        out = []
        for item in self.engine.reviewer.review(text, passages):
            out.append(Finding(category="llm", label="A second reader's concern", severity=item.severity,
                               excerpt=item.quote, message=item.reason, citations=(passages[item.passage - 1],),
                               source="llm"))
        return out

    def _passages(self, text: str, findings: list[Finding]) -> list[Citation]:
        """The passages the reviewer may cite: those the findings cite, then the draft's nearest ones."""
        out: list[Citation] = []
        for cite in [c for f in findings for c in f.citations] + [self.engine._cite(h) for h in
                                                                  self.engine.retriever.search(text, k=3)]:
            if all((c.doc, c.section) != (cite.doc, cite.section) for c in out):
                out.append(cite)
        return out[:6]

    # -- safer version --------------------------------------------------------------------------
    def offer_safer(self, answer: Answer) -> Answer:
        """The answer with a safer version attached when one exists (only for caution and escalate)."""
        if answer.kind != "check" or answer.verdict in (None, "ok") or answer.error:
            return answer
        engine = self.engine
        if engine.reviewer is not None:
            written = engine.reviewer.rewrite(answer.query, answer.findings)
            if written and written.strip() != answer.query and engine.check(written, safer=False).verdict == "ok":
                answer.safer_version = written.strip()
                answer.safer_edits = [Edit("replace", answer.query, answer.safer_version, "rewritten by the model, "
                                           "then checked like any draft")]
                return answer
        rewriter = Rewriter(check=lambda t: engine.check(t, safer=False, review=False), company_names=engine.company_names(),
                            verify=lambda t: engine.check(t, safer=False))
        found = rewriter.safer(answer)
        if found:
            answer.safer_version = found.text
            answer.safer_edits = list(found.edits)
        return answer


def _verdict(findings: list[Finding]) -> str:
    if any(f.severity == "escalate" for f in findings):
        return "escalate"
    return "caution" if findings else "ok"


def _load_scorer(engine: Engine) -> Scorer | None:
    """The configured or bundled scorer; None when switched off or made for another embedding model."""
    settings = engine.settings
    if not getattr(settings, "scorer", True):
        return None
    path = getattr(settings, "scorer_file", None)
    scorer = Scorer.load(path, engine.embeddings.dimension) if path else load_bundled(engine.embeddings.dimension)
    if scorer is None:
        return None
    trained_with = scorer.meta.get("embedding_model")
    if trained_with and trained_with != settings.embedding_model:
        if path:
            raise ConfigError(f"GUIDEBOT_SCORER_FILE: {path} was trained with {trained_with}, "
                              f"not {settings.embedding_model}; retrain it with guidebot train-scorer")
        log.warning("bundled scorer was trained with %s, not %s: not used", trained_with, settings.embedding_model)
        return None
    return scorer

