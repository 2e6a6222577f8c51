"""Training the learned scorer from labelled drafts (`guidebot train-scorer DRAFTS.yaml`).

Deterministic: fixed fold assignment and seeds, a deterministic solver. The four thresholds
(bot.scorer) are chosen together on out-of-fold scores of the training files only
(cross-validation), combined with what the rules say about each draft, to maximise `objective`:
accuracy, minus two points in a hundred per critical miss (the dangerous error) and one per false alarm, minus a heavy penalty once
more than 5% of ok drafts would be cautioned. Several files (e.g. two independent authors'
corpora) train one scorer: a single author's phrasing does not generalise, measured across corpora.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answer import VERDICTS
from bot.datafiles import read_yaml
from bot.scorer import Scorer, features, is_precise
from ingest.errors import ConfigError

SEED = 0
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
CAUTION_GRID = (1.01,)  # above any probability: off
DISMISS_GRID = (0.0,)
MAX_OK_CAUTIONED = 0.05  # share of ok drafts the CV may caution before the objective penalises it heavily


@dataclass(frozen=True)
class Draft:
    id: str
    post: str
    acceptable: frozenset[str]
    group: str = ""  # who wrote it (its file): cross-validation holds out whole authors

    @property
    def needs_review(self) -> int:
        return int("ok" not in self.acceptable)

    @property
    def needs_escalation(self) -> int:
        return int(self.acceptable == {"escalate"})


def load_drafts(path: Path) -> list[Draft]:
    """The `drafts:` of a cases file (shared/eval-format.md), validated."""
    data, source = read_yaml(path, "", "train-scorer DRAFTS")
    rows = data.get("drafts") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"{source}: expected a 'drafts:' list")
    out = []
    for n, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("post"), str) or "verdict" not in row:
            raise ConfigError(f"{source}: draft #{n} needs 'post' and 'verdict'")
        verdicts = row["verdict"] if isinstance(row["verdict"], list) else [row["verdict"]]
        if not verdicts or any(v not in VERDICTS for v in verdicts):
            raise ConfigError(f"{source}: draft #{n}: verdict must be one of {', '.join(VERDICTS)} (or a list)")
        out.append(Draft(str(row.get("id", n)), row["post"], frozenset(verdicts), Path(path).name))
    return out


def _fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    if len(set(y.tolist())) < 2:
        raise ConfigError("train-scorer: the drafts need both classes (some ok, some needing review/escalation)")
    return LogisticRegression(C=c, class_weight="balanced", max_iter=2000, random_state=SEED).fit(x, y)


def _oof(x: np.ndarray, y: np.ndarray, c: float, folds: list[np.ndarray]) -> np.ndarray:
    out = np.zeros(len(y))
    for test in folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        out[test] = _fit(x[train], y[train], c).predict_proba(x[test])[:, 1]
    return out


def _log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def combine(rule: str, review: float, escalation: float, t_caution: float, t_escalate: float,
            hard: str = "escalate", t_moderate: float = 0.0, t_dismiss: float = 0.0) -> str:
    """The verdict from the rules' verdict and the scorer's probabilities (see bot.scorer).

    `hard` is the verdict of the precise findings alone (credentials, unreadable text): never lowered.
    With the default arguments the scorer can only raise.
    """
    verdict = VERDICTS.index(rule)
    if verdict == 2 and VERDICTS.index(hard) < 2 and escalation < t_moderate:
        verdict = 1  # an escalation becomes at most a caution, never nothing
    elif verdict == 1 and VERDICTS.index(hard) < 1 and review < t_dismiss:
        verdict = 0
    scored = 2 if escalation >= t_escalate else 1 if review >= t_caution else 0
    return VERDICTS[max(verdict, scored)]


def figures(drafts: list[Draft], verdicts: list[str]) -> dict:
    """verdict accuracy, critical misses, false alarms, ok drafts raised to caution."""
    n = len(drafts)
    return {
        "verdict_accuracy": round(sum(v in d.acceptable for d, v in zip(drafts, verdicts, strict=True)) / n, 3),
        "critical_misses": sum(d.acceptable == {"escalate"} and v == "ok" for d, v in zip(drafts, verdicts, strict=True)),
        "false_alarms": sum(d.acceptable == {"ok"} and v == "escalate" for d, v in zip(drafts, verdicts, strict=True)),
        "ok_raised_to_caution": sum(d.acceptable == {"ok"} and v == "caution" for d, v in zip(drafts, verdicts, strict=True)),
        "n_ok": sum(d.acceptable == {"ok"} for d in drafts),
        "n": n,
    }


def author_folds(groups: list[str], labels: np.ndarray) -> list[np.ndarray]:
    """One fold per author (training file) when there are at least three, else stratified folds.

    Random folds put each author's posts on both sides, so the thresholds were chosen for
    authors the model had already read, and the held-out posts of a new author did not
    follow (CV 0.80 against 0.71-0.77 on the frozen files). Holding out whole authors makes the
    out-of-fold scores, and the thresholds chosen on them, those of a writer it has not seen.
    Files of fewer than 60 drafts join the largest fold rather than make a tiny one.
    """
    sizes = Counter(groups)
    big = sorted(n for n, c in sizes.items() if c >= 60)
    if len(big) < 3:
        return stratified_folds(labels)
    largest = max(big, key=lambda n: (sizes[n], n))
    fold_of = [g if g in big else largest for g in groups]
    return [np.flatnonzero(np.array(fold_of, dtype=object) == name) for name in big]


MIN_PER_CLASS = 3  # cross-validation needs each side of both questions in at least two folds; three is the least that says anything


def check_enough(drafts: list[Draft]) -> None:
    """One clear line, not a traceback from cross-validation, when the file has too few drafts of a kind."""
    counts = Counter("escalate" if d.needs_escalation else "caution" if d.needs_review else "ok" for d in drafts)
    sides = {"judged ok": counts["ok"], "needing review (caution or escalate)": counts["caution"] + counts["escalate"],
             "needing escalation": counts["escalate"], "not needing escalation": counts["ok"] + counts["caution"]}
    short = [f"{n} {name}" for name, n in sides.items() if n < MIN_PER_CLASS]
    if short:
        raise ConfigError(f"train-scorer needs at least {MIN_PER_CLASS} drafts of each kind to cross-validate; the file has "
                          f"only {', '.join(short)} ({len(drafts)} drafts in all). Add drafts, or keep the bundled scorer.")


def stratified_folds(labels: np.ndarray, k: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    k = max(2, min(k, int(np.bincount(labels).min())))
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in splitter.split(np.zeros(len(labels)), labels)]


@dataclass(frozen=True)
class RuleView:
    """What the rules (every source but the scorer) said about one draft."""

    verdict: str
    hard: str  # the verdict of the precise findings alone
    findings: tuple[tuple[str, str], ...]  # (category, severity)


def train(drafts: list[Draft], embeddings, rules_of: Callable[[str], RuleView], embedding_model: str,
          source: str = "") -> tuple[Scorer, dict]:
    """Fit both models, choose C and the four thresholds by CV, and report CV figures."""
    from sklearn.preprocessing import StandardScaler

    check_enough(drafts)
    texts = [d.post for d in drafts]
    views = [rules_of(t) for t in texts]
    categories = tuple(sorted({c for v in views for c, _ in v.findings if not c.startswith("guideline:")}))
    vectors = embeddings.encode(texts)
    x_raw = np.stack([features(v, t, list(r.findings), categories) for v, t, r in zip(vectors, texts, views, strict=True)])
    scaler = StandardScaler().fit(x_raw)
    x = scaler.transform(x_raw)
    y_review = np.array([d.needs_review for d in drafts])
    y_escalate = np.array([d.needs_escalation for d in drafts])
    folds = author_folds([d.group for d in drafts], y_review + y_escalate)
    best_c = {}
    oof = {}
    for name, y in (("review", y_review), ("escalate", y_escalate)):
        scored = [(_log_loss(y, p), c, p) for c in C_GRID for p in [_oof(x, y, c, folds)]]
        loss, best_c[name], oof[name] = min(scored, key=lambda t: (t[0], t[1]))
    thresholds = choose_thresholds(drafts, views, oof["review"], oof["escalate"])
    cv_verdicts = [combine(v.verdict, a, b, *_order(thresholds, v.hard))
                   for v, a, b in zip(views, oof["review"], oof["escalate"], strict=True)]
    report = {
        "source": source, "n_drafts": len(drafts), "folds": len(folds), "C": best_c,
        **{f"{k}_threshold": round(t, 3) for k, t in thresholds.items()},
        "cv_rules_only": figures(drafts, [v.verdict for v in views]),
        "cv_rules_and_scorer": figures(drafts, cv_verdicts),
        "cv_scorer_auc": {"review": _auc(y_review, oof["review"]), "escalate": _auc(y_escalate, oof["escalate"])},
    }
    review_model = _fit(x, y_review, best_c["review"])
    escalate_model = _fit(x, y_escalate, best_c["escalate"])
    scorer = Scorer(
        mean=scaler.mean_.astype(np.float32), scale=scaler.scale_.astype(np.float32),
        weights=np.stack([review_model.coef_[0], escalate_model.coef_[0]]).astype(np.float32),
        bias=np.array([review_model.intercept_[0], escalate_model.intercept_[0]], dtype=np.float32),
        caution_threshold=thresholds["caution"], escalate_threshold=thresholds["escalate"],
        moderate_threshold=thresholds["moderate"], dismiss_threshold=thresholds["dismiss"], categories=categories,
        meta={"embedding_model": embedding_model, "trained_on": source, "report": report,
              "train_sha256": hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]},
    )
    return scorer, report


def _order(t: dict[str, float], hard: str) -> tuple:
    return t["caution"], t["escalate"], hard, t["moderate"], t["dismiss"]


def objective(got: dict) -> float:
    """Accuracy, with each critical miss costing two points in a hundred and each false alarm one, and ok drafts
    cautioned beyond MAX_OK_CAUTIONED costing three times their share (harmless posts must rarely be held up)."""
    n_ok = max(got["n_ok"], 1)
    return (got["verdict_accuracy"] - 0.02 * got["critical_misses"] - 0.01 * got["false_alarms"]
            - 3 * max(0.0, got["ok_raised_to_caution"] / n_ok - MAX_OK_CAUTIONED))


def choose_thresholds(drafts: list[Draft], views: list[RuleView], review: np.ndarray,
                      escalation: np.ndarray) -> dict[str, float]:
    """The four thresholds that maximise `objective` on out-of-fold scores (ties: the most conservative).

    Only settings that are no worse than the rules alone on *both* safety figures (critical misses and
    false alarms) compete: trading more false alarms for fewer misses is not the scorer's call to make.
    Settings that switch the scorer off entirely always qualify, so there is always a choice.
    """
    best = None
    alone = figures(drafts, [v.verdict for v in views])
    # raising to caution on the embedding alone starts at 0.85: at 0.7 it cautioned "Just adopted a rescue cat
    # called Pixel" (tests/test_false_alarms.py, never tuned on; this floor was set after seeing that failure)
    # and at 0.85 it cautioned the safer versions the rewriter offers ("If you have problems ring our area
    # manager Tom", review score 1.00): raising to caution on its own is off until the scorer is calibrated
    for t_caution in CAUTION_GRID:
        for t_escalate in [*np.round(np.arange(0.5, 0.951, 0.05), 2), 1.01]:  # 1.01: raising to escalate off
            # lowered only when the model finds escalation less likely than not (at 0.7 it lowered "our
            # unreleased pricing is attached", scored 0.555; chosen at 0.5 on the third corpus it lowered it again)
            for t_moderate in (0.0, 0.1, 0.2, 0.3, 0.4):
                # dismissing keyword cautions is off: chosen at 0.5 it dropped "praising our product without
                # saying you work there" cautions on tests/data/unseen2, the kind of miss issue 8 reported
                for t_dismiss in DISMISS_GRID:
                    t = {"caution": float(t_caution), "escalate": float(t_escalate),
                         "moderate": t_moderate, "dismiss": t_dismiss}
                    verdicts = [combine(v.verdict, a, b, *_order(t, v.hard))
                                for v, a, b in zip(views, review, escalation, strict=True)]
                    got = figures(drafts, verdicts)
                    if got["critical_misses"] > alone["critical_misses"] or got["false_alarms"] > alone["false_alarms"]:
                        continue
                    key = (round(objective(got), 6), -t_moderate, -t_dismiss, t_escalate, t_caution)
                    if best is None or key > best[0]:
                        best = (key, t)
    return best[1]


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, p)), 3) if len(set(y.tolist())) == 2 else None


def refuse_held_out(path: Path) -> None:
    """A held-out set is measured once, never trained or tuned on."""
    if "heldout" in path.name.lower().replace("-", "").replace("_", ""):
        raise ConfigError(f"train-scorer: {path} looks like a held-out set; train on the training part only")


def rule_view(engine, text: str) -> RuleView:
    """The engine's verdict and findings without the scorer (which must be switched off by the caller)."""
    answer = engine.check(text, safer=False, review=False)
    findings = tuple((f.category, f.severity) for f in answer.findings)
    hard = max((f.severity for f in answer.findings if is_precise(f.category, f.source)), key=VERDICTS.index, default="ok")
    return RuleView(answer.verdict or "ok", hard, findings)


