"""One exception root for every expected failure.

The CLI turns any ``IegraphError`` into one line on stderr and a non-zero exit;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class IegraphError(Exception):
    """Root of every expected failure (bad input, unknown name, server down ...)."""

    exit_code = 1


class InputError(IegraphError):
    """The user's input (file, option, parameter) is invalid."""

    exit_code = 2


class NotFoundError(IegraphError):
    """A named entity does not exist in the graph."""

    exit_code = 3


class AmbiguousNameError(IegraphError):
    """A name resolves to several entities; the message lists the candidates."""

    exit_code = 3


class ConnectionFailure(IegraphError):
    """Neo4j cannot be reached, refuses the credentials, or lacks the database."""

    exit_code = 4


class ServerError(IegraphError):
    """The managed local Neo4j cannot be installed, started or stopped."""

    exit_code = 5


class QueryError(IegraphError):
    """Neo4j rejected a query (syntax, access mode, constraint)."""

    exit_code = 6


class LockedError(IegraphError):
    """Another writer holds the graph's write lock (or took it over from this one)."""

    exit_code = 7
