"""Errors a person can act on.

Every expected failure in the pipeline is one of these, so the CLI can print one clear
line instead of a traceback.
"""


class GuidebotError(Exception):
    """Base class for failures that carry a message meant for a person."""


class LoadError(GuidebotError):
    """A document could not be read; the message says why (encrypted, corrupt, empty...)."""


class ConfigError(GuidebotError):
    """A setting is missing or wrong."""


class IndexMissingError(GuidebotError):
    """There is no index yet, or it cannot be opened."""


class IndexBusyError(GuidebotError):
    """Another ingest holds the lock on this index."""


class IndexUnavailableError(GuidebotError):
    """The index backend (e.g. a Chroma server) cannot be reached."""
