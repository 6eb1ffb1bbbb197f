"""Numbers, money, dates and country names as each language writes them (CLDR via Babel)."""

from __future__ import annotations

import pytest

from crossings.languages import _, language_from, use_language
from crossings.text.formatting import (
    format_compact_money,
    format_count,
    format_km,
    format_money,
    format_period,
)

NNBSP = "\u202f"  # CLDR's French group separator


@pytest.mark.parametrize(("code", "compact", "money", "count"), [
    ("en", "EUR 8.2 m", "EUR 189,403.21", "5,894"),
    ("fr", "8,2 M EUR", f"189{NNBSP}403,21 EUR", f"5{NNBSP}894"),
    ("ar", "8.2 مليون EUR", "189,403.21 EUR", "5,894"),  # Western digits, one choice everywhere
])
def test_amounts_and_counts(code, compact, money, count):
    with use_language(code):
        assert format_compact_money(8_200_000, "EUR") == compact
        assert format_money(189_403.21, "EUR") == money
        assert format_count(5894) == count


@pytest.mark.parametrize(("code", "year_less", "two_ends", "km"), [
    ("en", "25–28 May, year not stated", "August – 3 September 2015", "2,440 km"),
    ("fr", "25–28 mai, année non précisée", "août – 3 septembre 2015", f"2{NNBSP}440 km"),
    ("ar", "25–28 مايو، السنة غير مذكورة", "أغسطس – 3 سبتمبر 2015", "2,440 كم"),
])
def test_dates_at_their_precision(code, year_less, two_ends, km):
    with use_language(code):
        assert format_period("XXXX-05-25", "XXXX-05-28") == year_less
        assert format_period("2015-08", "2015-09-03") == two_ends
        assert format_km(2440) == km


def test_country_names_come_from_cldr_and_english_from_the_data(dataset):
    assert dataset.country_name("IRN") == dataset.countries.set_index("iso3").at["IRN", "name"]
    with use_language("fr"):
        assert (dataset.country_name("SDN"), dataset.country_name("JOR")) == ("Soudan", "Jordanie")
    with use_language("ar"):
        assert dataset.country_name("IRN") == "إيران"


def test_the_pseudo_language_marks_every_message():
    with use_language("qps"):
        assert _("Budget") == "⟦Budget⟧"
    assert _("Budget") == "Budget"


@pytest.mark.parametrize(("asked", "spoken"), [
    ("fr-FR", "fr"), ("ar_EG", "ar"), ("AR", "ar"), ("de-DE", "en"), (None, "en"), ("", "en"),
    ("qps", "qps")])
def test_language_from_a_link_or_a_browser(asked, spoken):
    assert language_from(asked) == spoken


def test_chart_axes_write_numbers_and_months_in_the_language():
    from crossings.figures.palette import plotly_layout_defaults
    from crossings.figures.plotly_spec import localised_dates

    with use_language("fr"):
        assert plotly_layout_defaults()["separators"] == ",\u00a0"
        axis = localised_dates({"type": "date"}, "2021-05-10", "2021-09-20")
        assert axis["ticktext"] == ["mai 2021", "juin 2021", "juil. 2021", "août 2021", "sept. 2021"]
        years = localised_dates({"type": "date"}, "2008-03-01", "2026-01-01")["ticktext"]
        assert years[0] == "2008" and len(years) <= 10
    with use_language("en"):
        # plotly's own ticks
        assert localised_dates({"type": "date"}, "2021-05-10", "2021-09-20") == {"type": "date"}


@pytest.mark.parametrize(("code", "west", "south_east", "filters"), [
    ("en", "Western Africa", "South-eastern Asia", "Region: Western Africa, Northern Africa"),
    ("fr", "Afrique occidentale", "Asie du Sud-Est", "Région : Afrique occidentale, Afrique septentrionale"),
    ("ar", "غرب أفريقيا", "جنوب شرق آسيا", None),
])
def test_region_names_from_cldr_english_as_the_un_spells_them(dataset, code, west, south_east, filters):
    from crossings.languages.numbers import region_name
    from crossings.views.filters import FilterState, describe

    with use_language(code):
        assert (region_name("Western Africa"), region_name("South-eastern Asia")) == (west, south_east)
        assert region_name("Not a region") == "Not a region"  # a name CLDR does not know stays as given
        shown = describe(FilterState(regions=("Western Africa", "Northern Africa")), dataset)
        assert west in shown
        if code != "en":
            assert "Africa" not in shown
        if filters:
            assert shown == filters
