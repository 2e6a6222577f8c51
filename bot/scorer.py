"""A learned scorer: "this looks like posts that needed review", and how much the rules' findings weigh.

Two logistic regressions over the all-MiniLM-L6-v2 embedding the bot already loads, a few
structural signals (figures, currency, names, links...) and what the rules found (which
categories, how severe): one scores "needs a second look" (caution or escalate), the other
"needs escalation". Four thresholds, all chosen by cross-validation on the training drafts only:

- caution / escalate: the scorer raises a verdict the rules left lower (a finding of its own);
- moderate: a *keyword* escalation (phrase rules or the guidelines' duties alone) on a post the model
  finds unlike every post that needed escalation is shown as a caution, not an escalation;
- dismiss: a keyword caution on a post the model finds unlike every post that needed review is dropped.

Why: phrase rules fire on "quarterly results in our house" and "merger news: the cat and the
puppy"; measured on a second, independent corpus their false alarms were the largest error. The
precise detectors stay overrides the scorer never touches: credentials, someone's contact details,
details identifying a patient or customer, and text the checks can't read (`HARD`). The optional LLM reviewer can still only raise.

The weights ship as a small `.npz` of plain arrays plus JSON metadata (no pickle), rebuilt by
`guidebot train-scorer DRAFTS.yaml` (see bot/scorer_train.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.checker import split_sentences
from ingest.errors import ConfigError

BUNDLED = Path(__file__).parent / "data" / "scorer.npz"
FEATURE_VERSION = 2
# Findings the scorer never lowers: the built-in detectors' categories (credentials, phone numbers, email
# addresses), details identifying a patient or customer ("never yours to share"), and text the checks can't read.
HARD = frozenset({"secrets", "personal_data", "personal_email", "third_party_details", "unjudgeable"})
# phrase lists, the duties mined from the guidelines, and word-cue hints ("watch this space")
SOFT_SOURCES = frozenset({"rules", "guidelines", "hints"})


def is_precise(category: str, source: str) -> bool:
    """A finding the scorer never lowers: a precise category, or one found (also) by the structural
    signals or the can't-judge guard rather than by phrase lists alone."""
    return category in HARD or not set(source.split("+")) <= SOFT_SOURCES
SEVERITY = {"ok": 0, "caution": 1, "escalate": 2}
RULE_SUMMARY = ("guidelines", "verdict", "findings")  # after one column per rule category
STRUCTURAL = ("figures", "percent", "currency", "names", "link", "we_our", "words")

