"""Where the index lives: an embedded chromadb folder, or a Chroma server.

Both backends keep every ingest as a separate *build* (its own collection) and a pointer
to the current one. A new build is written aside and the pointer is switched only once it
is complete, so a run that dies half way leaves the previous index answering as before.
A lock keeps two ingests from writing to one index at the same time.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from ingest.errors import ConfigError, IndexBusyError, IndexMissingError, IndexUnavailableError
from ingest.settings import IngestSettings

PAGE = 2000  # rows per chromadb read/write call (well under its max batch size)
STALE_LOCK_SECONDS = 6 * 3600
# What a Chroma server that is down or restarting raises: chromadb's HttpClient speaks httpx, whose
# ConnectError and friends are not OSErrors. Callers outside the store catch the same tuple.
UNREACHABLE_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, OSError, httpx.TransportError)


def _chroma_settings():
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def new_build_id() -> str:
    """Sortable and unique: time first, then a random tail."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


def build_metadata(model: str, chunker: str) -> dict[str, str]:
    """Recorded on every build so a change of model or chunker forces a full re-embed."""
    return {"hnsw:space": "cosine", "guidebot_model": model, "guidebot_chunker": chunker,
            "guidebot_built": datetime.now(UTC).isoformat(timespec="seconds")}


class IndexStore(ABC):
    """Builds, a pointer to the current build, and a lock."""

    @abstractmethod
    def describe(self) -> str:
        """Where the index is, for messages."""

    @abstractmethod
    def current_build(self) -> str | None:
        """The id of the build that answers questions now, or None before the first ingest."""

    @abstractmethod
    def open_build(self, build_id: str) -> Any:
        """The chromadb collection of one build."""

    @abstractmethod
    def create_build(self, build_id: str, metadata: dict[str, str]) -> Any:
        """A new, empty collection for a build being written."""

    @abstractmethod
    def switch_to(self, build_id: str) -> None:
        """Make a finished build current (atomically), then drop builds older than the previous one."""

    @abstractmethod
    def discard(self, build_id: str) -> None:
        """Remove an unfinished build."""

    @abstractmethod
    def lock(self) -> contextlib.AbstractContextManager[None]:
        """Hold the ingest lock, or raise IndexBusyError at once."""

    def release(self, build_id: str) -> None:
        """Close whatever this process holds open for a build (files, caches); it can be reopened later.

        A no-op for backends that hold nothing per build (a Chroma server is one HTTP client).
        """
        return None

    def close(self) -> None:
        """Release every build this process opened (an ingest that is done, a test tearing down)."""
        return None

    def current(self) -> Any | None:
        """The current build's collection, or None when nothing was ingested yet."""
        build = self.current_build()
        return self.open_build(build) if build else None

    def require_current(self) -> Any:
        """The current collection, or an error that says how to create it."""
        collection = self.current()
        if collection is None:
            raise IndexMissingError(
                f"No index at {self.describe()}. Run `guidebot ingest` (or `guidebot ingest PATH`) first, or pass "
                "`--index DIR` (GUIDEBOT_INDEX_DIR) if you built it somewhere else."
            )
        return collection


class LocalStore(IndexStore):
    """An embedded chromadb `PersistentClient` per build under INDEX_DIR/builds, a CURRENT file."""

    def __init__(self, index_dir: Path, collection: str = "guidebot") -> None:
        self.index_dir = Path(index_dir)
        self.collection_name = collection
        self._clients: dict[str, Any] = {}

    def describe(self) -> str:
        return str(self.index_dir)

    @property
    def _pointer(self) -> Path:
        return self.index_dir / "CURRENT"

    def _build_dir(self, build_id: str) -> Path:
        return self.index_dir / "builds" / build_id

    def current_build(self) -> str | None:
        try:
            build = self._pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as err:
            if self.index_dir.is_file():  # checked only when the pointer can't be read: no stat on every look
                raise ConfigError(f"{self.index_dir} is a file, not an index folder: give --index (or "
                                  "GUIDEBOT_INDEX_DIR) the folder `guidebot ingest` wrote") from None
            raise IndexUnavailableError(f"cannot read the index pointer {self._pointer}: {err.strerror}") from None
        if not build or not self._build_dir(build).is_dir():
            raise IndexMissingError(
                f"The index at {self.index_dir} is damaged (its current build '{build}' is missing). "
                "Run `guidebot ingest` to rebuild it."
            )
        return build

    def _client(self, build_id: str):
        client = self._clients.get(build_id)
        if client is None:
            import chromadb

            client = chromadb.PersistentClient(path=str(self._build_dir(build_id)), settings=_chroma_settings())
            self._clients[build_id] = client
        return client

    def open_build(self, build_id: str) -> Any:
        try:
            return self._client(build_id).get_collection(self.collection_name, embedding_function=None)
        except Exception as err:
            raise IndexMissingError(
                f"The index at {self.index_dir} cannot be opened ({type(err).__name__}). Run `guidebot ingest` to rebuild it."
            ) from None

    def create_build(self, build_id: str, metadata: dict[str, str]) -> Any:
        self._build_dir(build_id).mkdir(parents=True, exist_ok=False)
        return self._client(build_id).create_collection(self.collection_name, embedding_function=None, metadata=metadata)

    def switch_to(self, build_id: str) -> None:
        previous = None
        with contextlib.suppress(IndexMissingError, IndexUnavailableError):
            previous = self.current_build()
        tmp = self.index_dir / f".CURRENT.{os.getpid()}.tmp"
        tmp.write_text(build_id + "\n", encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self._pointer)
        keep = {build_id, previous}
        for folder in sorted((self.index_dir / "builds").glob("*")):
            if folder.name not in keep:
                self._forget(folder.name)
                shutil.rmtree(folder, ignore_errors=True)

    def _forget(self, build_id: str) -> None:
        self.release(build_id)

    def release(self, build_id: str) -> None:
        """Close the build's PersistentClient: chromadb keeps its SQLite and HNSW files open (and
        cached process-wide) until the client is closed, even after the folder is deleted."""
        client = self._clients.pop(build_id, None)
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()

    def close(self) -> None:
        for build_id in list(self._clients):
            self.release(build_id)

    def discard(self, build_id: str) -> None:
        self._forget(build_id)
        shutil.rmtree(self._build_dir(build_id), ignore_errors=True)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.index_dir / ".ingest.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise IndexBusyError(
                f"Another ingest is running on {self.index_dir}; wait for it to finish and run this again."
            ) from None
        try:
            yield
        finally:
            lock.release()


