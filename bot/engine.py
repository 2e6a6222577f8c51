"""The engine: the one place questions and drafts are answered.

The CLI, the console, the Slack listeners and the evaluator all call `Engine.ask` and
`Engine.check`, so what a policy owner measures with `guidebot eval` is what employees
get in Slack.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import replace

from bot.answer import Answer, Citation, Finding
from bot.answer_type import asks_quantity, missing_value, states_quantity
from bot.asked_for import AskRule, ask_rules, asked
from bot.beyond_rules import BeyondRules
from bot.checker import Detected, DraftChecker, excused_by_context, split_sentences
from bot.common_words import is_common_word
from bot.contact import named_contact, with_manager
from bot.dont_lists import DontLists
from bot.endorsed import endorsed_wordings, uses_endorsed
from bot.expansion import load_thesaurus
from bot.grounded import GroundedChecker
from bot.judgeable import LanguageGuard, judge, with_link_targets
from bot.marks import corpus_words, document_marks
from bot.mentions import MentionRule, mention_rules, mentions_in
from bot.offtopic import Calibration, OffTopic, load_examples, named_by_heading
from bot.passages import IndexHandle, IndexView, PerBuild, with_list_items
from bot.retrieval import Hit, HybridRetriever
from bot.rules import Category, load_rules
from bot.secret_masking import mask_findings, secret_values
from bot.settings import Settings
from bot.signals import SignalDetector
from bot.signals.features import CONSENT, OFFICIAL
from bot.textinput import CleanText, clean, from_slack_markup
from bot.topics import uncovered_topic
from bot.verdict import Draft, Source, merge, most_severe
from ingest.embeddings import SentenceEmbeddings, embeddings_for
from ingest.errors import ConfigError, GuidebotError
from ingest.store import IndexStore, open_store

log = logging.getLogger(__name__)

EXAMPLE_QUESTIONS = (
    "Can I mention a client on LinkedIn?",
    "What should my disclaimer say?",
    "A journalist messaged me about our product. What do I do?",
)
# A sentence that disclaims affiliation or attributes a trademark is what trademark and endorsement rules ask
# for; it came close to "You may not suggest that X has certified your software" by naming both (wild11).
_DISCLAIMER = re.compile(r"\b(?:not|isn['’]t|aren['’]t|never)\s+(?:\w+\s+){0,2}(?:affiliated|associated|endorsed|sponsored|"
                         r"approved|certified|connected|authori[sz]ed)\s+(?:with|by)\b|\bunofficial\b|"
                         r"\bis an? (?:registered )?trademarks? of\b|\bare (?:registered )?trademarks of\b", re.IGNORECASE)
# A rule that asks for someone's permission or consent first ("without the explicit permission of the participant")
_ASKS_PERMISSION = re.compile(r"\b(?:without|unless|only with|only after|before)\b[^.]{0,60}\b(?:permission|consent)\b",
                              re.IGNORECASE)
_GENERIC_TITLE_WORDS = {
    "social", "computing", "media", "guidelines", "guideline", "policy", "policies", "business", "conduct", "code",
    "of", "the", "and", "for", "on", "standards", "principles", "handbook", "employee", "employees", "online",
    "rules", "faq", "frequently", "asked", "questions", "internal", "global", "our", "a", "an", "in", "to",
}


class Engine:
    """Answers questions and checks drafts against the current index."""

    def __init__(self, settings: Settings, embeddings: SentenceEmbeddings | None = None,
                 store: IndexStore | None = None) -> None:
        self.settings = settings
        self.embeddings = embeddings or embeddings_for(settings)
        self.handle = IndexHandle(store or open_store(settings))
        thesaurus = load_thesaurus(str(settings.synonyms_file) if settings.synonyms_file else None)
        self.retriever = HybridRetriever(self.handle, self.embeddings, thesaurus, dense_expansion=settings.dense_expansion)
        self._rules_lock = threading.Lock()
        self._checker: DraftChecker | None = None
        self._checker_build: str | None = None
        self._signals: SignalDetector | None = None
        if settings.everyday_file and not settings.everyday_file.is_file():
            raise ConfigError(f"GUIDEBOT_EVERYDAY_FILE: {settings.everyday_file} is not a file "
                              "(write one with guidebot train-scorer --out FILE)")
        self.grounded = GroundedChecker(self.embeddings, settings.everyday_file)
        self.language = LanguageGuard()
        # The verdict is the most severe finding of these sources; `add_source` appends another
        # (for example a learned scorer). Each takes the Draft and returns findings.
        self.sources: list[tuple[str, Source]] = [
            ("rules", self._rule_findings), ("signals", self._signal_findings),
            ("guidelines", self._grounded_findings), ("judgeable", self._judgeable_findings)]
        self._category_hits: dict[tuple[str, str], list[Hit]] = {}
        # what is read from the guidelines once per index build
        self._contacts: PerBuild[tuple[dict[str, str], str | None]] = PerBuild()
        self._calibration: PerBuild[Calibration] = PerBuild()
        self._donts: PerBuild[DontLists] = PerBuild()
        self._endorsed: PerBuild[frozenset[str]] = PerBuild()
        self._mention_rules: PerBuild[dict[str, MentionRule]] = PerBuild()
        self._ask_rules: PerBuild[list[AskRule]] = PerBuild()
        load_rules(settings.rules_file)  # fail at start-up on a broken rules file
        self.offtopic = OffTopic(load_examples(settings.offtopic_file), self.embeddings)
        self.lead_writer = None
        self.reviewer = None
        if settings.llm:
            from bot.llm import DraftReviewer, LeadWriter, build_model

            model = build_model(settings.llm, settings.llm_timeout)
            self.lead_writer = LeadWriter(model, settings.llm_timeout)
            self.reviewer = DraftReviewer(model, settings.llm_timeout)
        self.extra_findings = BeyondRules(self)

    # -- set-up ---------------------------------------------------------------------------------
    def company_names(self, view: IndexView | None = None) -> list[str]:
        """Configured names, else the distinctive capitalised word shared by the document titles (of `view`, or the
        current index build)."""
        if self.settings.company_names:
            return [n.strip() for n in self.settings.company_names.split(",") if n.strip()]
        titles = {p.title for p in (view or self.handle.view()).passages}
        words: Counter[str] = Counter()
        for title in titles:
            for word in set(re.findall(r"\b[A-Z][A-Za-z0-9&-]{2,}\b", title)):
                if word.lower() not in _GENERIC_TITLE_WORDS:
                    words[word] += 1
        shared = [w for w, n in words.most_common(3) if n >= max(1, len(titles) // 2)]
        # an ordinary word beside a distinctive one is the title's topic, not the name ("Northwind Trading")
        distinctive = [w for w in shared if not is_common_word(w)]
        return distinctive or shared

    def escalation_contact(self, hits: list[Hit] | None = None) -> str:
        """Whom to ask: the configured contact, else the one the cited document names, else the one
        all documents agree on, else a neutral phrase. Never raises (used in error replies too)."""
        if self.settings.escalation_contact:
            return self.settings.escalation_contact
        try:
            view = self.handle.view()
        except GuidebotError:
            return with_manager(None)
        by_document, agreed = self._contacts.get(view, lambda: _document_contacts(view.passages))
        for hit in (hits or [])[:1]:
            if hit.passage.path in by_document:
                return with_manager(by_document[hit.passage.path])
        return with_manager(agreed)

    def calibration(self) -> Calibration:
        """This index build's abstention calibration (computed once per build)."""
        view = self.handle.view()
        return self._calibration.get(view, lambda: Calibration.of(self.offtopic.matrix, view.passage_vectors,
                                                                  view.sentence_vectors))

    def checker(self) -> DraftChecker:
        """The draft checker, rebuilt when the index changes (the company's names may change)."""
        view = self.handle.view()  # names, marks and words all from the one build the checker is keyed on
        with self._rules_lock:
            if self._checker is None or self._checker_build != view.build:
                names = self.company_names(view)
                self._checker = DraftChecker(load_rules(self.settings.rules_file, names), self.embeddings)
                self._signals = SignalDetector(names, use_ner=self.settings.signals_ner,
                                               marks=document_marks(view.passages), known=corpus_words(view.passages))
                self._checker_build = view.build
                self._category_hits.clear()
            return self._checker

    def warm(self) -> None:
        """Load the index, embed the rule examples and find each category's passages now,
        so the first person waits for nothing."""
        self.handle.view()
        self.calibration()
        checker = self.checker()
        checker.warm()
        for category in checker.rules.categories:
            self._category_citations(category)
        checker.detect("Warm-up: call +1 415 555 0134; the password is x1y2z3w4.")  # loads the detectors
        self.grounded.duties(self.handle.view())
        self.language.detector()
        self.check("Warm-up: Acme's Q3 revenue is up 20%, launch next week. Nuestros ingresos subieron un 20%.")
        self.offtopic.similarity(self.embeddings.encode_cached("warm-up"))

    # -- input ----------------------------------------------------------------------------------
    def _prepare(self, text: str | None, kind: str) -> tuple[CleanText, Answer | None]:
        cleaned = clean(from_slack_markup(text or ""), self.settings.max_input_chars)
        if cleaned.empty:
            what = "question" if kind == "question" else "draft post"
            hint = (f"Try: “{EXAMPLE_QUESTIONS[0]}”" if kind == "question"
                    else "Paste the text you want to post, for example: “Excited to speak at PyCon next week!”")
            return cleaned, Answer(kind=kind, query="", answer=f"I didn't get a {what} — the text was empty. {hint}",
                                   error="empty")
        if not re.search(r"\w", cleaned.text):
            return cleaned, Answer(kind=kind, query=cleaned.text, error="no words",
                                   answer="I couldn't find any words in that. Please write your "
                                          + ("question" if kind == "question" else "draft") + " in plain text.")
        return cleaned, None

    def _notes(self, cleaned: CleanText) -> list[str]:
        if cleaned.truncated:
            return [f"Your text was {cleaned.original_length:,} characters; I read the first "
                    f"{len(cleaned.text):,}. Ask about one post or question at a time."]
        return []

    # -- questions ------------------------------------------------------------------------------
    def ask(self, question: str | None) -> Answer:
        """Answer a question from the guidelines, or say honestly that they don't cover it."""
        cleaned, refusal = self._prepare(question, "question")
        if refusal:
            return refusal
        text = cleaned.text
        query = self.retriever.analyse(text)
        hits = self.retriever.search_query(query, k=5)
        notes = self._notes(cleaned)
        evidence = max((h.dense for h in hits[:3]), default=0.0)
        corroborated = any(h.lexical > 0 for h in hits[:3])
        off_topic = self.offtopic.similarity(self.embeddings.encode_cached(query.dense_text))  # cached by search
        if named_by_heading(text, [f"{h.passage.title} {h.passage.section}" for h in hits[:3]]):
            off_topic = 0.0  # a section is named for it: not an everyday question, whatever the everyday list says
        risky = [d for d in self.checker().detect(text, use_examples=False) if d.category.severity == "escalate"]
        shift = self.calibration().shift
        if self._abstain(hits, evidence, corroborated, off_topic, shift) or self._no_figure(text, hits):
            return Answer(kind="question", query=text, abstained=True, escalate=True,
                          escalation_reason="The guidelines don't cover this.", notes=notes,
                          answer=("I couldn't find anything in the guidelines that answers this, so I won't guess. "
                                  f"Please ask {self.escalation_contact()}."))
        citations = [self._cite(h) for h in hits]
        lead = self._lead(hits, shift)
        thin = evidence < self.settings.abstain_threshold + shift + 0.08
        escalate = bool(risky) or thin
        reason = None
        if risky:
            reason = f"This touches on {risky[0].category.label.lower()}."
        elif thin:
            reason = "The guidelines don't settle this clearly."
        written = self.lead_writer.write(text, hits[:4]) if self.lead_writer else None
        if written:
            answer, lead, generated_by = written, [], "llm"
        else:
            body = "\n".join(f"“{sentence}” [{n}]" for sentence, n in lead)
            answer, generated_by = f"Here is what the guidelines say:\n{body}", "extractive"
        if escalate:
            answer += f"\n{reason} If in doubt, check with {self.escalation_contact(hits)} before you post."
        return Answer(kind="question", query=text, answer=answer, escalate=escalate, escalation_reason=reason,
                      citations=citations, lead=lead, notes=notes, generated_by=generated_by)

    def _abstain(self, hits: list[Hit], evidence: float, corroborated: bool, off_topic: float, shift: float = 0.0) -> bool:
        """Abstain on weak evidence, on uncorroborated middling evidence, or on an everyday question.

        Dense similarity alone drifts from one document set to another (short documents with
        repeated titles score everything higher); a question the passages share no word with,
        and that they match only moderately, is almost always off-topic; and a question much
        closer to an everyday workplace task than to any passage is not one the guidelines answer.
        The similarity thresholds move with the corpus (`shift`, see offtopic.Calibration).
        """
        if not hits or evidence < self.settings.abstain_threshold + shift:
            return True
        if off_topic - evidence > self.settings.offtopic_margin:
            return True
        return evidence < self.settings.corroborate_below + shift and not corroborated

    @staticmethod
    def _no_figure(question: str, hits: list[Hit]) -> bool:
        """A question asking for a quantity whose best passage states none, or about a topic none of the passages
        found mentions: the guidelines are near its subject but don't answer it (bot/answer_type.py, bot/topics.py)."""
        if not hits:
            return False
        if asks_quantity(question) and not states_quantity(hits[0].passage.text):
            return True
        if uncovered_topic(question, [f"{h.passage.section}\n{h.passage.text}" for h in hits]):
            return True  # on a topic such as gifts or AI tools that no passage found mentions
        # the two best-ranked passages, and the one the evidence came from (the closest of the first three): "125
        # characters or less" ranked third under two passages about tweets that share more words (wild23)
        closest = max(hits[:3], key=lambda h: h.dense)
        read = hits[:2] + ([closest] if all(closest is not h for h in hits[:2]) else [])
        return missing_value(question, [h.passage.text for h in read]) is not None

    def _lead(self, hits: list[Hit], shift: float = 0.0) -> list[tuple[str, int]]:
        """The sentence of each strong passage (at most three) that best answers, numbered by citation.

        Within a passage the retriever prefers a sentence that states what to do over context, an
        example or the document's own question (see rulecues).
        """
        lead: list[tuple[str, int]] = []
        best = hits[0].dense
        for n, hit in enumerate(hits[:3], 1):
            if n > 1 and (hit.dense < self.settings.abstain_threshold + shift or hit.dense < best - 0.12):
                continue
            sentence = with_list_items(hit.sentence or _first_sentence(hit.passage.text), hit.passage.text)
            if sentence not in (s for s, _ in lead):
                lead.append((sentence, n))
        return lead

    # -- drafts ---------------------------------------------------------------------------------
    def add_source(self, name: str, source: Source) -> None:
        """One more source of findings for drafts (e.g. a learned scorer); the most severe still wins."""
        self.sources.append((name, source))

    def check(self, draft: str | None, safer: bool = True, review: bool = True) -> Answer:
        """Verdict on a draft post: ok, caution or escalate, with findings and the passages that apply.

        The verdict is the most severe of every source's findings (bot/verdict.py); an ok names
        the passages the draft was checked against, so people see why it is fine. `safer=False` skips
        looking for a safer version, `review=False` the optional LLM reviewer (the rewriter's own checks).
        """
        cleaned, refusal = self._prepare(with_link_targets(draft or ""), "check")
        if refusal:
            refusal.verdict = None
            return refusal
        text = cleaned.text
        context = Draft(text=text, sentences=tuple(split_sentences(text)), embeddings=self.embeddings)
        findings: list[Finding] = []
        for name, source in self.sources:
            for finding in source(context):
                findings.append(finding if finding.source != "rules" or name == "rules" else replace(finding, source=name))
        if cleaned.truncated:  # what was not read cannot be called fine
            findings.append(Finding(category="unjudgeable", label="Can't be fully checked", severity="caution",
                                    excerpt=text[-120:], source="judgeable",
                                    message=f"Only the first {len(text):,} of {cleaned.original_length:,} characters "
                                            "were checked; the rest was not read. Check one post at a time."))
        findings = merge(findings)
        findings = merge(self.extra_findings.weigh(text, findings, review=review))
        findings = mask_findings(findings, secret_values(text))
        verdict = most_severe(findings)
        contact = self.escalation_contact()
        labels = "; ".join(f.label.lower() for f in findings)
        if verdict == "ok":
            citations = self._checked_against(context)
            places = "; ".join(c.location for c in citations[:3])
            answer = ("Looks fine to post: nothing in it touches confidential, financial, client or other risky areas "
                      "of the guidelines. You are still responsible for what you post."
                      + (f"\nChecked against: {places}." if places else ""))
        else:
            citations = _interleave([list(f.citations) for f in findings], limit=5)
            if verdict == "caution":
                answer = f"Fix before posting: {labels}."
            else:
                answer = f"Don't post this yet: take it to {contact} first. It touches on {labels}."
        checked = Answer(kind="check", query=text, answer=answer, verdict=verdict, escalate=verdict == "escalate",
                         escalation_reason=(findings[0].message if verdict == "escalate" else None),
                         findings=findings, citations=citations, notes=self._notes(cleaned))
        return self.extra_findings.offer_safer(checked) if safer else checked

    # -- sources of findings ---------------------------------------------------------------------
    def _rule_findings(self, draft: Draft) -> list[Finding]:
        """The rules file: patterns, lexicons, detectors and example phrasings."""
        return [self._finding(d) for d in self.checker().detect(draft.text, vectors=draft.vectors)]

    def _signal_findings(self, draft: Draft) -> list[Finding]:
        """Structural signals (organisations, amounts, dates, people, credentials, screens...)."""
        checker = self.checker()
        assert self._signals is not None
        out = []
        sentences = list(draft.sentences)
        for signal in self._signals.detect(draft.text):
            category = _category_or(checker.rules.categories, signal.category, signal.reason)
            if signal.excusable and _context_excuses(category, sentences, signal.excerpt):
                continue
            out.append(Finding(category=category.id, label=category.label, severity=signal.severity,
                               excerpt=signal.excerpt, message=signal.reason,
                               citations=tuple(self._cite(h) for h in self._signal_citations(category, signal.excerpt)),
                               source=signal.source))
        return out

    def _grounded_findings(self, draft: Draft) -> list[Finding]:
        """The guidelines' own duties and prohibitions, each cited with its passage."""
        view = self.handle.view()
        out = []
        sentences = list(draft.sentences)
        for hit in self.grounded.check(view, sentences, draft.vectors())[:2]:
            if OFFICIAL.search(" ".join(sentences[max(0, hit.index - 1):hit.index + 2])):
                continue  # resharing an official release is what the guidelines invite ("Results are out. Full release: …")
            if _DISCLAIMER.search(hit.sentence):
                continue  # "X is a trademark of Y; this meetup is not affiliated with Y": the notice the rule asks for
            if _ASKS_PERMISSION.search(hit.duty.sentence) and CONSENT.search(draft.text):
                continue  # "Never post a participant's picture without their permission" and the draft says it has it
            if hit.severity == "caution" and uses_endorsed(hit.sentence, self._endorsed_wordings(view)):
                continue  # "Proud supporter of arXiv!": the statement the guidelines themselves invite
            out.append(Finding(category=f"guideline:{hit.passage.heading}", label=f"Against “{hit.passage.heading}”",
                               severity=hit.severity, excerpt=hit.sentence[:200],
                               message=f"The guidelines say: “{hit.duty.sentence}”",
                               citations=(self._cite_passage(hit.passage, hit.similarity),), source="guidelines"))
        mention = self._mention_finding(view, draft.text, sentences)
        if mention:
            out.append(mention)
        request = asked(sentences, self._ask_rules.get(view, lambda: ask_rules(view.passages)))
        if request:
            rule, sentence = request
            out.append(Finding(category=f"guideline:{rule.passage.heading}", label=f"Asks for {rule.thing}s",
                               severity="caution", excerpt=sentence[:200],
                               message=f"Asks people for {rule.thing}s; the guidelines say: “{rule.sentence[:240]}”",
                               citations=(self._cite_passage(rule.passage, 1.0),), source="guidelines"))
        donts = self._dont_lists(view)
        for shown in donts.find(sentences, draft.vectors()):
            rule = donts.rule(shown)
            block = shown.block
            message = (f"The guidelines list “{shown.shown}” under “{block}” for “{rule}”." if shown.kind == "term" else
                       f"The guidelines give nearly this as a “{block}” example for “{rule}”: “{shown.shown[:160]}”")
            out.append(Finding(category=f"guideline:{rule}", label=f"Against “{rule}”", severity="caution",
                               excerpt=shown.excerpt, message=message,
                               citations=(self._cite_passage(shown.passage, shown.similarity),), source="guidelines"))
        return out

    def _mention_finding(self, view: IndexView, text: str, sentences: list[str]) -> Finding | None:
        """The first notify-all mention the draft uses that the guidelines speak of (bot/mentions.py)."""
        rules = self._mention_rules.get(view, lambda: mention_rules(view.passages))
        mention = next((m for m in mentions_in(text) if m in rules), None)
        if mention is None:
            return None
        rule = rules[mention]
        return Finding(category=f"guideline:{rule.passage.heading}", label=f"Uses {mention}", severity="caution",
                       excerpt=next((s for s in sentences if mention in s.lower()), text)[:200],
                       message=f"Uses {mention}, which notifies everyone; the guidelines say: “{rule.sentence[:240]}”",
                       citations=(self._cite_passage(rule.passage, 1.0),), source="guidelines")

    def _endorsed_wordings(self, view: IndexView) -> frozenset[str]:
        """The statements this build's guidelines invite people to use (bot/endorsed.py), read once per build."""
        return self._endorsed.get(view, lambda: endorsed_wordings(view.passages))

    def _dont_lists(self, view: IndexView) -> DontLists:
        """The "Don't" blocks of this build (bot/dont_lists.py), read once per build."""
        return self._donts.get(view, lambda: DontLists(view.passages, self.embeddings.encode))

    def _judgeable_findings(self, draft: Draft) -> list[Finding]:
        """Text the checks cannot read (another language, only a link or an image) is never ok."""
        out = []
        categories = self.checker().rules.categories
        for judgement in judge(draft.text, self.language, self.escalation_contact()):
            if judgement.category == "unjudgeable":
                out.append(Finding(category="unjudgeable", label="Can't be fully checked", severity=judgement.severity,
                                   excerpt=judgement.excerpt, message=judgement.reason, source="judgeable"))
                continue
            category = _category_or(categories, judgement.category, judgement.reason)
            out.append(Finding(category=category.id, label=category.label, severity=judgement.severity,
                               excerpt=judgement.excerpt, message=judgement.reason,
                               citations=tuple(self._cite(h) for h in self._category_citations(category)),
                               source="judgeable"))
        return out

    def _checked_against(self, draft: Draft) -> list[Citation]:
        """For an ok: the guideline passages whose duties come closest to the draft."""
        nearest = self.grounded.nearest(self.handle.view(), draft.vectors(), k=3)
        if nearest:
            return [self._cite_passage(passage, score) for _, passage, score in nearest]
        return [self._cite(h) for h in self.retriever.search(draft.text, k=3)]

    def _cite_passage(self, passage, score: float) -> Citation:
        return self._cite(Hit(passage=passage, score=score, dense=score, lexical=0.0, sentence=None))

    def _signal_citations(self, category, excerpt: str) -> list[Hit]:
        """The passage that speaks to what the signal found in the draft, then the category's own passage."""
        hits = self.retriever.search(excerpt, k=1)
        for hit in self._category_citations(category):
            if len(hits) >= 2:
                break
            if all(hit.passage.id != h.passage.id for h in hits):
                hits.append(hit)
        return hits

    def _category_citations(self, category) -> list[Hit]:
        """The passages a category cites, searched once per index build."""
        key = (self.handle.view().build, category.id)
        hits = self._category_hits.get(key)
        if hits is None:
            hits = self.retriever.search(category.query, k=2)
            self._category_hits[key] = hits
        return hits

    def _finding(self, detected: Detected) -> Finding:
        category = detected.category
        hits = self._category_citations(category)
        return Finding(category=category.id, label=category.label, severity=category.severity,
                       excerpt=detected.excerpt, message=category.message,
                       citations=tuple(self._cite(h) for h in hits))

    def _cite(self, hit: Hit) -> Citation:
        """A citation showing the whole section when it was split into several passages."""
        view = self.handle.view()
        index = view.by_id.get(hit.passage.id)
        text = view.section_text(index) if index is not None else hit.passage.text
        citation = Citation.from_hit(hit)
        return citation if text == citation.text else replace(citation, text=text)


