"""The `guidebot` command: one console script, a subcommand per job.

Every subcommand turns expected failures (bad settings, a missing index, a busy lock,
unreadable input) into one clear line on stderr and a non-zero exit status; tracebacks
are for bugs only.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import click
from rich.console import Console

from ingest.errors import ConfigError, GuidebotError, IndexBusyError, IndexMissingError

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_BUSY = 3


def _settings(**overrides):
    from bot.settings import Settings
    from ingest.settings import load_settings, unknown_settings

    settings = load_settings(Settings, **overrides)
    for name in unknown_settings(Settings):
        click.echo(f"guidebot: warning: {name} is not a guidebot setting and is ignored.", err=True)
    return settings


def handle_errors(fn):
    """Expected failures become a one-line message and an exit status."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except IndexBusyError as err:
            click.echo(f"guidebot: {err}", err=True)
            sys.exit(EXIT_BUSY)
        except (ConfigError, IndexMissingError) as err:
            click.echo(f"guidebot: {err}", err=True)
            sys.exit(EXIT_USAGE)
        except GuidebotError as err:
            click.echo(f"guidebot: {err}", err=True)
            sys.exit(EXIT_FAILED)
        except KeyboardInterrupt:
            click.echo("guidebot: interrupted", err=True)
            sys.exit(130)

    return wrapper


def _read_text(words: tuple[str, ...]) -> str:
    """Arguments joined, or standard input when the only argument is '-'."""
    if words == ("-",):
        data = sys.stdin.buffer.read() if sys.stdin is not None else b""
        return data.decode("utf-8", errors="replace")
    return " ".join(words)


def _engine(index: Path | None):
    from bot.engine import Engine
    from ingest.store import LocalStore, open_store

    settings = _settings()
    store = LocalStore(index, settings.collection) if index else open_store(settings)
    store.require_current()
    return Engine(settings, store=store)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log what happens (to stderr).")
def cli(verbose: bool) -> None:
    """guidebot: "can I post this?" answered from your company's own guidelines, with sources.

    \b
    Start here:
      guidebot run                    ingest knowledge/ if needed, then chat (or serve Slack when tokens are set)
      guidebot ask "Can I mention a client on LinkedIn?"
      guidebot check "Our Q3 revenue is up 30%!"
    """
    from bot.logs import configure_logging

    # `serve` and `run` reconfigure from GUIDEBOT_LOG_LEVEL / GUIDEBOT_LOG_FORMAT before serving Slack.
    configure_logging("INFO" if verbose else "WARNING")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--index", type=click.Path(path_type=Path), help="Local index folder (default: the configured one).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary line.")
@handle_errors
def ingest(paths: tuple[Path, ...], index: Path | None, quiet: bool) -> None:
    """Index guideline documents (md, txt, html, pdf, docx; files or folders).

    With no PATHS, ingests the configured knowledge folder (GUIDEBOT_KNOWLEDGE_DIR,
    default knowledge/). Unchanged documents are not embedded again; documents that are
    gone are removed. Exit status 1 if any document failed (the rest is still indexed), 2 if
    nothing readable was found and so no index was built, 3 if another ingest holds the index.
    """
    from bot.cli_progress import make_reporter
    from ingest.pipeline import Ingestor
    from ingest.store import LocalStore, open_store

    settings = _settings()
    targets = list(paths) or [settings.knowledge_dir]
    store = LocalStore(index, settings.collection) if index else open_store(settings)
    reporter = make_reporter(quiet)
    try:
        report = Ingestor(settings).run(targets, store=store, reporter=reporter)
    finally:
        reporter.close()
    if report.build is None and not report.kept_index:  # nothing readable and no index before: none was built
        click.echo(f"{report.summary()}; no index was built at {report.index}")
        sys.exit(EXIT_USAGE)
    click.echo(f"{report.summary()} -> {report.index}")
    if report.failures:
        sys.exit(EXIT_FAILED)


@cli.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--index", type=click.Path(path_type=Path), help="Local index folder (default: the configured one).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (shared/eval-format.md).")
@handle_errors
def ask(question: tuple[str, ...], index: Path | None, as_json: bool) -> None:
    """Answer a question from the guidelines, quoting the passages it relies on ('-' reads stdin)."""
    _answer("ask", _read_text(question), index, as_json)


@cli.command()
@click.argument("draft", nargs=-1, required=True)
@click.option("--index", type=click.Path(path_type=Path), help="Local index folder (default: the configured one).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (shared/eval-format.md).")
@handle_errors
def check(draft: tuple[str, ...], index: Path | None, as_json: bool) -> None:
    """Check a draft post: verdict ok / caution / escalate, findings and guideline passages ('-' reads stdin).

    Exit status 0 whatever the verdict; read the verdict from the output or --json.
    """
    _answer("check", _read_text(draft), index, as_json)


def _answer(kind: str, text: str, index: Path | None, as_json: bool) -> None:
    engine = _engine(index)
    answer = engine.ask(text) if kind == "ask" else engine.check(text)
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        from bot.console_render import render

        render(answer, Console())
    if answer.error:
        sys.exit(EXIT_USAGE)


