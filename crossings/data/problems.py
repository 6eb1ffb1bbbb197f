"""A problem found in the data: where it is, what was there and what was expected."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"  # the row (or the whole file) is left out of every view
WARNING = "warning"  # the value was repaired or ignored; the row is kept


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number: the header is row 1, the first data row is 2
    column: str | None
    value: str | None
    expected: str
    severity: str = ERROR
    message: str = ""

    def describe(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}" if self.message else f"{where}:"
        if self.value is not None:
            text += f" {self.value!r}"
        if self.expected:
            text += f" (expected {self.expected})"
        return f"{self.severity.upper()}: {text}"

    def as_dict(self) -> dict:
        return asdict(self)
