"""Training the learned scorer from labelled drafts (`guidebot train-scorer DRAFTS.yaml`).

Deterministic: fixed fold assignment and seeds, a deterministic solver. Thresholds are chosen
on out-of-fold scores of the training file only (cross-validation), combined with what the rules
already say about each draft: the escalation threshold sits above the score of every ok draft, so
the scorer escalated no ok draft of the training CV (no false alarm of its own, whatever the rules
become); the
caution threshold is the one that gets most verdicts right on that CV while scoring no ok draft
above it (no false caution of its own on CV).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.answer import VERDICTS
from bot.datafiles import read_yaml
from bot.scorer import Scorer, features
from ingest.errors import ConfigError

SEED = 0
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0, 3.0)
ESCALATE_MARGIN = 0.02
MAX_OK_CAUTIONED = 0.0  # like escalation: no ok draft of the CV may score above the caution threshold either


@dataclass(frozen=True)
class Draft:
    id: str
    post: str
    acceptable: frozenset[str]

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
        out.append(Draft(str(row.get("id", n)), row["post"], frozenset(verdicts)))
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


def combine(rule: str, review: float, escalation: float, t_caution: float, t_escalate: float) -> str:
    """The verdict when the scorer's finding joins the rules' findings: it can only raise."""
    scored = "escalate" if escalation >= t_escalate else "caution" if review >= t_caution else "ok"
    return max(rule, scored, key=VERDICTS.index)


def figures(drafts: list[Draft], verdicts: list[str]) -> dict:
    """verdict accuracy, critical misses, false alarms, ok drafts raised to caution."""
    n = len(drafts)
    return {
        "verdict_accuracy": round(sum(v in d.acceptable for d, v in zip(drafts, verdicts, strict=True)) / n, 3),
        "critical_misses": sum(d.acceptable == {"escalate"} and v == "ok" for d, v in zip(drafts, verdicts, strict=True)),
        "false_alarms": sum(d.acceptable == {"ok"} and v == "escalate" for d, v in zip(drafts, verdicts, strict=True)),
        "ok_raised_to_caution": sum(d.acceptable == {"ok"} and v == "caution" for d, v in zip(drafts, verdicts, strict=True)),
        "n": n,
    }


def stratified_folds(labels: np.ndarray, k: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    k = max(2, min(k, int(np.bincount(labels).min())))
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in splitter.split(np.zeros(len(labels)), labels)]


def train(drafts: list[Draft], embeddings, rule_verdict: Callable[[str], str], embedding_model: str,
          source: str = "") -> tuple[Scorer, dict]:
    """Fit both models, choose C and the thresholds by CV, and report CV figures."""
    from sklearn.preprocessing import StandardScaler

    texts = [d.post for d in drafts]
    vectors = embeddings.encode(texts)
    x_raw = np.stack([features(v, t) for v, t in zip(vectors, texts, strict=True)])
    scaler = StandardScaler().fit(x_raw)
    x = scaler.transform(x_raw)
    y_review = np.array([d.needs_review for d in drafts])
    y_escalate = np.array([d.needs_escalation for d in drafts])
    folds = stratified_folds(y_review + y_escalate)
    # scaling inside the folds changes nothing that matters for a linear model with these
    # few structural features; the embeddings are already unit vectors
    best_c = {}
    oof = {}
    for name, y in (("review", y_review), ("escalate", y_escalate)):
        scored = [(_log_loss(y, p), c, p) for c in C_GRID for p in [_oof(x, y, c, folds)]]
        loss, best_c[name], oof[name] = min(scored, key=lambda t: (t[0], t[1]))
    rules = [rule_verdict(t) for t in texts]
    t_escalate, t_caution = choose_thresholds(drafts, rules, oof["review"], oof["escalate"])
    cv_verdicts = [combine(r, a, b, t_caution, t_escalate) for r, a, b in zip(rules, oof["review"], oof["escalate"], strict=True)]
    report = {
        "source": source, "n_drafts": len(drafts), "folds": len(folds), "C": best_c,
        "caution_threshold": round(t_caution, 3), "escalate_threshold": round(t_escalate, 3),
        "cv_rules_only": figures(drafts, rules),
        "cv_rules_and_scorer": figures(drafts, cv_verdicts),
        "cv_scorer_auc": {"review": _auc(y_review, oof["review"]), "escalate": _auc(y_escalate, oof["escalate"])},
    }
    review_model = _fit(x, y_review, best_c["review"])
    escalate_model = _fit(x, y_escalate, best_c["escalate"])
    scorer = Scorer(
        mean=scaler.mean_.astype(np.float32), scale=scaler.scale_.astype(np.float32),
        weights=np.stack([review_model.coef_[0], escalate_model.coef_[0]]).astype(np.float32),
        bias=np.array([review_model.intercept_[0], escalate_model.intercept_[0]], dtype=np.float32),
        caution_threshold=round(t_caution, 3), escalate_threshold=round(t_escalate, 3),
        meta={"embedding_model": embedding_model, "trained_on": source, "report": report,
              "train_sha256": hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]},
    )
    return scorer, report


def choose_thresholds(drafts: list[Draft], rules: list[str], review: np.ndarray,
                      escalation: np.ndarray) -> tuple[float, float]:
    """Escalate threshold above every ok draft's score; caution threshold for accuracy, raising few ok drafts."""
    # every ok draft counts, also those the rules escalate today: the rules will change, the scorer must not
    ok_only = [e for d, e in zip(drafts, escalation, strict=True) if d.acceptable == {"ok"}]
    t_escalate = min(max(ok_only, default=0.5) + ESCALATE_MARGIN, 0.995)
    t_escalate = max(t_escalate, 0.5)
    n_ok = max(sum(d.acceptable == {"ok"} for d in drafts), 1)
    grid = np.round(np.arange(0.30, 1.001, 0.01), 3)
    best = None
    for t in grid:
        verdicts = [combine(r, a, b, t, t_escalate) for r, a, b in zip(rules, review, escalation, strict=True)]
        got = figures(drafts, verdicts)
        raised = sum(d.acceptable == {"ok"} and a >= t for d, a in zip(drafts, review, strict=True))
        within = raised / n_ok <= MAX_OK_CAUTIONED
        key = (within, got["verdict_accuracy"], -got["ok_raised_to_caution"], t)  # ties: the higher threshold
        if best is None or key > best[0]:
            best = (key, float(t))
    return t_escalate, best[1]


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return round(float(roc_auc_score(y, p)), 3) if len(set(y.tolist())) == 2 else None


def refuse_held_out(path: Path) -> None:
    """A held-out set is measured once, never trained or tuned on."""
    if "heldout" in path.name.lower().replace("-", "").replace("_", ""):
        raise ConfigError(f"train-scorer: {path} looks like a held-out set; train on the training part only")


def run_training(engine, path: Path, out: Path | None = None) -> dict:
    """Train on a drafts file with this engine's rules and embedding model; write the weights."""
    from bot.scorer import BUNDLED

    refuse_held_out(path)
    drafts = load_drafts(path)
    saved = engine.extra_findings.scorer
    engine.extra_findings.scorer = None  # the rules alone: the scorer is trained to add to them
    try:
        scorer, report = train(drafts, engine.embeddings, lambda t: engine.check(t, safer=False, review=False).verdict or "ok",
                               engine.settings.embedding_model, source=path.name)
    finally:
        engine.extra_findings.scorer = saved
    target = out or BUNDLED
    scorer.save(target)
    report["written_to"] = str(target)
    return report
