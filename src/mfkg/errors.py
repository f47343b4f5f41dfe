"""User-facing problems and the exceptions that carry them.

Every problem a user can fix is one sentence naming the file, the line, the field and the fix.
Exit codes live here too, so the CLI maps outcomes to codes in one place.
"""

from __future__ import annotations

from mfkg.frozen import FrozenRecord, frozen_init

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_FAILURE = 2


class Problem(FrozenRecord):
    """One defect in the curated data, located as precisely as we can (ordered by file, line, field, …)."""

    __slots__ = ("file", "line", "field", "message", "fix", "severity")
    file: str
    line: int
    field: str
    message: str
    fix: str
    severity: str

    def __init__(self, file: str, line: int, field: str, message: str, fix: str = "",
                 severity: str = "violation") -> None:
        frozen_init(self, file, line, field, message, fix, severity)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" field '{self.field}':" if self.field else ""
        fix = f" — fix: {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class MfkgError(Exception):
    """An error to show the user as one sentence, with exit code 2 unless stated."""

    exit_code = EXIT_FAILURE


class InvalidData(MfkgError):
    """The curated data has problems; all of them are listed."""

    exit_code = EXIT_INVALID_DATA

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the data")