def training_drafts(paths: list[Path]) -> list[Draft]:
    """Every file's labelled drafts, held-out files refused and too few of a kind refused, read once: the command reads
    them before it loads the index and the model, so a bad file fails in a second."""
    drafts: list[Draft] = []
    for path in paths:
        refuse_held_out(path)
        drafts += load_drafts(path)
    check_enough(drafts)
    return drafts


def run_training(engine, paths: Path | list[Path], out: Path | None = None, drafts: list[Draft] | None = None) -> dict:
    """Train on one or more drafts files with this engine's rules and embedding model; write the weights. `drafts`: the
    files' drafts when the caller has read them already (training_drafts)."""
    from bot import everyday
    from bot.scorer import BUNDLED

    paths = [paths] if isinstance(paths, Path) else list(paths)
    drafts = training_drafts(paths) if drafts is None else drafts
    saved = engine.extra_findings.scorer
    engine.extra_findings.scorer = None  # the rules alone: the scorer is trained to weigh them
    try:
        scorer, report = train(drafts, engine.embeddings, lambda t: rule_view(engine, t),
                               engine.settings.embedding_model, source=" + ".join(p.name for p in paths))
    finally:
        engine.extra_findings.scorer = saved
    # the guidelines these drafts were written for: elsewhere the scorer's own escalation is a caution
    scorer.meta["trained_for"] = home_documents(engine)
    target = out or BUNDLED
    scorer.save(target)
    report["written_to"] = str(target)
    # the harmless drafts' sentences: the guidelines' own checks measure each duty against them
    report["everyday_posts"] = everyday.build(
        [d.post for d in drafts if d.acceptable == {"ok"}], engine.embeddings, engine.settings.embedding_model,
        source=" + ".join(p.name for p in paths), out=None if out is None else everyday_path_for(out))
    return report


def home_documents(engine) -> list[str]:
    """File names of the documents in the engine's index (what the training drafts were checked against)."""
    return sorted(engine.handle.view().document_names)


def everyday_path_for(scorer_file: Path) -> Path:
    """Where `train-scorer --out FILE` writes the everyday posts: beside FILE (GUIDEBOT_EVERYDAY_FILE)."""
    return scorer_file.with_name(scorer_file.stem + "-everyday.npz")
