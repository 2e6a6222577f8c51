"""Warm latency of ask and check (p50, p95), on the bundled index and on a large generated one,
plus the cold start of a fresh process to its first answer.

    python bench/answer.py [--large-documents 1000 --large-sections 20 --rounds 3]

The large index (>= 20,000 passages) is built once into bench/.cache (reused on later runs).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import yaml  # noqa: E402

from bench.corpus import write_corpus  # noqa: E402
from bot.engine import Engine  # noqa: E402
from bot.settings import Settings  # noqa: E402
from ingest.pipeline import Ingestor  # noqa: E402
from ingest.store import LocalStore  # noqa: E402


def percentiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms (n={len(values)})"


def timed(fn, items: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            fn(item)
            out.append((time.perf_counter() - start) * 1000)
    return out


def measure(engine: Engine, questions: list[str], drafts: list[str], rounds: int, label: str) -> None:
    engine.warm()
    for q in questions[:3]:
        engine.ask(q)
    # the query-embedding cache would make later rounds free; clear it so every ask embeds
    cache = engine.embeddings._cache
    ask_ms = []
    for _ in range(rounds):
        cache.clear()
        ask_ms += timed(engine.ask, questions, 1)
    check_ms = timed(lambda d: engine.check(d, safer=False), drafts, rounds)
    # the safer version is looked for only when a draft is not ok: its own cost, on those drafts
    risky = [d for d in drafts if engine.check(d, safer=False).verdict != "ok"]
    safer_ms = [full - alone for full, alone in zip(timed(engine.check, risky, 1),
                                                    timed(lambda d: engine.check(d, safer=False), risky, 1), strict=True)]
    print(f"{label}: {len(engine.handle.view())} passages")
    print(f"  ask   {percentiles(ask_ms)}")
    print(f"  check {percentiles(check_ms)}")
    print(f"  safer version, extra for the {len(risky)} non-ok drafts: {percentiles(safer_ms)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large-documents", type=int, default=1000)
    parser.add_argument("--large-sections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cases = yaml.safe_load((ROOT / "knowledge" / "dev-cases.yaml").read_text())
    questions = [q["ask"] for q in cases["questions"]]
    drafts = [d["post"] for d in cases["drafts"]]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp), _env_file=None)
        ingestor = Ingestor(settings)
        ingestor.run([ROOT / "knowledge"])
        engine = Engine(settings, embeddings=ingestor.embeddings)
        measure(engine, questions, drafts, args.rounds, "bundled index")

        cache = ROOT / "bench" / ".cache" / f"large-{args.large_documents}x{args.large_sections}"
        large_settings = Settings(data_dir=cache, _env_file=None)
        store = LocalStore(cache / "index")
        if store.current_build() is None:
            write_corpus(cache / "docs", args.large_documents, args.large_sections)
            start = time.perf_counter()
            report = ingestor.run([cache / "docs", ROOT / "knowledge"], store=store)
            print(f"(built the large index: {report.chunks} passages in {time.perf_counter() - start:.0f} s)")
        large = Engine(large_settings, embeddings=ingestor.embeddings, store=store)
        measure(large, questions, drafts, args.rounds, "generated index")

        env = {**os.environ, "GUIDEBOT_DATA_DIR": tmp, "PYTHONPATH": str(ROOT)}
        cold = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", "Can I mention a client on LinkedIn?"],
                           env=env, check=True, capture_output=True, cwd=tmp)
            cold.append(time.perf_counter() - start)
        print(f"cold start to first answer (new process, `guidebot ask`): median {statistics.median(cold):.1f} s "
              f"(runs: {', '.join(f'{c:.1f}' for c in cold)})")


if __name__ == "__main__":
    main()
