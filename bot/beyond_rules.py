"""What a draft check adds beyond the rules: the learned scorer, the optional LLM reviewer, and a
safer version of every risky draft.

The rules find first. The scorer weighs their keyword findings (an escalation on a post unlike
every post that needed one becomes a caution; see bot.scorer) and may add its own; precise findings
(see `bot.scorer.is_precise`: credentials, contact details, the structural signals, unreadable text)
it never lowers. The LLM can only add findings, so it can raise a
verdict and never lower one; an LLM finding counts only if it quotes the draft exactly and
cites a passage it was given. The safer version is judged by the same check, and offered only
when it comes out ok.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answer import VERDICTS, Answer, Citation, Edit, Finding
from bot.rewrite import Rewriter
from bot.scorer import Score, Scorer, is_precise, load_bundled
from bot.signals.features import OFFICIAL
from ingest.errors import ConfigError

if TYPE_CHECKING:
    from bot.engine import Engine

log = logging.getLogger(__name__)
SCORER_LABEL = "Looks like posts that needed review"
# A release that is already public: "Fleet 4.50 is out: … Release notes are on our blog", "Shorebird 1.5 is out",
# "FreeBSD 14.1 is now available". The scorer's example drafts about unannounced launches make these read risky.
PUBLIC_RELEASE = re.compile(r"\b[vV]?\d+(?:\.\d+)+[\w-]*\s+(?:is|are)\s+(?:now\s+)?(?:out|available|live)\b(?!\s+(?:in|on|next|soon|"
                            r"by|from|tomorrow|later)\b)|\brelease notes\b(?!\s+(?:will|are coming|go out|next))", re.IGNORECASE)
# ... unless the post says it isn't public yet ("The press release isn't out until Monday", "the official
# announcement is next week, but you heard it here first")
NOT_YET = re.compile(r"\b(?:isn['’]t|aren['’]t|is not|are not|not)\s+(?:\w+\s+)?(?:out|public|official|announced|live)\b|"
                     r"\b(?:not yet|yet to|until|next \w+|tomorrow|soon|between us|heard it here|embargo\w*|don['’]t tell|shh+|"
                     r"will|going to|to follow|upcoming|coming (?:up|out)|out (?:on|in|by|this))\b|['’]ll\b", re.IGNORECASE)
LOWERED = ("Shown as a caution, not an escalation: apart from these words the post reads unlike the ones "
           "that needed escalation (learned score {:.2f}).")


class BeyondRules:
    """The engine's extra finding sources and its safer-version offer."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.scorer: Scorer | None = _load_scorer(engine)

    # -- findings -------------------------------------------------------------------------------
    def weigh(self, text: str, findings: list[Finding], review: bool = True) -> list[Finding]:
        """The findings once the scorer has weighed them and added its own, then the LLM's (which only add)."""
        extra: list[Finding] = []
        if self.scorer is not None:
            score = self.scorer.score(self.engine.embeddings.encode_cached(text), text,
                                      [(f.category, f.severity) for f in findings])
            findings = self.moderate(findings, score)
            scored = self.scorer_finding(text, _verdict(findings), score)
            if scored:
                extra.append(scored)
        reviewer = self.engine.reviewer
        if review and reviewer is not None:
            extra += self.llm_findings(text, findings + extra)
        return findings + extra

    def moderate(self, findings: list[Finding], score: Score) -> list[Finding]:
        """Keyword findings weighed by the scorer: an escalation on a post unlike those that needed one is
        shown as a caution (never dropped: a lowered escalation dismissed as well missed real escalations
        on tests/data/unseen*); a caution on a post unlike any that needed review is dropped. Precise
        findings (precise categories, or found by the structural signals or the can't-judge guard) are
        never touched, nor anything beside them."""
        scorer = self.scorer
        assert scorer is not None
        hard = [f for f in findings if is_precise(f.category, f.source)]
        if any(f.severity == "escalate" for f in hard):
            return findings
        if _verdict(findings) == "escalate":
            if score.needs_escalation < scorer.moderate_threshold:  # at most down to a caution, never to nothing
                findings = [replace(f, severity="caution", message=f"{f.message} {LOWERED.format(score.needs_escalation)}")
                            if f.severity == "escalate" else f for f in findings]
        elif not hard and _verdict(findings) == "caution" and score.needs_review < scorer.dismiss_threshold:
            log.debug("scorer dismissed %d keyword caution(s) (review %.2f)", len(findings), score.needs_review)
            return []
        return findings

    def scorer_finding(self, text: str, verdict: str, score: Score) -> Finding | None:
        """A finding when the learned scorer rates the draft above what the rules said.

        Its own escalation stands only on the guidelines its drafts were written for; on another
        organisation's it is shown as a caution. Measured on four sets of other organisations' drafts
        written blind (tests/data/wild*), five of its seven escalations of harmless posts were there:
        release notes, meetups, a talk video, which read like one company's unannounced launches.
        """
        if self.scorer is None or score.severity is None:
            return None
        if verdict == "ok" and (OFFICIAL.search(text) or PUBLIC_RELEASE.search(text)) and not NOT_YET.search(text):
            return None  # alone against a post sharing what is already public, its resemblance is to leaks of it
        severity = score.severity
        away = severity == "escalate" and not self.on_home_documents()
        if away:
            severity = "caution"
        if VERDICTS.index(severity) <= VERDICTS.index(verdict):
            return None
        sentence = self.scorer.riskiest_sentence(text, self.engine.embeddings)
        hits = self.engine.retriever.search(sentence, k=2)
        chance = score.needs_escalation if score.severity == "escalate" else score.needs_review
        needed = "escalation" if score.severity == "escalate" else "a second look"
        message = (f"No rule matched, but this reads like the example drafts that needed {needed} "
                   f"(learned score {chance:.2f}). Read it again against the passages below.")
        if away:
            message += (" Shown as a caution: those example drafts were written for other guidelines "
                        "than the ones loaded here.")
        return Finding(category="scorer", label=SCORER_LABEL, severity=severity, excerpt=sentence, message=message,
                       citations=tuple(self.engine._cite(h) for h in hits), source="scorer")

    def on_home_documents(self) -> bool:
        """Whether the index holds a document the scorer's training drafts were written for. A scorer
        that doesn't record them (trained before they were recorded) is at home anywhere."""
        home = (self.scorer.meta.get("trained_for") if self.scorer else None) or []
        return not home or bool(self.engine.handle.view().document_names & set(home))

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
    if path:
        scorer = Scorer.load(path, engine.embeddings.dimension)
    else:
        try:
            scorer = load_bundled(engine.embeddings.dimension)
        except ConfigError as err:  # e.g. a checkout between a feature change and its retraining
            log.warning("bundled scorer not used: %s", err)
            return None
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

