"""Conversion at the rate of each amount's value date, checked against the rate table's own
rows (data/fx_rates.csv, from the Federal Reserve's H.10 monthly averages)."""

from __future__ import annotations

import math
from statistics import mean

import pandas as pd
import pytest

from crossings.views.currency import RateTable, convert_lines, rate_period


@pytest.fixture(scope="module")
def rates(dataset) -> RateTable:
    return RateTable(dataset.fx_rates)


def test_rate_table_rows_are_read_as_the_csv_gives_them(rates):
    # fx_rates.csv: 2020-02,EUR,0.9165,1.091107 and 2015-04,EUR,0.924,1.082251
    assert rates.usd_per_unit("EUR", "2020-02") == 1.091107
    assert rates.usd_per_unit("EUR", "2015-04") == 1.082251
    assert rates.usd_per_unit("USD", "1999-01") == 1.0  # the dollar needs no table


def test_jempas_ii_eur_to_usd_at_february_2020(rates):
    rate = rates.rate("EUR", "USD", "2020-02", "month")
    assert rate.rate == 1.091107
    assert rate.period == "2020-02"
    assert "February 2020" in rate.note
    # by hand: 189,403.21 × 1.091107 = 206,659.17; 206,308.69 × 1.091107 = 225,104.86
    lines = pd.DataFrame({"amount": [189_403.21, 206_308.69], "currency": ["EUR", "EUR"],
                          "value_date": ["2020-02", "2020-02"], "value_date_precision": ["month", "month"]})
    converted = convert_lines(lines, rates, "USD")
    assert converted["converted"].tolist() == pytest.approx([206_659.17, 225_104.86], abs=0.005)
    assert converted["converted"].sum() == pytest.approx(431_764.02, abs=0.005)  # 395,711.90 × 1.091107
    assert converted["amount"].tolist() == [189_403.21, 206_308.69]  # the amounts as given stay
    assert converted["currency"].tolist() == ["EUR", "EUR"]


def test_g5_usd_estimate_to_eur_at_april_2015(rates):
    rate = rates.rate("USD", "EUR", "2015-04", "month")
    # USD 1,425,000 / 1.082251 USD per EUR = EUR 1,316,700.10
    assert 1_425_000 * rate.rate == pytest.approx(1_316_700.10, abs=0.005)
    # the same, within a euro, from the Fed's own quote of 0.924 EUR per USD
    assert 1_425_000 * rate.rate == pytest.approx(1_425_000 * 0.924, abs=1)


def test_a_date_known_to_the_day_takes_its_months_rate(rates):
    # EUR 5,280,000 signed 19 September 2017; 2017-09,EUR,0.8394,1.191327
    rate = rates.rate("EUR", "USD", "2017-09-19", "day")
    assert rate.period == "2017-09"
    assert 5_280_000 * rate.rate == pytest.approx(6_290_206.56, abs=0.005)


def test_a_date_known_to_the_year_takes_that_years_average(rates):
    # the twelve 2016 EUR rows of fx_rates.csv (usd_per_unit)
    eur_2016 = [1.085541, 1.109139, 1.113462, 1.134559, 1.131222, 1.123217,
                1.105461, 1.120699, 1.121831, 1.101443, 1.079214, 1.054519]
    rate = rates.rate("EUR", "USD", "2016", "year")
    assert rate.period == "2016"
    assert rate.rate == pytest.approx(mean(eur_2016), rel=1e-12)
    assert "2016 average" in rate.note


def test_same_currency_is_never_converted_even_without_a_rate(rates):
    rate = rates.rate("EUR", "EUR", "1990-01", "month")
    assert rate.rate == 1.0
    assert rate.note == "as given in EUR, no conversion"


@pytest.mark.parametrize(("currency", "value_date", "precision", "why"), [
    ("XOF", "2015-04", "month", "no XOF rate for April 2015"),  # a currency the table lacks
    ("EUR", "2004-06", "month", "no EUR rate for June 2004"),  # before the table starts
    ("EUR", "1990", "year", "no EUR rate for 1990"),
    ("EUR", None, "unknown", "the value date is unknown"),
])
def test_a_missing_rate_is_marked_never_zero(rates, currency, value_date, precision, why):
    rate = rates.rate(currency, "USD", value_date, precision)
    assert not rate.is_known
    assert math.isnan(rate.rate)
    assert rate.note.startswith("not converted")
    assert why in rate.note
    lines = pd.DataFrame({"amount": [100.0], "currency": [currency], "value_date": [value_date],
                          "value_date_precision": [precision]})
    converted = convert_lines(lines, rates, "USD")
    assert converted["converted"].isna().all()


def test_rate_period_of_partial_dates():
    assert rate_period("2021-07-27", "day") == "2021-07"
    assert rate_period("2020-02", "month") == "2020-02"
    assert rate_period("2016", "year") == "2016"
    assert rate_period(None, "unknown") is None
    assert rate_period("", "month") is None
