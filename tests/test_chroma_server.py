"""Ingest and answer through a real Chroma server (`chroma run`) started by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.errors import IndexBusyError, IndexUnavailableError
from ingest.pipeline import Ingestor
from ingest.store import ServerStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    if not Path(exe).exists():
        pytest.skip("the `chroma` command (from chromadb) is not installed, so no server can be started")
    port = _free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([exe, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.skip(f"`chroma run` exited with status {proc.returncode} before serving")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.skip("`chroma run` did not open its port within 60 s")
    yield port
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_ingest_and_ask_through_server(chroma_server, settings, embeddings, tmp_path):
    from bot.engine import Engine

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "media.md").write_text("# Media Policy\n\n## Press enquiries\n\nSend journalists to the press office.\n\n"
                                   "## Photos\n\nAsk colleagues before posting their photos.\n")
    server_settings = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server})
    store = ServerStore("127.0.0.1", chroma_server, collection="guidebot-test")
    ingestor = Ingestor(server_settings, embeddings)
    first = ingestor.run([docs], store=store)
    assert first.ok and first.added == 1
    again = ingestor.run([docs], store=store)
    assert again.unchanged == 1 and again.embedded == 0
    engine = Engine(server_settings, embeddings=embeddings, store=store)
    answer = engine.ask("A reporter emailed me, what do I do?")
    assert answer.citations[0].section == "Media Policy > Press enquiries"
    with store.lock(), pytest.raises(IndexBusyError):
        ingestor.run([docs], store=ServerStore("127.0.0.1", chroma_server, collection="guidebot-test"))


def test_unreachable_server_is_a_clear_error():
    store = ServerStore("127.0.0.1", _free_port(), collection="guidebot")
    with pytest.raises(IndexUnavailableError, match="Cannot reach the Chroma server"):
        store.current_build()
