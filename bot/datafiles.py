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
        raise ConfigError(f"{setting}: {source} is not valid YAML: {str(err).splitlines()[0]}") from None
