"""`guidebot eval`: how well the bot answers a policy owner's own test cases.

Implements shared/eval-format.md: the knowledge folder is ingested into a throw-away
index, every case goes through `Engine.ask` / `Engine.check` (the code the Slack bot
runs), and the figures and failures are reported.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.answer import VERDICTS, Answer, Citation
from bot.datafiles import yaml_problem
from bot.engine import Engine
from bot.settings import Settings
from ingest.embeddings import SentenceEmbeddings
from ingest.errors import ConfigError
from ingest.pipeline import Ingestor
from ingest.store import LocalStore


@dataclass(frozen=True)
class Expect:
    doc: str
    section: str

    def matches(self, citation: Citation) -> bool:
        """A hit: same file name, and the section named in the heading path or the text."""
        needle = self.section.casefold()
        return citation.doc == self.doc and (needle in citation.section.casefold() or needle in citation.text.casefold())


@dataclass(frozen=True)
class QuestionCase:
    id: str
    ask: str
    expect: tuple[Expect, ...]


@dataclass(frozen=True)
class DraftCase:
    id: str
    post: str
    verdicts: tuple[str, ...]
    expect: tuple[Expect, ...]


@dataclass
class Cases:
    questions: list[QuestionCase] = field(default_factory=list)
    drafts: list[DraftCase] = field(default_factory=list)


def _expects(raw: Any, where: str) -> tuple[Expect, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"{where}: 'expect' must be a list of {{doc, section}}")
    out = []
    for item in raw:
        if not isinstance(item, dict) or not item.get("doc") or not item.get("section"):
            raise ConfigError(f"{where}: every expectation needs 'doc' and 'section' (got {item!r})")
        out.append(Expect(str(item["doc"]), str(item["section"])))
    return tuple(out)


def _case_id(path: Path, raw: Any, kind: str, text_field: str, n: int, seen: set[str]) -> str:
    """The case's id, after checking it has one, has its text, and is unique in the file."""
    if not isinstance(raw, dict) or not raw.get("id") or not str(raw.get(text_field) or "").strip():
        raise ConfigError(f"{path}: {kind} #{n} needs 'id' and '{text_field}'")
    case_id = str(raw["id"])
    if case_id in seen:
        raise ConfigError(f"{path}: case id '{case_id}' is used twice")
    seen.add(case_id)
    return case_id