_FIGURES = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?(%|percent|per cent)", re.IGNORECASE)
_CURRENCY = re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(k|m|bn|million|billion)\b", re.IGNORECASE)
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][a-zA-Z&]+")
_LINK = re.compile(r"https?://|<https?:", re.IGNORECASE)
_WE = re.compile(r"\b(we|our|us|we're|we’re)\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def structural(text: str) -> np.ndarray:
    """Cheap signals an embedding of the whole post blurs: figures, money, names, links, 'we'."""
    words = max(len(_WORD.findall(text)), 1)
    return np.array([
        min(len(_FIGURES.findall(text)), 12) / 12, float(bool(_PERCENT.search(text))),
        float(bool(_CURRENCY.search(text))), min(len(_NAME.findall(text)), 6) / 6,
        float(bool(_LINK.search(text))), min(len(_WE.findall(text)), 6) / 6, np.log1p(words) / 6,
    ], dtype=np.float32)


def rule_features(findings: list[tuple[str, str]], categories: tuple[str, ...]) -> np.ndarray:
    """What the rules found, as numbers: each category's severity, the guidelines' duties, the verdict, how many.

    `findings` are (category, severity) pairs; categories the scorer was not trained with only
    count in the summary columns.
    """
    out = np.zeros(len(categories) + len(RULE_SUMMARY), dtype=np.float32)
    index = {c: n for n, c in enumerate(categories)}
    worst = 0
    for category, severity in findings:
        level = SEVERITY.get(severity, 0)
        worst = max(worst, level)
        column = len(categories) if category.startswith("guideline:") else index.get(category)
        if column is not None:
            out[column] = max(out[column], level / 2)
    out[len(categories) + 1] = worst / 2
    out[len(categories) + 2] = len(findings) / 4
    return out


def features(vector: np.ndarray, text: str, findings: list[tuple[str, str]] | None = None,
             categories: tuple[str, ...] = ()) -> np.ndarray:
    """The model's input: the post's unit embedding, the structural signals and the rules' findings."""
    return np.concatenate([np.asarray(vector, dtype=np.float32), structural(text),
                           rule_features(findings or [], categories)])


@dataclass(frozen=True)
class Score:
    """What the scorer thinks of one draft."""

    needs_review: float  # P(caution or escalate)
    needs_escalation: float  # P(escalate)
    severity: str | None  # "caution" | "escalate" | None when below both thresholds


@dataclass
class Scorer:
    """Two linear models on standardised features, and their thresholds."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # shape (2, n_features): row 0 needs-review, row 1 needs-escalation
    bias: np.ndarray  # shape (2,)
    caution_threshold: float
    escalate_threshold: float
    meta: dict = field(default_factory=dict)
    moderate_threshold: float = 0.0  # below this P(escalate), a keyword escalation is shown as a caution
    dismiss_threshold: float = 0.0  # below this P(review), a keyword caution is dropped
    categories: tuple[str, ...] = ()  # the rule categories the model reads (rule_features)

    def probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """(n, 2) probabilities for rows of features."""
        z = ((matrix - self.mean) / self.scale) @ self.weights.T + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def score(self, vector: np.ndarray, text: str, findings: list[tuple[str, str]] | None = None) -> Score:
        """The draft's probabilities given its embedding, its text and what the rules found in it."""
        row = features(vector, text, findings, self.categories)
        review, escalation = (float(p) for p in self.probabilities(row[None, :])[0])
        severity = None
        if escalation >= self.escalate_threshold:
            severity = "escalate"
        elif review >= self.caution_threshold:
            severity = "caution"
        return Score(round(review, 3), round(escalation, 3), severity)

    def riskiest_sentence(self, text: str, embeddings) -> str:
        """The sentence the model finds most like the drafts that needed review (the finding's excerpt)."""
        sentences = split_sentences(text)
        if len(sentences) <= 1:
            return sentences[0] if sentences else text
        vectors = embeddings.encode(sentences)
        rows = np.stack([features(v, s, None, self.categories) for v, s in zip(vectors, sentences, strict=True)])
        return sentences[int(np.argmax(self.probabilities(rows)[:, 0]))]

    # -- files ----------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Plain arrays and a JSON string: loadable with allow_pickle=False."""
        meta = dict(self.meta, feature_version=FEATURE_VERSION, structural=list(STRUCTURAL),
                    caution_threshold=self.caution_threshold, escalate_threshold=self.escalate_threshold,
                    moderate_threshold=self.moderate_threshold, dismiss_threshold=self.dismiss_threshold,
                    categories=list(self.categories))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            np.savez_compressed(out, mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32),
                                weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32),
                                meta=np.array(json.dumps(meta, sort_keys=True)))

    @classmethod
    def load(cls, path: Path, dimension: int | None = None) -> Scorer:
        """Load weights, refusing a file made for other features or another embedding size."""
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {k: np.asarray(data[k], dtype=np.float32) for k in ("mean", "scale", "weights", "bias")}
        except (OSError, ValueError, KeyError) as err:
            raise ConfigError(f"scorer file {path}: cannot read it ({err})") from None
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ConfigError(f"scorer file {path}: made for other features; rebuild it with guidebot train-scorer")
        categories = tuple(str(c) for c in meta.get("categories", []))
        extra = len(STRUCTURAL) + len(categories) + len(RULE_SUMMARY)
        if dimension and arrays["weights"].shape != (2, dimension + extra):
            raise ConfigError(f"scorer file {path}: made for another embedding model "
                              f"({arrays['weights'].shape[1] - extra} dimensions, this one has {dimension})")
        return cls(arrays["mean"], arrays["scale"], arrays["weights"], arrays["bias"],
                   float(meta["caution_threshold"]), float(meta["escalate_threshold"]), meta,
                   float(meta.get("moderate_threshold", 0.0)), float(meta.get("dismiss_threshold", 0.0)), categories)


def load_bundled(dimension: int | None = None) -> Scorer | None:
    """The shipped scorer, or None before one has been trained."""
    return Scorer.load(BUNDLED, dimension) if BUNDLED.exists() else None
