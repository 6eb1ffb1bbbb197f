"""Converting amounts between currencies with the dated rate table (data/fx_rates.csv).

Amounts are stored as their source gives them. They are converted only when shown, each at
the monthly average rate of its own value date: a value date known to the day or to the month
takes that month's rate; one known only to the year takes the average of that year's twelve
monthly rates (and none if a month is missing). The rates are the Federal Reserve's H.10
monthly averages, quoted as units of the currency per US dollar; `usd_per_unit` is their
inverse, and the US dollar itself is 1. An amount moves from currency A to currency B as
amount × usd_per_unit(A) / usd_per_unit(B), both taken for the same month.

When no rate is known (a currency the table does not carry, a month outside it) the converted
amount is missing (NaN) and `conversion` says why. It is never zero, and nothing downstream
may add it in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from crossings.data.dataset import Dataset
from crossings.languages import _
from crossings.languages.numbers import number
from crossings.text.formatting import format_date, format_money

USD = "USD"
DISPLAY_CURRENCIES = ("EUR", "USD")  # what the budget views offer; any code in the table works


@dataclass(frozen=True)
class Rate:
    """The rate that turns one unit of `source` into `rate` units of `target`."""

    source: str
    target: str
    rate: float  # NaN when unknown
    period: str  # "2020-02" (a month) or "2016" (a year's average); "" when no rate is needed
    note: str  # how the amount was converted, in words

    @property
    def is_known(self) -> bool:
        return not math.isnan(self.rate)


@dataclass(eq=False)
class RateTable:
    """Monthly rates against the US dollar, looked up by currency and month."""

    fx_rates: pd.DataFrame  # the dataset's fx_rates frame (read only)

    @cached_property
    def _monthly(self) -> dict[tuple[str, str], float]:
        rates = self.fx_rates
        return dict(zip(zip(rates["currency"], rates["month"], strict=True), rates["usd_per_unit"],
                        strict=True))

    @cached_property
    def _yearly(self) -> dict[tuple[str, str], float]:
        """The mean of a year's twelve monthly rates; years with a month missing are left out."""
        rates = self.fx_rates.assign(year=self.fx_rates["month"].str[:4])
        grouped = rates.groupby(["currency", "year"])["usd_per_unit"].agg(["mean", "count"])
        complete = grouped[grouped["count"] == 12]
        return {key: float(value) for key, value in complete["mean"].items()}

    def usd_per_unit(self, currency: str, period: str) -> float:
        """US dollars per unit of `currency` in a month ("2020-02") or a year ("2016");
        NaN when the table has no rate for it. The US dollar is always 1."""
        if currency == USD:
            return 1.0
        table = self._yearly if len(period) == 4 else self._monthly
        return table.get((currency, period), math.nan)

    def rate(self, source: str, target: str, value_date, precision) -> Rate:
        """The rate for an amount in `source` whose value date is `value_date` (a partial ISO
        date with its precision), to be shown in `target`."""
        if source == target:
            return Rate(source, target, 1.0, "",
                        _("as given in {currency}, no conversion").format(currency=target))
        period = rate_period(value_date, precision)
        if period is None:
            return Rate(source, target, math.nan, "", _(
                "not converted: the value date is unknown, so no {source}→{target} rate applies").format(
                source=source, target=target))
        rate = self.usd_per_unit(source, period) / self.usd_per_unit(target, period)
        when = format_date(period, "year" if len(period) == 4 else "month")
        if math.isnan(rate):
            missing = [c for c in (source, target) if math.isnan(self.usd_per_unit(c, period))]
            note = (_("not converted: no {currency} rate for {period} in the rate table").format(
                currency=missing[0], period=when) if len(missing) == 1 else
                _("not converted: no {currency} or {other} rate for {period} in the rate table").format(
                    currency=missing[0], other=missing[1], period=when))
            return Rate(source, target, math.nan, period, note)
        if len(period) == 4:
            note = _("{source}→{target} at {rate} ({year} average monthly rate)").format(
                source=source, target=target, rate=number(rate, 6), year=when)
        else:
            note = _("{source}→{target} at {rate} ({month} monthly rate)").format(
                source=source, target=target, rate=number(rate, 6), month=when)
        return Rate(source, target, rate, period, note)


def rate_period(value_date, precision) -> str | None:
    """The month ("2020-02") whose rate applies to a value date, or the year ("2016") when the
    date is known only to the year; None when it is unknown."""
    if not isinstance(value_date, str) or not value_date or precision == "unknown":
        return None
    if precision == "year" or len(value_date) == 4:
        return value_date[:4]
    return value_date[:7]


def rate_table(dataset: Dataset) -> RateTable:
    """The dataset's rate table, built once per dataset."""
    return dataset.memo.get("rate_table", lambda: RateTable(dataset.fx_rates))


def convert_lines(lines: pd.DataFrame, rates: RateTable, target: str) -> pd.DataFrame:
    """A copy of funding lines (amount, currency, value_date, value_date_precision) with the
    amount in `target` added: `converted` (NaN when no rate is known), `rate` (target units per
    unit of the line's currency), `rate_period` and `conversion` (how it was done, in words)."""
    out = lines.copy()
    keys = [tuple(value if isinstance(value, str) else None for value in key)  # NaN is never equal to NaN
            for key in zip(*(out[c].to_numpy(dtype=object) for c in ("currency", "value_date",
                                                                       "value_date_precision")), strict=True)]
    rates_by_key = {key: rates.rate(key[0], target, key[1], key[2]) for key in set(keys)}  # few distinct
    found = [rates_by_key[key] for key in keys]
    out["rate"] = pd.Series([r.rate for r in found], index=out.index, dtype="float64")
    out["rate_period"] = pd.Series([r.period for r in found], index=out.index, dtype="str")
    out["conversion"] = pd.Series([r.note for r in found], index=out.index, dtype="str")
    out["converted"] = out["amount"] * out["rate"]
    return out


def needs_conversion(lines: pd.DataFrame, target: str) -> bool:
    """Whether any of these lines is in another currency than `target`."""
    return bool((lines["currency"] != target).any())


# --- what a figure in one currency says about it -------------------------------------------

def conversion_note(lines: pd.DataFrame, currency: str) -> str:
    """What the reader needs to know about the currency of a figure, in one sentence."""
    if lines.empty:
        return ""
    if not needs_conversion(lines, currency):
        return _("All amounts are in {currency} as the sources give them; nothing is converted.").format(
            currency=currency)
    others = ", ".join(sorted(set(lines["currency"].dropna().unique()) - {currency}))
    return _("Amounts in {others} are converted to {currency} at the Federal Reserve's monthly "
             "average rate for the month of each amount's value date (H.10); the amounts as the "
             "sources give them are in the hover labels and the table.").format(
        others=others, currency=currency)


def totals_note(lines: pd.DataFrame, currency: str) -> str:
    """What a total in one currency is made of, said where the total is shown: the Budget page
    adds euros and dollars once both are converted, and must say so."""
    if lines.empty or not needs_conversion(lines, currency):
        return _("Totals in {currency}: every amount is in {currency} as the sources give it.").format(
            currency=currency)
    others = ", ".join(sorted(set(lines["currency"].dropna().unique()) - {currency}))
    given = "; ".join(format_money(amount, code)
                      for code, amount in lines.groupby("currency")["amount"].sum().items())
    return _("Totals in {currency}: amounts in {others} are converted to {currency} at the monthly "
             "rate of each amount's value date, then added to those given in "
             "{currency}. As the sources give them: {amounts}.").format(
        currency=currency, others=others, amounts=given)
