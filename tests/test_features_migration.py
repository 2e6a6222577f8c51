"""Migration 0002_features creates exactly the tables the models in bot/slack/features_db.py describe."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from bot.slack.features_db import FEATURE_TABLES

MIGRATION = Path(__file__).resolve().parent.parent / "bot/slack/migrations/versions/0002_features.py"
ADDED_BY_0003 = {"question_log": {"job_id"}}  # columns a later migration adds (see the chain test below)


def _load():
    spec = importlib.util.spec_from_file_location("m0002", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_matches_the_models(tmp_path):
    module = _load()
    assert (module.revision, module.down_revision) == ("0002_features", "0001")
    migrated = sa.create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    modelled = sa.create_engine(f"sqlite:///{tmp_path / 'modelled.db'}")
    with migrated.begin() as connection:
        ctx = MigrationContext.configure(connection)
        with Operations.context(ctx):
            module.upgrade()
    FEATURE_TABLES[0].metadata.create_all(modelled, tables=FEATURE_TABLES)

    def shape(engine, later: dict | None = None):
        inspector = sa.inspect(engine)
        return {t: sorted((c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(t)
                          if c["name"] not in (later or {}).get(t, ()))
                for t in sorted(inspector.get_table_names())}

    assert shape(migrated) == shape(modelled, later=ADDED_BY_0003)
    with migrated.begin() as connection:
        ctx = MigrationContext.configure(connection)
        with Operations.context(ctx):
            module.downgrade()
    assert sa.inspect(migrated).get_table_names() == []


def _shape(engine) -> dict:
    """Every table's columns (name, type, nullable) and unique constraints, as the database reports them."""
    inspector = sa.inspect(engine)
    return {t: (sorted((c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(t)),
                sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(t)))
            for t in sorted(inspector.get_table_names()) if t != "alembic_version"}


def test_the_migration_chain_matches_every_model(tmp_path):
    """0001 -> 0002_features -> 0003_once builds exactly what the models describe; 0003 goes back down."""
    from alembic import command

    from bot.slack.db import Base
    from bot.slack.migrations import _config, upgrade

    migrated = sa.create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    modelled = sa.create_engine(f"sqlite:///{tmp_path / 'modelled.db'}")
    upgrade(migrated)
    Base.metadata.create_all(modelled)
    assert _shape(migrated) == _shape(modelled)
    with migrated.connect() as connection:
        command.downgrade(_config(connection), "0002_features")
        connection.commit()
    assert "progress" not in {c["name"] for c in sa.inspect(migrated).get_columns("jobs")}
    upgrade(migrated)  # and up again, as a replica running the new code would
    assert _shape(migrated) == _shape(modelled)
