"""The state database's schema as Alembic migrations, applied at start-up, safe for replicas.

`upgrade(engine)` brings any database to the newest revision. Replicas that start together
on a fresh database must not race (two `CREATE TABLE`s of the same table crash one of them),
so the upgrade runs under a lock both can see: a PostgreSQL advisory lock, or a file lock
beside a SQLite file; other databases fall back to re-checking the revision after a failure.

A new migration is a file in `versions/` whose `revision` is the next number ("0002") and
whose `down_revision` is the one before it ("0001").
"""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger("guidebot.db")
HERE = Path(__file__).resolve().parent
PG_LOCK_KEY = 0x6775_6964  # "guid": one advisory lock id for guidebot's schema changes


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision this code knows."""
    config = Config()
    config.set_main_option("script_location", str(HERE))
    return ScriptDirectory.from_config(config).get_current_head() or ""


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _upgrade(connection: Connection) -> None:
    if current(connection) == head():
        return
    command.upgrade(_config(connection), "head")
    connection.commit()
    log.info("database schema upgraded to revision %s", head())


def upgrade(engine: Engine) -> None:
    """Create or migrate the schema, once, however many processes start together."""
    dialect = engine.dialect.name
    if dialect == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_LOCK_KEY})
            connection.commit()
            try:
                _upgrade(connection)
            finally:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database if dialect == "sqlite" else None
    if database and database != ":memory:":
        from filelock import FileLock

        with FileLock(str(database) + ".migrate.lock", timeout=120), engine.connect() as connection:
            _upgrade(connection)
        return
    try:
        with engine.connect() as connection:
            _upgrade(connection)
    except SQLAlchemyError:  # another process created it at the same moment: fine if it is now current
        with engine.connect() as connection:
            if current(connection) != head():
                raise