@cli.command(name="eval")
@click.argument("cases", type=click.Path(path_type=Path))
@click.option("--knowledge", type=click.Path(path_type=Path), help="Guidelines folder to index (default: the configured one).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@handle_errors
def eval_command(cases: Path, knowledge: Path | None, as_json: bool) -> None:
    """Measure answers against a cases file (format: shared/eval-format.md) on a throw-away index."""
    from bot.eval_report import print_report
    from bot.evaluate import run_eval

    settings = _settings()
    figures, problems = run_eval(cases, knowledge or settings.knowledge_dir, settings)
    for where, reason in problems:
        click.echo(f"eval: {where}: {reason}", err=True)
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print_report(figures, Console())


@cli.command(name="train-scorer")
@click.argument("drafts", type=click.Path(path_type=Path), nargs=-1, required=True)
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the weights (default: the bundled bot/data/scorer.npz).")
@click.option("--index", type=click.Path(path_type=Path), help="Local index folder (default: the configured one).")
@handle_errors
def train_scorer(drafts: tuple[Path, ...], out: Path | None, index: Path | None) -> None:
    """Train the learned draft scorer on labelled drafts (cases format, one or more files) and print its CV figures."""
    from bot.scorer_train import run_training, training_drafts

    labelled = training_drafts(list(drafts))  # before loading the index or the model
    click.echo(json.dumps(run_training(_engine(index), list(drafts), out, labelled), indent=2))


@cli.command()
@click.option("--index", type=click.Path(path_type=Path), help="Local index folder (default: the configured one).")
@handle_errors
def chat(index: Path | None) -> None:
    """Talk to the bot in this terminal: questions, and /check <draft>. Ends at end of input."""
    from bot.console import chat as run_chat

    run_chat(_engine(index), Console())


@cli.command()
@click.option("--http", "http_mode", is_flag=True, help="Serve Slack's HTTP events API (default: Socket Mode).")
@click.option("--host", default=None, help="HTTP bind address (default GUIDEBOT_HTTP_HOST).")
@click.option("--port", type=int, default=None, help="HTTP port (default GUIDEBOT_HTTP_PORT).")
@handle_errors
def serve(http_mode: bool, host: str | None, port: int | None) -> None:
    """Run the Slack app: Socket Mode with SLACK_APP_TOKEN, or HTTP on /slack/events with --http."""
    from bot.slack.server import serve as run_server

    run_server(_settings(), http_mode=http_mode, host=host, port=port)


@cli.command()
@handle_errors
def run() -> None:
    """The main job: index knowledge/ if it changed, then serve Slack (tokens set) or chat in this terminal."""
    from bot.console import chat as run_chat
    from bot.console_render import render
    from bot.engine import EXAMPLE_QUESTIONS, Engine
    from ingest.pipeline import Ingestor
    from ingest.store import open_store

    settings = _settings()
    store = open_store(settings)
    from bot.cli_progress import make_reporter

    reporter = make_reporter(quiet=False)
    try:
        report = Ingestor(settings).run([settings.knowledge_dir], store=store, reporter=reporter)
    finally:
        reporter.close()
    click.echo(f"index: {report.summary()} -> {report.index}", err=True)
    if settings.slack_configured or settings.oauth_configured:
        from bot.slack.server import serve as run_server

        run_server(settings, http_mode=not settings.slack_app_token, host=None, port=None)
        return
    engine = Engine(settings, store=store)
    console = Console()
    console.print("[dim]No Slack tokens configured (SLACK_BOT_TOKEN): running in console mode.[/]")
    if not (sys.stdin and sys.stdin.isatty()):
        console.print(f"[bold]you>[/] {EXAMPLE_QUESTIONS[0]}")
        render(engine.ask(EXAMPLE_QUESTIONS[0]), console)
    run_chat(engine, console)


@cli.command()
@click.option("--since", "since", default="30d", show_default=True, help="Period to cover: 30d, 12h, 2w.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--csv", "csv_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write the report and the escalation audit trail as CSV files into DIR.")
@click.option("--team", default=None, help="Slack workspace (team) id, when the database serves several.")
@handle_errors
def report(since: str, as_json: bool, csv_dir: Path | None, team: str | None) -> None:
    """For policy owners: questions, gaps, feedback, cited passages, escalations, verdicts. Never who asked."""
    from bot.report import audit_rows, build, parse_since, pick_team, render_text, write_csv
    from bot.slack.db import StateStore
    from bot.slack.features_db import FeatureStore

    if as_json and csv_dir:
        raise ConfigError("choose one of --json and --csv DIR")
    settings = _settings()
    period = parse_since(since)
    state = StateStore(settings.resolved_database_url, settings.draft_retention_days)
    store = FeatureStore(state.engine, settings.question_retention_days)
    store.erase_expired_questions()
    with store.session() as session:
        chosen = pick_team(session, team)
        data = build(session, chosen, period)
        audit = audit_rows(session, chosen)
    if csv_dir:
        for path in write_csv(data, audit, csv_dir):
            click.echo(str(path))
    elif as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(data))


@cli.command(name="config")
@handle_errors
def show_config() -> None:
    """Show the effective settings (secrets masked) and whether they are valid."""
    settings = _settings()
    for name in type(settings).model_fields:
        click.echo(f"{name} = {_shown(getattr(settings, name))}")


def _shown(value: object) -> object:
    """A setting as `config` prints it: secrets masked, and the password of a URL ("postgresql://u:…@h/db")."""
    from pydantic import SecretStr

    if isinstance(value, SecretStr):
        return "********"
    if isinstance(value, str):
        return re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1********@", value)
    return value


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="guidebot")


if __name__ == "__main__":
    main()
