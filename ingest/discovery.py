"""Finding documents: files and folders (recursively), with reasons for what is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.loaders import SUPPORTED_SUFFIXES


@dataclass
class Discovery:
    """Files to load, and (path, reason) for every named path that cannot be used."""

    files: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0  # files in folders that are not documents (eval cases, images...)
    # those of them worth naming: not the eval cases (.yaml) a knowledge folder keeps beside its documents
    unexpected: list[str] = field(default_factory=list)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def discover(paths: list[Path]) -> Discovery:
    """Expand folders; refuse missing paths and explicitly named unsupported files.

    Inside a folder, files of other types are skipped quietly (a knowledge folder holds its
    eval cases too); a file named on the command line with a wrong type is an error.
    """
    found = Discovery()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            found.failures.append((str(raw), "no such file or folder"))
            continue
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            for candidate in candidates:
                if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                    _add(found, seen, candidate)
                else:
                    found.skipped += 1
                    if candidate.suffix.lower() not in (".yaml", ".yml"):
                        found.unexpected.append(str(candidate.relative_to(path)))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            _add(found, seen, path)
        else:
            found.failures.append(
                (str(raw), f"unsupported file type '{path.suffix or path.name}' (supported: {', '.join(SUPPORTED_SUFFIXES)})")
            )
    return found


def _add(found: Discovery, seen: set[Path], path: Path) -> None:
    resolved = path.resolve()
    if resolved not in seen:
        seen.add(resolved)
        found.files.append(path)


def doc_key(path: Path) -> str:
    """How a document is recognised between runs: its absolute path."""
    return str(path.resolve())
