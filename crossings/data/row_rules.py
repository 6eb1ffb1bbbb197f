"""Rules across the cells of a row, or the rows of a table, that one column's declaration cannot
say: an exchange rate's two columns must give the same conversion, and a border pair listed
twice must say why (each row a segment named in its note, or a claim in claims.csv).

Both leave the offending row out, with a message naming the other value or row: a rate that
converts two ways, or a border counted twice, would change figures without a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crossings.data.problems import ERROR, Problem, phrase
from crossings.languages import N_

if TYPE_CHECKING:
    from crossings.data.table_checks import TableCheck

# the two rates may differ by 0.1 %, or by the rounding of the digits written (at most 1 %)
RATE_TOLERANCE = (0.001, 0.01)


def check_rates_agree(check: TableCheck, frame: pd.DataFrame) -> None:
    """fx_rates.csv: usd_per_unit must be 1 / units_per_usd, give or take the rounding of the
    digits written (0.006391 for 156.4819 yen is 1 / 156.4819 to six decimals)."""
    rates = frame[["units_per_usd", "usd_per_unit"]].dropna()
    for row, units, per_unit in rates.itertuples():
        if units <= 0 or per_unit <= 0 or int(row) in check.bad_rows:
            continue  # reported already: a rate must be above 0
        expected = 1 / units
        written = str(check.raw.at[row, "usd_per_unit"])
        decimals = len(written.split(".", 1)[1]) if "." in written else 0
        rounding = 0.5 * 10 ** -decimals / expected
        tolerance = min(max(RATE_TOLERANCE[0], rounding), RATE_TOLERANCE[1]) * expected
        if abs(per_unit - expected) > tolerance:
            check.error(row, "usd_per_unit", written,
                        phrase(N_("1 / units_per_usd = {rate}"), rate=f"{expected:.6g}"),
                        phrase(N_("does not agree with units_per_usd ({units_per_usd}): the two columns "
                                  "would convert differently, and one of them is wrong; the row is left "
                                  "out:"), units_per_usd=str(check.raw.at[row, "units_per_usd"])))


ROW_RULES = {"fx_rates": (check_rates_agree,)}


def border_pair_problems(borders: pd.DataFrame, claims: pd.DataFrame) -> list[Problem]:
    """borders.csv rows that repeat a pair (country, neighbour, kind) without saying why. Rows of
    one pair are segments when each has a note of its own (Spain–Morocco: Ceuta, Melilla); a
    claim about the pair (claims.csv, table 'borders', record 'ESP-MAR') also explains them.
    Otherwise every row after the first is an error: its length would be added to the first."""
    explained = {record for table, record in zip(claims["table"], claims["record_id"], strict=True)
                 if table == "borders"}
    problems = []
    pairs = borders.groupby(["country_iso3", "neighbour_iso3", "kind"], sort=False)
    for (country, neighbour, kind), rows in pairs:
        if len(rows) < 2 or f"{country}-{neighbour}" in explained:
            continue
        notes = [note.strip().casefold() for note in rows["note"] if isinstance(note, str) and note.strip()]
        if len(notes) == len(rows) and len(set(notes)) == len(notes):
            continue  # each row a segment, named in its note
        first_row, first_length = int(rows.index[0]), rows["length_km"].iloc[0]
        for row, length in rows["length_km"].iloc[1:].items():
            if pd.isna(first_length):
                message = _LISTED
            elif length == first_length:
                message = _LISTED_SAME
            else:
                message = _LISTED_WITH
            problems.append(Problem(
                "borders.csv", int(row), "length_km", None if pd.isna(length) else _km(length),
                N_("one row per segment, each named in its note, or a claim in claims.csv about {pair}"),
                ERROR, message, (("pair", f"{country}-{neighbour}"), ("kind", kind),
                                 ("first_row", str(first_row)),
                                 ("length", "" if pd.isna(first_length) else _km(first_length)))))
    return problems


_LISTED = N_("the {kind} border {pair} is already listed on row {first_row}, and neither a note naming "
             "each segment nor a claim says why; this row is left out, so the border is not counted twice:")
_LISTED_SAME = N_("the {kind} border {pair} is already listed on row {first_row} with the same length, and "
                  "neither a note naming each segment nor a claim says why; this row is left out, so the "
                  "border is not counted twice:")
_LISTED_WITH = N_("the {kind} border {pair} is already listed on row {first_row} with {length}, and neither "
                  "a note naming each segment nor a claim says why; this row is left out, so the border is "
                  "not counted twice:")


def _km(length: float) -> str:
    return f"{length:g} km"
