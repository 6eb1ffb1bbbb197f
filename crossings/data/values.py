"""What a cell may hold, in one place: the ISO country and currency codes, plain numbers and
addresses (dates are in crossings.data.dates).
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 189,403.21
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")  # 31,9539 (only in files with semicolons or tabs)
_URL = r"^https?://[^\s<>\"']+$"


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus XKX (Kosovo), which the EU and IMF use."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)
