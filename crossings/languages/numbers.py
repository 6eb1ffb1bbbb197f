"""Numbers, months and country names the way each language writes them, from the CLDR data
Babel carries. Arabic uses Western digits everywhere (one choice, kept in charts, maps, slides
and tables alike: codes, years and amounts read the same in every language). The pseudo-language
formats as English."""

from __future__ import annotations

from functools import cache, lru_cache

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import format_decimal

from crossings.languages.active import DEFAULT_LANGUAGE, LANGUAGES, active_language

NUMBERING = "latn"


def cldr_locale(code: str | None = None) -> str:
    code = code or active_language()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def number(value: float, decimals: int = 0, code: str | None = None) -> str:
    """12,345 · 12 345 (French: a narrow no-break space) · 12,345 (Arabic, Western digits)."""
    return _number(value, decimals, cldr_locale(code))


@lru_cache(maxsize=65_536)
def _number(value: float, decimals: int, locale: str) -> str:
    """Babel parses the pattern and the locale's symbols on every call (40 µs): a chart's hover
    texts write the same few hundred numbers on every rerun. Equal values (1 and 1.0) are
    written alike, so sharing their entry is right."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale, numbering_system=NUMBERING)


def number_as_written(value) -> str:
    """A number with the digits `f"{value:,}"` gives it (5, 12.5, 1,000.0), grouped the active
    language's way: for values shown as they were given, not rounded."""
    if isinstance(value, float):
        written = repr(value)
        return number(value, len(written.partition(".")[2]) if "e" not in written else 2)
    return number(value)


@cache
def _months(code: str, width: str) -> dict[int, str]:
    return dict(get_month_names(width, context="format", locale=code))


def month_name(month: int, code: str | None = None, width: str = "wide") -> str:
    """'July', 'juillet', 'يوليو'; width 'abbreviated' for an axis: 'Jul', 'juil.'."""
    return _months(cldr_locale(code), width)[month]


# Plotly's number separators (decimal, then thousands) per language: it writes axis numbers
# itself, in English unless told. French groups with a space (a no-break space: fonts have it).
PLOTLY_SEPARATORS = {"en": ".,", "fr": ",\u00a0", "ar": ".,"}


def plotly_separators(code: str | None = None) -> str:
    return PLOTLY_SEPARATORS[cldr_locale(code)]


# UN M49 region names (countries.csv) that CLDR spells otherwise, with their M49 codes
# (https://unstats.un.org/unsd/methodology/m49/): the others are CLDR's own English names.
_M49_SPELLED_OTHERWISE = {"South-eastern Asia": "035", "Australia and New Zealand": "053",
                          "Micronesia": "057"}


@cache
def _region_codes() -> dict[str, str]:
    english = {name: code for code, name in Locale.parse("en").territories.items() if code.isdigit()}
    return {**english, **_M49_SPELLED_OTHERWISE}


@cache
def _territories(code: str) -> dict[str, str]:
    return dict(Locale.parse(code).territories)


def region_name(name: str, code: str | None = None) -> str:
    """A UN M49 region or sub-region, named as countries.csv names it, in the active language
    (CLDR's names: 'Afrique occidentale', 'غرب أفريقيا'); English keeps the UN's own spelling,
    and a name CLDR does not know stays as given."""
    language = cldr_locale(code)
    if language == DEFAULT_LANGUAGE:  # before CLDR's data is read: English pages never need it
        return name
    territory = _region_codes().get(name)
    return name if territory is None else _territories(language).get(territory, name)


@cache
def country_names(code: str) -> dict[str, str]:
    """ISO3 -> the country's name in `code` (CLDR's territory names), for every country pycountry
    knows that CLDR names. English keeps the names in countries.csv (the caller's fallback)."""
    import pycountry

    territories = Locale.parse(code).territories
    names = {}
    for country in pycountry.countries:
        name = territories.get(country.alpha_2)
        if name:
            names[country.alpha_3] = name
    return names


def country_name(iso3: str, fallback: str, code: str | None = None) -> str:
    code = cldr_locale(code)
    if code == DEFAULT_LANGUAGE:
        return fallback
    return country_names(code).get(iso3, fallback)
