"""Load on `guidebot serve --http` at rising rates, against the fake Slack Web API.

    python bench/slack_load.py [--rates 5,10,20,30,45] [--seconds 10] [--pg]

Loopback only, bounded: each step sends rate x seconds requests (at most 300), four DMs to
one /canipost, open loop (requests leave on schedule whether or not earlier ones were
answered). A fifth of the answer-carrying Slack calls are slow (1 s) or fail (HTTP 500) and
must be retried. Per step it prints: requests, share acknowledged 200 within 3 s, ack
p50/p95/max, answer p50/p95 (send -> answer at the fake Slack), lost and duplicated answers.
Then the highest rate whose answer p95 stayed within 2 s ("saturation"), and one more step
at 3x that rate to check every request is still acknowledged in time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_slack import FakeSlack  # noqa: E402
from tests.slack_helpers import Burst, Replica, answer_latencies, percentile, serve_env  # noqa: E402

MAX_PER_STEP = 300


def step(fake: FakeSlack, url: str, rate: float, seconds: float, tag: str) -> dict:
    count = min(MAX_PER_STEP, max(5, int(rate * seconds)))
    commands = count // 5
    burst = Burst(fake, tag)
    burst.send(url, count - commands, commands, workers=96, spacing=1.0 / rate)
    burst.wait_answered(120)
    time.sleep(2)
    tally = burst.tally()
    acks = burst.ack_seconds
    answers = answer_latencies(burst)
    return {"rate": rate, "count": count, **tally,
            "acked_3s": sum(1 for s in acks if s < 3.0) / count,
            "ack_p50": percentile(acks, 0.5), "ack_p95": percentile(acks, 0.95), "ack_max": max(acks or [float("nan")]),
            "ans_p50": percentile(answers, 0.5), "ans_p95": percentile(answers, 0.95)}


def show(row: dict) -> None:
    print(f"{row['rate']:>6.1f}/s {row['count']:>5} {row['acked_3s']:>8.1%} {row['ack_p50']:>7.3f} {row['ack_p95']:>7.3f} "
          f"{row['ack_max']:>7.3f} {row['ans_p50']:>7.2f} {row['ans_p95']:>7.2f} {row['lost']:>5} {row['duplicated']:>4}",
          flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="5,10,20,30,45", help="events per second, rising")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--pg", action="store_true", help="state in a PostgreSQL server instead of SQLite")
    parser.add_argument("--answer-workers", type=int, default=None, help="GUIDEBOT_ANSWER_WORKERS for the server")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="guidebot-load-"))
    fake = FakeSlack().start()
    fake.chaos_every = 10  # one slow and one failing call in every ten
    pg = None
    extra = {}
    if args.answer_workers:
        extra["GUIDEBOT_ANSWER_WORKERS"] = str(args.answer_workers)
    if args.pg:
        from tests.pg_server import PostgresServer

        pg = PostgresServer().start()
        extra["GUIDEBOT_DATABASE_URL"] = pg.new_database()
    replica = None
    rows = []
    try:
        from bot.settings import Settings
        from ingest.pipeline import Ingestor

        Ingestor(Settings(data_dir=work, _env_file=None)).run([ROOT / "knowledge"])
        replica = Replica(serve_env(work, fake.base_url, GUIDEBOT_LOG_LEVEL="WARNING", **extra), work, "load").wait_healthy()
        print(f"{'rate':>8} {'sent':>5} {'ack<3s':>8} {'ack50':>7} {'ack95':>7} {'ackmax':>7} {'ans50':>7} {'ans95':>7} "
              f"{'lost':>5} {'dup':>4}")
        saturation = 0.0
        for i, rate in enumerate(float(r) for r in args.rates.split(",")):
            row = step(fake, replica.url, rate, args.seconds, f"s{i}")
            rows.append(row)
            show(row)
            if row["ans_p95"] <= 2.0 and row["lost"] == 0:
                saturation = rate
            else:
                break
        if saturation:
            print(f"3x saturation ({3 * saturation:.0f}/s):")
            row = step(fake, replica.url, 3 * saturation, args.seconds, "x3")
            rows.append(row)
            show(row)
    finally:
        if replica:
            replica.stop()
        fake.stop()
        if pg:
            pg.stop()
    print(f"highest rate with answer p95 <= 2 s: {saturation:.0f} events/s (state: {'PostgreSQL' if args.pg else 'SQLite'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
