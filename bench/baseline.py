"""The reference point for retrieval quality: plain dense retrieval, one vector per passage.

    python bench/baseline.py [CASES.yaml] [--knowledge DIR] [--json]

Ingests DIR into a throw-away index, ranks its sections by cosine similarity alone (the
best passage vector of each section; no sentences, no BM25, no expansion, no fusion, no
abstention) and prints hit@1, hit@3 and MRR@10 on the answerable questions, next to the
figures of guidebot's answers (`Engine.ask`, what `guidebot eval` measures) on the same
index, with abstain recall and false abstain. Any cases file in shared/eval-format.md
works, so the reference can be computed for every document set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

from bot.answer import Citation  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.evaluate import Cases, evaluate, first_hit_rank, load_cases  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402
from ingest.store import LocalStore  # noqa: E402


def dense_only(engine: Engine, question: str) -> list[Citation]:
    """Sections ranked by their best passage vector's cosine (exact search, ties by reading order)."""
    view = engine.handle.view()
    vector = engine.embeddings.encode([question])[0]
    sims = view.passage_vectors @ vector
    order = np.argsort(-sims, kind="stable")
    seen, cites = set(), []
    for index in order:
        passage = view.passages[int(index)]
        if (passage.path, passage.section) not in seen:
            seen.add((passage.path, passage.section))
            cites.append(Citation.from_passage(passage, float(sims[index])))
        if len(cites) >= 10:
            break
    return cites


def ranking_figures(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"hit_at_1": round(sum(1 for r in ranks if r == 1) / n, 4),
            "hit_at_3": round(sum(1 for r in ranks if r is not None and r <= 3) / n, 4),
            "mrr_at_10": round(sum(1 / r for r in ranks if r) / n, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="?", default=str(ROOT / "knowledge" / "dev-cases.yaml"))
    parser.add_argument("--knowledge", default=None, help="documents folder (default: the cases file's folder)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases = load_cases(Path(args.cases))
    knowledge = Path(args.knowledge) if args.knowledge else Path(args.cases).resolve().parent
    answerable = [q for q in cases.questions if q.expect]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), index_dir=None, chroma_host=None, _env_file=None)
        ingestor = Ingestor(settings)
        store = LocalStore(Path(tmp) / "index", settings.collection)
        ingestor.run([knowledge], store=store)
        engine = Engine(settings, embeddings=ingestor.embeddings, store=store)
        dense = ranking_figures([first_hit_rank(dense_only(engine, q.ask), q.expect) for q in answerable])
        ours = evaluate(engine, Cases(questions=cases.questions))
    guidebot = {k: ours[k] for k in ("hit_at_1", "hit_at_3", "mrr_at_10", "abstain_recall", "false_abstain")}
    result = {"cases": str(args.cases), "answerable": len(answerable),
              "unanswerable": len(cases.questions) - len(answerable), "plain_dense": dense, "guidebot": guidebot,
              "failures": [f["id"] for f in ours["failures"]]}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.cases}: {len(answerable)} answerable, {result['unanswerable']} unanswerable questions")
    for name, figures in (("plain dense", dense), ("guidebot", guidebot)):
        print(f"  {name:12s} " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    print(f"  guidebot misses (rank > 3 or wrong abstention): {', '.join(result['failures']) or 'none'}")


if __name__ == "__main__":
    main()
