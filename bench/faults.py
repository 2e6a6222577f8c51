"""Fault drill: bursts, then SIGTERM, then SIGKILL of one replica out of two sharing PostgreSQL.

    python bench/faults.py [--dms 150] [--commands 40]

Loopback only, bounded in count and time. Starts a PostgreSQL server (tests/pg_server.py),
the fake Slack Web API (tests/fake_slack.py) and two `guidebot serve --http` replicas on one
database and one index, then:

1. a burst of DMs and /canipost commands to replica A, then SIGTERM to A: A drains and exits;
   whatever it leaves is answered by B; A is restarted.
2. the same burst to A, then SIGKILL: B takes A's jobs over once their leases run out.
3. a 100 MB unauthenticated body (chunked, no Content-Length) to B: its memory growth.

Prints, per phase: accepted, answered, lost, duplicated, shutdown time, the survivor's takeover time
(SIGKILL to its first answer of the dead replica's work) and time to recover
(until every accepted request of the phase was answered, waiting at most PHASE_WAIT).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.fake_slack import FakeSlack  # noqa: E402
from tests.pg_server import PostgresServer, find_bin  # noqa: E402
from tests.slack_helpers import Burst, Replica, rss_kb, serve_env  # noqa: E402

PHASE_WAIT = 600  # seconds to wait for a phase's answers before counting what is missing as lost


def first_answer_after(burst: Burst, waited: float, timeout: float) -> str:
    """Seconds from the SIGKILL until the survivor sends its first answer for the dead replica's work.

    Called once the killed process has exited, so every answer counted from here on is the survivor's.
    """
    start = time.monotonic()
    before = sum(burst.answers().values())
    while time.monotonic() - start < timeout:
        if burst.accepted <= set(burst.answers()):
            return "none needed" if sum(burst.answers().values()) == before else f"{waited + time.monotonic() - start:.1f} s"
        if sum(burst.answers().values()) > before:
            return f"{waited + time.monotonic() - start:.1f} s"
        time.sleep(0.1)
    return "never"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dms", type=int, default=150)
    parser.add_argument("--commands", type=int, default=40)
    parser.add_argument("--lease", type=float, default=15.0, help="GUIDEBOT_JOB_LEASE_SECONDS for the replicas")
    args = parser.parse_args()
    if find_bin() is None:
        print("faults: no PostgreSQL server binary (initdb) found; install Debian's postgresql", file=sys.stderr)
        return 2
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="guidebot-faults-"))
    pg = PostgresServer().start()
    fake = FakeSlack().start()
    replicas: list[Replica] = []
    rows = []
    try:
        from bot.settings import Settings
        from ingest.pipeline import Ingestor

        Ingestor(Settings(data_dir=work, _env_file=None)).run([ROOT / "knowledge"])
        env = serve_env(work, fake.base_url, GUIDEBOT_DATABASE_URL=pg.new_database(),
                        GUIDEBOT_JOB_LEASE_SECONDS=str(args.lease), GUIDEBOT_POLL_SECONDS="1",
                        GUIDEBOT_SHUTDOWN_GRACE_SECONDS="20")
        a, b = Replica(env, work, "a"), Replica(env, work, "b")
        replicas += [a, b]
        a.wait_healthy(), b.wait_healthy()
        print(f"two replicas healthy after {time.monotonic() - started:.0f} s", flush=True)

        # 1. SIGTERM
        burst = Burst(fake, "term")
        burst.send(a.url, args.dms, args.commands, workers=32)
        t0 = time.monotonic()
        a.signal(signal.SIGTERM)
        code = a.wait(120)
        shutdown = time.monotonic() - t0
        burst.wait_answered(PHASE_WAIT)
        recover = time.monotonic() - t0
        time.sleep(3)
        rows.append(("SIGTERM A", burst.tally(), f"{shutdown:.1f} s (exit {code})", f"{recover:.1f} s"))
        a = Replica(env, work, "a2")
        replicas.append(a)
        a.wait_healthy()

        # 2. SIGKILL
        burst = Burst(fake, "kill")
        burst.send(a.url, args.dms, args.commands, workers=32)
        t0 = time.monotonic()
        a.signal(signal.SIGKILL)
        a.wait(60)
        takeover = first_answer_after(burst, time.monotonic() - t0, PHASE_WAIT)
        burst.wait_answered(PHASE_WAIT)
        recover = time.monotonic() - t0
        time.sleep(3)
        rows.append(("SIGKILL A", burst.tally(), f"killed; takeover {takeover}", f"{recover:.1f} s"))

        # 3. a 100 MB unauthenticated body
        before = rss_kb(b.proc.pid)
        chunk = b"x" * 65536
        try:
            status = httpx.post(b.url + "/slack/events", content=(chunk for _ in range(1600)), timeout=120,
                                headers={"Content-Type": "application/json"}).status_code
        except httpx.HTTPError:
            status = "closed"
        growth = (rss_kb(b.proc.pid) - before) / 1024
        traceback_free = "Traceback" not in b.output() and "Traceback" not in replicas[0].output()
    finally:
        for replica in replicas:
            replica.stop()
        fake.stop()
        pg.stop()

    print(f"\n{args.dms} DMs + {args.commands} /canipost per burst; two replicas on PostgreSQL; lease {args.lease:.0f} s")
    print(f"{'phase':<10} {'accepted':>8} {'refused':>7} {'answered':>8} {'lost':>5} {'dup':>4} {'resent':>6}  "
          f"{'shutdown / takeover':<26} all answered (s after the signal)")
    for name, tally, shutdown, recover in rows:
        print(f"{name:<10} {tally['accepted']:>8} {tally['refused']:>7} {tally['answered']:>8} {tally['lost']:>5} "
              f"{tally['duplicated']:>4} {tally['resent']:>6}  {shutdown:<26} {recover}")
    print("(dup: answers a person sees twice; resent: deliveries repeated in all, including /canipost replies that\n"
          " replace their own earlier copy in place; lost: accepted but unanswered after the phase's wait)")
    print(f"100 MB unauthenticated body: HTTP {status}, replica memory growth {growth:.1f} MB")
    print(f"tracebacks in replica logs: {'none' if traceback_free else 'SOME'}")
    print(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
