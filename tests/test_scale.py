"""The topology of the README's "Running at scale" on loopback: two `guidebot serve --http` replicas sharing a real
PostgreSQL and a real Chroma server; a re-ingest while they serve reaches both, without a
restart and without an error.
"""

from __future__ import annotations

import json
import shutil
import time

import httpx
import pytest

from tests.conftest import KNOWLEDGE
from tests.fake_slack import FakeSlack
from tests.pg_server import postgres  # noqa: F401 - fixture
from tests.slack_helpers import Replica, dm, post_event, serve_env
from tests.test_chroma_server import chroma_server  # noqa: F401 - fixture

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # process start-ups are slow on a loaded machine
NEW_DOC = """# Drone Filming Policy

## Filming with drones at company sites

Never fly a drone over a company site or film one from the air without written approval from
Facilities Security. Footage of company sites taken from drones must not be posted online.
"""


def _build(url: str) -> tuple[str, int]:
    body = httpx.get(url + "/healthz", timeout=30).json()
    return body["index_build"], body["passages"]


def test_reingest_reaches_every_replica_without_restart(postgres, chroma_server, embeddings, tmp_path):  # noqa: F811
    from bot.settings import Settings
    from ingest.pipeline import Ingestor

    docs = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, docs)
    settings = Settings(data_dir=tmp_path, chroma_host="127.0.0.1", chroma_port=chroma_server, _env_file=None)
    assert Ingestor(settings, embeddings).run([docs]).ok
    fake = FakeSlack().start()
    env = serve_env(tmp_path, fake.base_url, GUIDEBOT_DATABASE_URL=postgres.new_database(),
                    CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma_server))
    replicas = [Replica(env, tmp_path, "s1"), Replica(env, tmp_path, "s2")]
    try:
        for replica in replicas:
            replica.wait_healthy()
        before = [_build(r.url) for r in replicas]
        assert before[0] == before[1]
        # re-ingest while both serve: a new document, questions arriving meanwhile
        (docs / "drone-policy.md").write_text(NEW_DOC)
        for i, replica in enumerate(replicas):
            assert post_event(replica.url, dm("Can I mention a client on LinkedIn?", ts=f"30.{i}")).status_code == 200
        report = Ingestor(settings, embeddings).run([docs])
        assert report.ok and report.added == 1
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(_build(r.url) == before[0] for r in replicas):
            time.sleep(0.5)
        after = [_build(r.url) for r in replicas]
        assert after[0] == after[1] != before[0] and after[0][1] > before[0][1]
        for i, replica in enumerate(replicas):
            assert post_event(replica.url, dm("Can I film our office from a drone and post it?",
                                              ts=f"31.{i}")).status_code == 200
        for i in range(2):
            call = fake.wait_for("chat.postMessage", timeout=120, where=lambda c, i=i: c.params.get("thread_ts") == f"31.{i}")
            assert "Drone Filming Policy" in json.dumps(call[0].params["blocks"])
        fake.wait_for("chat.postMessage", count=4, timeout=120)
        for replica in replicas:
            log = replica.output()
            assert "Traceback" not in log and " ERROR " not in log, log[-2000:]
    finally:
        for replica in replicas:
            replica.stop()
        fake.stop()