def load_cases(path: Path) -> Cases:
    """Parse and validate a cases file; every problem names the case."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"cases file {path} does not exist") from None
    except OSError as err:
        raise ConfigError(f"cannot read cases file {path}: {err.strerror}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{path} is not valid YAML: {yaml_problem(err)}") from None
    if not isinstance(data, dict) or not (data.get("questions") or data.get("drafts")):
        raise ConfigError(f"{path}: expected 'questions' and/or 'drafts' lists (see shared/eval-format.md)")
    cases = Cases()
    seen: set[str] = set()
    for n, raw in enumerate(data.get("questions") or [], 1):
        case_id = _case_id(path, raw, "question", "ask", n, seen)
        if "expect" not in raw:
            raise ConfigError(f"{path}: question '{case_id}' needs 'expect' (use [] for questions the bot must not answer)")
        cases.questions.append(QuestionCase(case_id, str(raw["ask"]), _expects(raw["expect"], f"question '{case_id}'")))
    for n, raw in enumerate(data.get("drafts") or [], 1):
        case_id = _case_id(path, raw, "draft", "post", n, seen)
        verdict = raw.get("verdict")
        verdicts = tuple(str(v) for v in (verdict if isinstance(verdict, list) else [verdict]))
        if not verdicts or any(v not in VERDICTS for v in verdicts):
            raise ConfigError(f"{path}: draft '{case_id}': verdict must be {', '.join(VERDICTS)} or a list of them")
        cases.drafts.append(DraftCase(case_id, str(raw["post"]), verdicts, _expects(raw.get("expect"), f"draft '{case_id}'")))
    return cases


def first_hit_rank(citations: list[Citation], expect: tuple[Expect, ...], limit: int = 10) -> int | None:
    """1-based rank of the first citation that satisfies any expectation."""
    for rank, citation in enumerate(citations[:limit], 1):
        if any(e.matches(citation) for e in expect):
            return rank
    return None


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _ratio(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def _short(answer: Answer) -> list[dict]:
    return [{"doc": c.doc, "section": c.section} for c in answer.citations[:3]]


def evaluate(engine: Engine, cases: Cases) -> dict:
    """Run every case through the engine and compute the figures of shared/eval-format.md."""
    engine.warm()
    failures: list[dict] = []
    ask_ms: list[float] = []
    check_ms: list[float] = []
    answerable = [q for q in cases.questions if q.expect]
    unanswerable = [q for q in cases.questions if not q.expect]
    hits = {1: 0, 3: 0, 5: 0}
    reciprocal = 0.0
    abstained_ok = false_abstain = 0
    for case in cases.questions:
        start = time.perf_counter()
        answer = engine.ask(case.ask)
        ask_ms.append((time.perf_counter() - start) * 1000)
        if not case.expect:
            if answer.abstained:
                abstained_ok += 1
            else:
                failures.append({"id": case.id, "kind": "question", "expected": "abstain", "got": _short(answer)})
            continue
        if answer.abstained:
            false_abstain += 1
        rank = first_hit_rank(answer.citations, case.expect)
        for k in hits:
            if rank is not None and rank <= k:
                hits[k] += 1
        reciprocal += 1.0 / rank if rank else 0.0
        if rank is None or rank > 3:
            failures.append({"id": case.id, "kind": "question",
                             "expected": [{"doc": e.doc, "section": e.section} for e in case.expect],
                             "got": "abstained" if answer.abstained else _short(answer)})
    correct = critical = alarms = 0
    with_expect = cite_hits = 0
    for case in cases.drafts:
        start = time.perf_counter()
        # The verdict and citations are what eval measures; the safer version is its own search
        # (tests/test_rewrite.py checks that every version offered checks ok).
        answer = engine.check(case.post, safer=False)
        check_ms.append((time.perf_counter() - start) * 1000)
        verdict = answer.verdict or "ok"
        ok = verdict in case.verdicts
        correct += ok
        if set(case.verdicts) == {"escalate"} and verdict == "ok":
            critical += 1
        if set(case.verdicts) == {"ok"} and verdict == "escalate":
            alarms += 1
        cite_rank = None
        if case.expect:
            with_expect += 1
            cite_rank = first_hit_rank(answer.citations, case.expect, limit=3)
            cite_hits += cite_rank is not None
        if not ok:
            failures.append({"id": case.id, "kind": "draft", "expected": list(case.verdicts),
                             "got": {"verdict": verdict, "findings": [f.category for f in answer.findings]}})
        elif case.expect and cite_rank is None:
            failures.append({"id": case.id, "kind": "draft-citation",
                             "expected": [{"doc": e.doc, "section": e.section} for e in case.expect],
                             "got": _short(answer)})
    n_answerable = len(answerable)
    return {
        "hit_at_1": _ratio(hits[1], n_answerable),
        "hit_at_3": _ratio(hits[3], n_answerable),
        "hit_at_5": _ratio(hits[5], n_answerable),
        "mrr_at_10": round(reciprocal / n_answerable, 4) if n_answerable else 0.0,
        "abstain_recall": _ratio(abstained_ok, len(unanswerable)),
        "false_abstain": _ratio(false_abstain, n_answerable),
        "verdict_accuracy": _ratio(correct, len(cases.drafts)),
        "critical_misses": critical,
        "false_alarms": alarms,
        "draft_cite_hit_at_3": _ratio(cite_hits, with_expect),
        "ask_p50_ms": round(_percentile(ask_ms, 50), 2),
        "ask_p95_ms": round(_percentile(ask_ms, 95), 2),
        "check_p50_ms": round(_percentile(check_ms, 50), 2),
        "check_p95_ms": round(_percentile(check_ms, 95), 2),
        "n_questions": len(cases.questions),
        "n_drafts": len(cases.drafts),
        "failures": failures,
    }


def run_eval(cases_path: Path, knowledge: Path, settings: Settings,
             embeddings: SentenceEmbeddings | None = None) -> tuple[dict, list[tuple[str, str]]]:
    """Ingest `knowledge` into a temporary index and evaluate; also returns what a policy owner should fix: documents
    that could not be indexed, and expectations naming a document that is not there."""
    cases = load_cases(cases_path)
    if not Path(knowledge).exists():
        raise ConfigError(f"knowledge folder {knowledge} does not exist")
    with tempfile.TemporaryDirectory(prefix="guidebot-eval-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp), "index_dir": None, "chroma_host": None})
        ingestor = Ingestor(local, embeddings)
        store = LocalStore(Path(tmp) / "index", local.collection)
        report = ingestor.run([Path(knowledge)], store=store)
        if report.chunks == 0:
            raise ConfigError(f"nothing could be indexed from {knowledge}: "
                              + "; ".join(f"{p}: {r}" for p, r in report.failures[:5]))
        engine = Engine(local, embeddings=ingestor.embeddings, store=store)
        problems = [(str(path), f"could not index: {reason}") for path, reason in report.failures]
        problems += unknown_documents(cases, {p.doc for p in engine.handle.view().passages})
        return evaluate(engine, cases), problems


def unknown_documents(cases: Cases, docs: set[str]) -> list[tuple[str, str]]:
    """Expectations naming a document that is not in the index ("kiwi-brand.md" for "kiwicom-brand-guidelines.md"):
    a typo would otherwise count as a miss of the bot's, with nothing to say why."""
    out = []
    for case in [*cases.questions, *cases.drafts]:
        for doc in dict.fromkeys(e.doc for e in case.expect if e.doc not in docs):
            out.append((f"case '{case.id}'", f"expects document '{doc}', which is not among the {len(docs)} indexed "
                                             "documents (expect 'doc' is the file name)"))
    return out
