"""A problem found in the data: where it is, what was there and what was expected.

A Problem is made once, when the data is loaded (the Dataset is shared by every session), and
read in each session's language. So it keeps its message and what was expected as the English
msgids (marked with N_ where they are written, with named `{placeholders}`) and the values that
fill them in; `text()`, `expected_text()` and `describe()` give them in the active language,
`message` and `expected` in English (the command line, logs and tests read those). A value may
itself be a `Text` (a hint, a phrase chosen by the check) or a `Count` (a number written the
way the language writes it): both are read in the active language when the problem is."""

from __future__ import annotations

from dataclasses import dataclass

from crossings.languages import _
from crossings.languages.numbers import country_name, month_name, number

ERROR = "error"  # the row (or the whole file) is left out of every view
WARNING = "warning"  # the value was repaired or ignored; the row is kept

Values = tuple[tuple[str, object], ...]


def fill(template: str, values: Values, english: bool = False) -> str:
    """The template with its {placeholders} filled in: each Text, Count and Month read now, in
    the active language or, with `english`, in English."""
    if not values:
        return template
    return template.format(**{name: value.english() if english and hasattr(value, "english") else str(value)
                              for name, value in values})


@dataclass(frozen=True)
class Text:
    """A message read later, in the language active then: its English msgid (marked with N_
    where it is written) and the values that fill it in."""

    msgid: str
    values: Values = ()

    def __str__(self) -> str:
        return fill(_(self.msgid), self.values)

    def english(self) -> str:
        return fill(self.msgid, self.values, english=True)


@dataclass(frozen=True)
class Count:
    """A number in a message, written as the language writes it (1,234 · 1 234)."""

    value: float
    decimals: int = 0

    def __str__(self) -> str:
        return number(self.value, self.decimals)

    def english(self) -> str:
        return number(self.value, self.decimals, "en")


@dataclass(frozen=True)
class Month:
    """A month's name in a message (February · février · فبراير)."""

    month: int

    def __str__(self) -> str:
        return month_name(self.month)

    def english(self) -> str:
        return month_name(self.month, "en")


@dataclass(frozen=True)
class CountryName:
    """A country's name in a message, in the active language (English: `english`, as given)."""

    iso3: str
    english_name: str

    def __str__(self) -> str:
        return country_name(self.iso3, self.english_name)

    def english(self) -> str:
        return self.english_name


def phrase(msgid: str, **values) -> Text:
    """Text(msgid, values) from keyword arguments: phrase(N_("write {date}"), date=written)."""
    return Text(msgid, tuple(values.items()))


def problem(file: str, row: int | None, column: str | None, value: str | None, expected: str | Text,
            severity: str = ERROR, message: str | Text = "") -> Problem:
    """A Problem whose expected text or message may be a Text (a msgid with its values)."""
    expected = expected if isinstance(expected, Text) else Text(expected)
    message = message if isinstance(message, Text) else Text(message)
    return Problem(file, row, column, value, expected.msgid, severity, message.msgid,
                   expected.values + message.values)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row number: the header is row 1, the first data row is 2
    column: str | None
    value: str | None
    expected_id: str  # English msgid; `expected` fills it in, `expected_text()` translates it
    severity: str = ERROR
    message_id: str = ""  # English msgid; `message` fills it in, `text()` translates it
    values: Values = ()  # (name, value) pairs filling both msgids' {placeholders}

    @property
    def message(self) -> str:
        """What is wrong, in English."""
        return fill(self.message_id, self.values, english=True)

    @property
    def expected(self) -> str:
        """What was expected, in English."""
        return fill(self.expected_id, self.values, english=True)

    def text(self) -> str:
        """What is wrong, in the active language."""
        return fill(_(self.message_id), self.values) if self.message_id else ""

    def expected_text(self) -> str:
        """What was expected, in the active language."""
        return fill(_(self.expected_id), self.values) if self.expected_id else ""

    def where(self) -> str:
        """'events.csv, row 4, column 'status'' in the active language."""
        if self.row is not None and self.column:
            return _("{file}, row {row}, column '{column}'").format(file=self.file, row=self.row,
                                                                     column=self.column)
        if self.row is not None:
            return _("{file}, row {row}").format(file=self.file, row=self.row)
        if self.column:
            return _("{file}, column '{column}'").format(file=self.file, column=self.column)
        return self.file

    def describe(self) -> str:
        """'ERROR: events.csv, row 4, column 'status': value is not allowed: 'hel' (expected ...)'
        in the active language (the severity word stays as it is)."""
        message = self.text()
        text = _("{where}: {message}").format(where=self.where(), message=message) if message else (
            f"{self.where()}:")
        if self.value is not None:
            text += f" {self.value!r}"
        if self.expected_id:
            text = _("{problem} (expected {expected})").format(problem=text, expected=self.expected_text())
        return f"{self.severity.upper()}: {text}"

    def as_dict(self) -> dict:
        """The problem as people read it (message and expected in the active language)."""
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value,
                "expected": self.expected_text(), "severity": self.severity, "message": self.text()}

