"""The `guidebot` command as people run it: real subprocesses, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, ROOT

GUIDEBOT = [sys.executable, "-m", "bot.cli"]


def run(args: list[str], cwd: Path, stdin: str | None = None, env: dict | None = None, timeout: float = 300):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_"))}
    full_env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT), "COLUMNS": "100"})
    full_env.update(env or {})
    return subprocess.run(GUIDEBOT + args, cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=full_env, stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder with the bundled knowledge ingested once by the real command."""
    work = tmp_path_factory.mktemp("cli")
    result = run(["ingest", str(KNOWLEDGE), "--quiet"], work)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ added, 0 updated, 0 removed, 0 unchanged", result.stdout)
    return work


def test_help_lists_every_subcommand(tmp_path):
    result = run(["--help"], tmp_path)
    for name in ("ingest", "ask", "check", "eval", "chat", "serve", "run", "config"):
        assert name in result.stdout


def test_second_ingest_reports_unchanged(workdir):
    result = run(["ingest", str(KNOWLEDGE), "--quiet"], workdir)
    assert result.returncode == 0
    assert "0 added, 0 updated, 0 removed, 2 unchanged" in result.stdout
    assert " 0 embedded" in result.stdout


def test_ask_json(workdir):
    result = run(["ask", "--json", "Can I mention a client on LinkedIn?"], workdir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verdict"] is None and data["citations"]


def test_check_reads_stdin(workdir):
    result = run(["check", "--json", "-"], workdir, stdin="Buy our stock before the earnings call!\n")
    data = json.loads(result.stdout)
    assert data["verdict"] == "escalate"


def test_check_empty_draft_exit_2_no_traceback(workdir):
    result = run(["check", "-"], workdir, stdin="")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "empty" in result.stdout


def test_missing_index_is_a_clear_message(tmp_path):
    result = run(["ask", "hello?"], tmp_path)
    assert result.returncode == 2
    assert "No index at" in result.stderr and "guidebot ingest" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_names_the_variable(tmp_path):
    result = run(["ask", "hello?"], tmp_path, env={"GUIDEBOT_CHUNK_TOKENS": "lots"})
    assert result.returncode == 2
    assert "GUIDEBOT_CHUNK_TOKENS" in result.stderr and "Traceback" not in result.stderr


def test_bad_files_named_and_exit_1(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.md").write_text("# Rules\n\n## Badges\n\nWear your badge.\n")
    (docs / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    result = run(["ingest", str(docs), str(tmp_path / "nope.md"), "--quiet"], tmp_path)
    assert result.returncode == 1
    assert f"{docs / 'bad.pdf'}: corrupt or unreadable PDF" in result.stderr
    assert "nope.md: no such file or folder" in result.stderr
    assert "1 added" in result.stdout and "Traceback" not in result.stderr


def test_chat_with_piped_questions_ends_cleanly(workdir):
    result = run(["chat"], workdir, stdin="Can I post photos of my coworkers?\n/check Our Q3 revenue is up 30%\n")
    assert result.returncode == 0, result.stderr
    assert "Privacy of colleagues" in result.stdout
    assert "escalate" in result.stdout.lower()


def test_run_unattended_answers_sample_question(tmp_path):
    (tmp_path / "knowledge").symlink_to(KNOWLEDGE)
    result = run(["run"], tmp_path, stdin="")
    assert result.returncode == 0, result.stderr
    assert "console mode" in result.stdout
    assert "you> Can I mention a client on LinkedIn?" in result.stdout
    assert "Clients, partners and suppliers" in " ".join(result.stdout.split())


def test_eval_json(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("questions:\n  - {id: q1, ask: 'Can I mention a client on LinkedIn?', expect: "
                     "[{doc: social-computing-guidelines.md, section: Clients}]}\n  - {id: q2, ask: 'guest wifi password?', expect: []}\n"
                     "drafts:\n  - {id: d1, post: 'Our Q3 revenue is up 30%', verdict: escalate}\n")
    result = run(["eval", str(cases), "--knowledge", str(KNOWLEDGE), "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["n_questions"] == 2 and data["n_drafts"] == 1 and data["critical_misses"] == 0
    table = run(["eval", str(cases), "--knowledge", str(KNOWLEDGE)], tmp_path)
    assert "hit@3" in table.stdout and "verdict accuracy" in table.stdout


def test_run_with_stdin_closed(tmp_path):
    """`make run` unattended: stdin may be closed entirely, not just empty."""
    (tmp_path / "knowledge").symlink_to(KNOWLEDGE)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_"))}
    env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
    script = "import os, runpy, sys; os.close(0); sys.argv = ['guidebot', 'run']; runpy.run_module('bot.cli', run_name='__main__')"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    assert "you> Can I mention a client on LinkedIn?" in result.stdout


def test_concurrent_ingest_exit_3(tmp_path):
    """A second ingest on a locked index says so and exits 3, without touching the index."""
    from filelock import FileLock

    index = tmp_path / "index"
    index.mkdir()
    with FileLock(str(index / ".ingest.lock")):
        result = run(["ingest", str(KNOWLEDGE), "--index", str(index), "--quiet"], tmp_path)
    assert result.returncode == 3
    assert "Another ingest is running" in result.stderr and "Traceback" not in result.stderr
    assert not (index / "CURRENT").exists()
