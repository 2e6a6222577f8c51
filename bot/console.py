"""`guidebot chat`: the bot in a terminal, for people without Slack and for trying it out.

Reads one question per line; `/check <draft>` checks a draft. Works the same with piped
input (each line is a question) and ends cleanly at end of input.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Iterator

from rich.console import Console
from rich.text import Text

from bot.console_render import render
from bot.engine import EXAMPLE_QUESTIONS, Engine
from bot.slack.threads import is_acknowledgement

HELP = """Ask a question about posting, e.g. “{example}”
  /check <draft>   check a draft post and get a verdict
  /help            this help
  /quit            leave (or press Ctrl-D)"""


def _lines(interactive: bool, console: Console) -> Iterator[str]:
    if interactive:
        while True:
            try:
                yield console.input("[bold cyan]you>[/] ")
            except EOFError:
                return
    elif sys.stdin is not None:  # None when the process was started with stdin closed
        try:
            yield from (line.rstrip("\n") for line in sys.stdin)
        except (OSError, ValueError):  # a closed descriptor reads as the end of input
            return


_COMMANDS = ("/check", "/help", "/quit", "/exit")


def _unknown_command(line: str) -> str | None:
    """What to say to "/chek my draft": a typo of a command, not a question about "/chek"."""
    word = line.split(maxsplit=1)[0]
    if not re.fullmatch(r"/[A-Za-z]+", word) or word in _COMMANDS:
        return None
    close = difflib.get_close_matches(word, _COMMANDS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}?" if close else ""
    return f"Unknown command {word}.{hint} Commands: /check <draft>, /help, /quit."


def chat(engine: Engine, console: Console, lines: Iterable[str] | None = None, interactive: bool | None = None) -> int:
    """Run the loop until /quit or end of input; returns the number of messages answered."""
    interactive = bool(sys.stdin and sys.stdin.isatty()) if interactive is None else interactive
    if interactive:
        console.print("[bold]guidebot[/] — can I post this? Type /help for help.")
    answered = 0
    source = lines if lines is not None else _lines(interactive, console)
    for raw in source:
        line = raw.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            break
        if line == "/help":
            console.print(HELP.format(example=EXAMPLE_QUESTIONS[0]))
            continue
        if is_acknowledgement(line):
            continue  # "thanks", "ok 👍": nothing to answer, as in Slack (it was answered "couldn't find anything")
        command = _unknown_command(line)
        if command:
            console.print(command)
            continue
        if line == "/check" or line.startswith("/check "):
            if not interactive:
                console.print(Text.assemble(("check> ", "bold"), line[6:].strip()))
            render(engine.check(line[6:]), console)
        else:
            if not interactive:
                console.print(Text.assemble(("you> ", "bold"), line))
            render(engine.ask(line), console)
        answered += 1
    return answered