class ServerStore(IndexStore):
    """A Chroma server (`chromadb.HttpClient`): one collection per build, a pointer collection.

    The pointer is the metadata of `<name>-pointer`; the lock is the existence of
    `<name>-lock` (creating a collection that exists fails, which makes it a mutex).
    """

    def __init__(self, host: str, port: int = 8000, ssl: bool = False, collection: str = "guidebot") -> None:
        self.host, self.port, self.ssl = host, port, ssl
        self.name = collection
        self._client_obj = None

    def describe(self) -> str:
        return f"Chroma server {'https' if self.ssl else 'http'}://{self.host}:{self.port} (collection '{self.name}')"

    @property
    def _client(self):
        if self._client_obj is None:
            import chromadb

            try:
                self._client_obj = chromadb.HttpClient(host=self.host, port=self.port, ssl=self.ssl,
                                                       settings=_chroma_settings())
                self._client_obj.heartbeat()
            except Exception as err:
                self._client_obj = None
                raise IndexUnavailableError(
                    f"Cannot reach the {self.describe()}: {str(err).splitlines()[0][:160] if str(err) else type(err).__name__}. "
                    "Is the server running? Check CHROMA_HOST and CHROMA_PORT."
                ) from None
        return self._client_obj

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except UNREACHABLE_ERRORS as err:
            raise IndexUnavailableError(f"Cannot reach the {self.describe()}: {str(err) or type(err).__name__}. "
                                        "Is the server running?") from None

    def current_build(self) -> str | None:
        try:
            pointer = self._call(self._client.get_collection, f"{self.name}-pointer", embedding_function=None)
        except IndexUnavailableError:
            raise
        except Exception:
            return None
        return (pointer.metadata or {}).get("current") or None

    def open_build(self, build_id: str) -> Any:
        try:
            return self._call(self._client.get_collection, f"{self.name}-{build_id}", embedding_function=None)
        except IndexUnavailableError:
            raise
        except Exception:
            raise IndexMissingError(f"The {self.describe()} has lost build {build_id}; run `guidebot ingest`.") from None

    def create_build(self, build_id: str, metadata: dict[str, str]) -> Any:
        return self._call(self._client.create_collection, f"{self.name}-{build_id}", embedding_function=None,
                          metadata=metadata)

    def switch_to(self, build_id: str) -> None:
        previous = self.current_build()
        pointer = self._client.get_or_create_collection(f"{self.name}-pointer", embedding_function=None,
                                                        metadata={"current": build_id})
        pointer.modify(metadata={"current": build_id})
        keep = {f"{self.name}-{build_id}", f"{self.name}-{previous}"}
        for col in self._client.list_collections():
            col_name = col if isinstance(col, str) else col.name
            if col_name.startswith(f"{self.name}-") and col_name[len(self.name) + 1:][:1].isdigit() and col_name not in keep:
                with contextlib.suppress(Exception):
                    self._client.delete_collection(col_name)

    def discard(self, build_id: str) -> None:
        with contextlib.suppress(Exception):
            self._client.delete_collection(f"{self.name}-{build_id}")

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        lock_name = f"{self.name}-lock"
        owner = {"host": socket.gethostname(), "pid": str(os.getpid()), "since": str(int(time.time()))}
        try:
            self._call(self._client.create_collection, lock_name, embedding_function=None, metadata=owner)
        except IndexUnavailableError:
            raise
        except Exception:
            held = self._client.get_collection(lock_name, embedding_function=None).metadata or {}
            if time.time() - int(held.get("since", "0")) < STALE_LOCK_SECONDS:
                raise IndexBusyError(
                    f"Another ingest (host {held.get('host')}, pid {held.get('pid')}) is writing to the {self.describe()}; "
                    "wait for it to finish and run this again."
                ) from None
            self._client.delete_collection(lock_name)
            self._client.create_collection(lock_name, embedding_function=None, metadata=owner)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                self._client.delete_collection(lock_name)


def open_store(settings: IngestSettings, index_dir: Path | None = None) -> IndexStore:
    """The configured backend: a Chroma server when CHROMA_HOST is set, else a local folder."""
    if settings.chroma_host and index_dir is None:
        return ServerStore(settings.chroma_host, settings.chroma_port, settings.chroma_ssl, settings.collection)
    return LocalStore(index_dir or settings.resolved_index_dir, settings.collection)


def read_all(collection: Any, include: list[str], where: dict | None = None) -> dict[str, list]:
    """Every row of a collection, paged so large indexes do not hit chromadb's batch limits."""
    out: dict[str, list] = {"ids": []} | {key: [] for key in include}
    offset = 0
    while True:
        page = collection.get(include=include, limit=PAGE, offset=offset, where=where)
        ids = page["ids"]
        if not ids:
            break
        out["ids"] += ids
        for key in include:
            values = page.get(key)
            out[key] += list(values) if values is not None else [None] * len(ids)
        offset += len(ids)
        if len(ids) < PAGE:
            break
    return out
