"""Reading the editable data files (rules, thesaurus, off-topic questions): bundled or a company's own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ingest.errors import ConfigError


def read_yaml(path: Path | str | None, bundled: str, setting: str) -> tuple[Any, str]:
    """(parsed YAML, where it came from): the company's file when `path` is set, else the bundled one.

    Errors name the setting that points at the file, so a person knows what to fix.
    """
    try:
        if path:
            text, source = Path(path).read_text(encoding="utf-8"), str(path)
        else:
            text, source = resources.files("bot.data").joinpath(bundled).read_text(encoding="utf-8"), f"bundled {bundled}"
    except OSError as err:
        raise ConfigError(f"{setting}: cannot read {path}: {err.strerror or err}") from None
    try:
        return yaml.safe_load(text), source
    except yaml.YAMLError as err:
        raise ConfigError(f"{setting}: {source} is not valid YAML: {yaml_problem(err)}") from None


def yaml_problem(err: yaml.YAMLError) -> str:
    """What is wrong and where, in one line: "expected ',' or ']', but got '-' (line 3, column 3)". PyYAML's own first
    line ("while parsing a flow node") names neither the problem nor its place."""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else problem
