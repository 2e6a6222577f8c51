"""What each source of a draft verdict costs: warm latency of `Engine.check` with every source on,
the time spent in each source, and the start-up time and memory of the optional NLP pieces.

    python bench/check_sources.py [--drafts tests/data/drafts/train.yaml] [--rounds 2] [--ner]

With `--ner`, spaCy's en_core_web_sm also finds organisations and people (GUIDEBOT_SIGNALS_NER).
Prints figures; asserts nothing (timing belongs in benchmarks, not tests).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import yaml  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drafts", default=str(ROOT / "knowledge" / "dev-cases.yaml"))
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ner", action="store_true")
    args = parser.parse_args()
    drafts = [d["post"] for d in yaml.safe_load(Path(args.drafts).read_text())["drafts"]]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
          f"Python {platform.python_version()}; {len(drafts)} drafts x {args.rounds} rounds; NER {'on' if args.ner else 'off'}")
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None, signals_ner=args.ner)
        ingestor = Ingestor(settings)
        ingestor.run([ROOT / "knowledge"])
        engine = Engine(settings, embeddings=ingestor.embeddings)
        before, start = rss_mb(), time.perf_counter()
        engine.warm()
        print(f"warm(): {time.perf_counter() - start:.1f} s, peak RSS {before:.0f} -> {rss_mb():.0f} MB")
        spent: dict[str, float] = defaultdict(float)

        def timed(name, source):
            def run(draft):
                t = time.perf_counter()
                try:
                    return source(draft)
                finally:
                    spent[name] += (time.perf_counter() - t) * 1000
            return run

        engine.sources = [(name, timed(name, source)) for name, source in engine.sources]
        totals = []
        for _ in range(args.rounds):
            for draft in drafts:
                t = time.perf_counter()
                engine.check(draft)
                totals.append((time.perf_counter() - t) * 1000)
        q = statistics.quantiles(totals, n=100, method="inclusive")
        print(f"check: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms (n={len(totals)})")
        print("mean ms per check by source (the first to need sentence vectors pays the embedding): "
              + ", ".join(f"{k} {v / len(totals):.1f}" for k, v in spent.items()))


if __name__ == "__main__":
    main()
