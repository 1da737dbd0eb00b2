"""One exception family for the library; only the CLI catches and prints them.

Exit codes (documented in the README, like pySHACL's):
0 success / conforms, 1 the graph does not conform or some inputs failed,
2 usage or input error, 3 store error, 4 query error.
"""

from __future__ import annotations


class PeelgraphError(Exception):
    """Base error: a message a person understands, an exit code and a hint."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(PeelgraphError):
    """A source document cannot be read or understood."""

    exit_code = 2

    def __init__(self, path: str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = path
        self.problem = problem


class UsageError(PeelgraphError):
    """The command line does not say one thing to do: a missing argument, an ambiguous phrase."""

    exit_code = 2


class UnknownForceError(PeelgraphError):
    """A force name that matches none of the 43 forces or their aliases."""

    exit_code = 2


class StoreError(PeelgraphError):
    exit_code = 3


class QueryError(PeelgraphError):
    exit_code = 4


class ValidationFailed(PeelgraphError):
    """Raised by ``ValidationReport.raise_for_violations``."""

    exit_code = 1


class BuildFailed(PeelgraphError):
    """Some inputs failed in a build; the good ones were still built (unless strict)."""

    exit_code = 1
