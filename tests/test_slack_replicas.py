"""`guidebot serve --http` replicas sharing a real PostgreSQL: once-only answers, SIGTERM, SIGKILL.

Real processes, as deployed: signed requests in, answers out to the fake Slack. Counts, not
timings, are asserted (timeouts are generous for a loaded 2-core machine).
"""

from __future__ import annotations

import re
import signal
import time

import pytest

from tests.fake_slack import FakeSlack
from tests.pg_server import postgres  # noqa: F401 - fixture
from tests.slack_helpers import SECRET, TOKEN, Burst, Replica, dm, post_event, serve_env

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # process start-ups are slow on a loaded machine


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster(postgres, fake, tmp_path_factory, embeddings):  # noqa: F811
    """Two replicas on one database and one (local) index."""
    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from tests.conftest import KNOWLEDGE

    data = tmp_path_factory.mktemp("replicas")
    Ingestor(Settings(data_dir=data, _env_file=None), embeddings).run([KNOWLEDGE])
    env = serve_env(data, fake.base_url, GUIDEBOT_DATABASE_URL=postgres.new_database(),
                    GUIDEBOT_JOB_LEASE_SECONDS="5", GUIDEBOT_SHUTDOWN_GRACE_SECONDS="60")
    replicas = [Replica(env, data, "a"), Replica(env, data, "b")]
    try:
        for replica in replicas:
            replica.wait_healthy()
        yield {"env": env, "data": data, "replicas": replicas}
    finally:
        for replica in replicas:
            replica.stop()


def test_one_event_delivered_to_both_replicas_is_answered_once(cluster, fake):
    a, b = cluster["replicas"][:2]
    first = post_event(a.url, dm("Can I mention a client on LinkedIn?", ts="1.000001"), event_id="EvBoth")
    again = post_event(b.url, dm("Can I mention a client on LinkedIn?", ts="1.000001"), event_id="EvBoth")
    assert first.status_code == again.status_code == 200
    fake.wait_for("chat.postMessage", timeout=120, where=lambda c: c.params.get("thread_ts") == "1.000001")
    time.sleep(3)
    assert len([c for c in fake.of("chat.postMessage") if c.params.get("thread_ts") == "1.000001"]) == 1


def test_sigterm_drains_and_nothing_is_lost(cluster, fake):
    a, b = cluster["replicas"][:2]
    burst = Burst(fake, "term")
    burst.send(a.url, dms=40, commands=10)
    a.signal(signal.SIGTERM)
    assert a.wait(120) == 0
    burst.wait_answered(240)
    tally = burst.tally()
    assert tally["accepted"] == 50 and tally["lost"] == 0 and tally["duplicated"] == 0, tally
    log = a.output()
    assert "draining" in log and "Traceback" not in log
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} INFO guidebot\.slack: handled (dm|command) in \d+ ms: "
                     r"(answered|abstained|escalated)$", log, re.MULTILINE), log[-2000:]
    assert TOKEN not in log and SECRET not in log and "Can I mention a client" not in log


def test_sigkill_of_one_replica_the_other_takes_over(cluster, fake):
    b = cluster["replicas"][1]
    c = Replica(cluster["env"], cluster["data"], "c").wait_healthy()
    cluster["replicas"].append(c)
    fake.delay["chat.postMessage"] = 0.2
    burst = Burst(fake, "kill")
    burst.send(c.url, dms=40, commands=10)
    c.signal(signal.SIGKILL)
    c.wait(60)
    burst.wait_answered(240)
    fake.delay.clear()
    time.sleep(3)
    tally = burst.tally()
    assert tally["accepted"] == 50 and tally["lost"] == 0 and tally["duplicated"] == 0, tally
    assert "resuming" in b.output() or tally["answered"] == 50