def _context_excuses(category: Category, sentences: list[str], excerpt: str) -> bool:
    """The rules file's readings of context (an official release, another organisation, a story, the word only
    mentioned...) apply to a signal's sentence as they do to a phrase rule's: one place says what excuses a category."""
    head = excerpt.strip(" .…")[:40]
    for n, sentence in enumerate(sentences):
        if head and head in sentence:
            return excused_by_context(category, sentences, n)
    return False


def _category_or(categories: tuple[Category, ...], category_id: str, reason: str) -> Category:
    """The rules category a signal belongs to; a stand-in when a company's rules file has no such category."""
    found = next((c for c in categories if c.id == category_id), None)
    if found:
        return found
    label = category_id.replace("_", " ").capitalize()
    return Category(id=category_id, label=label, severity="escalate", message=reason, query=f"{label} {reason}",
                    patterns=(), examples=())


def _document_contacts(passages) -> tuple[dict[str, str], str | None]:
    """The contact each document names, and the one they all agree on (None when they differ or name none)."""
    texts: dict[str, list[str]] = {}
    for passage in passages:
        texts.setdefault(passage.path, []).append(f"{passage.heading}\n{passage.text}")
    by_document = {path: name for path, parts in texts.items() if (name := named_contact(parts))}
    named = set(by_document.values())
    return by_document, (named.pop() if len(named) == 1 else None)


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.DOTALL)
    return (match.group(1) if match else text.strip())[:400]


def _interleave(groups: list[list[Citation]], limit: int) -> list[Citation]:
    """First citation of every finding, then the second ones: the most important points first."""
    out: list[Citation] = []
    seen: set[tuple[str, str]] = set()
    depth = max((len(g) for g in groups), default=0)
    for level in range(depth):
        for group in groups:
            if level < len(group):
                cite = group[level]
                if (cite.doc, cite.section) not in seen:
                    seen.add((cite.doc, cite.section))
                    out.append(cite)
    return out[:limit]
