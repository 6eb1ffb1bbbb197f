"""An IATI activity read as a Crossings project, and the choice of activities to import.

What is taken, and what it becomes:
- `iati-identifier` is kept as the project's key: importing the activity again updates it.
- `participating-org` by role: 1 funding, 2 accountable, 3 extending, 4 implementing (the IATI
  OrganisationRole codelist); the organisation's IATI identifier (`@ref`) and name are kept.
- `recipient-country` (ISO 3166-1 alpha-2 in IATI) becomes alpha-3, with its percentage where
  the file gives one.
- `activity-date` by type: 1 planned start, 2 actual start, 3 planned end, 4 actual end. An
  actual date is preferred to a planned one, and the project says which it used.
- Money: the activity's commitment transactions (type 2, outgoing, and 11, incoming) where it
  has any, otherwise its budgets, never both, each line saying which it came from. Amounts stay
  in their own currency with their value date (the activity's default currency where a value
  names none): the app converts when it shows them, as for every other funding line.

Nothing here writes a file: rows.py turns a project into table rows and the Import page's
safe write (or the command line) writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pycountry
from lxml import etree

from crossings.iati.reading import read_activity_file

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLES = {"1": "funder", "2": "accountable", "3": "extending", "4": "implementer"}
COMMITMENT_TYPES = {"2": "outgoing commitment", "11": "incoming commitment"}
ACTIVITY_STATUSES = {"1": "planned", "2": "ongoing", "3": "ongoing", "4": "completed",
                     "5": "cancelled", "6": "suspended"}
DATE_TYPES = {"1": ("start", "planned"), "2": ("start", "actual"),
              "3": ("end", "planned"), "4": ("end", "actual")}
DAC_5_DIGIT = "1"  # sector vocabulary: OECD DAC CRS purpose codes (the default)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Organisation:
    role: str  # funder, accountable, extending, implementer
    name: str | None
    ref: str | None  # the organisation's IATI identifier, e.g. XM-DAC-41123
    iati_type: str | None  # IATI OrganisationType code (10 government, 40 multilateral...)


@dataclass(frozen=True)
class Country:
    iso3: str  # alpha-3; a code that is not ISO 3166-1 is kept as the file gives it
    percentage: float | None


@dataclass(frozen=True)
class ActivityDate:
    end: str  # start or end
    kind: str  # planned or actual
    date: str  # YYYY-MM-DD


@dataclass(frozen=True)
class FundingLine:
    amount: float
    currency: str
    value_date: str  # YYYY-MM-DD
    basis: str  # iati_commitment or iati_budget
    funder_name: str | None
    funder_ref: str | None
    committed: bool  # a commitment, or a budget marked committed (status 2); else indicative
    period: str | None = None  # a budget's period, "2021-01-01/2021-12-31"


@dataclass
class Activity:
    identifier: str
    title: str
    description: str
    reporting_org: Organisation
    status: str  # planned, ongoing, completed, cancelled, suspended, unknown
    organisations: list[Organisation] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    dates: list[ActivityDate] = field(default_factory=list)
    sectors: list[tuple[str, str]] = field(default_factory=list)  # (vocabulary, code)
    funding: list[FundingLine] = field(default_factory=list)
    funding_basis: str | None = None  # iati_commitment, iati_budget or None (no money given)
    last_updated: str | None = None
    line: int | None = None

    def date(self, end: str) -> ActivityDate | None:
        """The activity's start or end: the actual date where given, else the planned one."""
        found = [d for d in self.dates if d.end == end]
        found.sort(key=lambda d: d.kind != "actual")
        return found[0] if found else None

    @property
    def dac_codes(self) -> set[str]:
        return {code for vocabulary, code in self.sectors if vocabulary == DAC_5_DIGIT}


def _narrative(element: etree._Element | None, language: str = "en") -> str:
    """The element's narrative in the language asked for, else its first; '' when it has none."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    for narrative in narratives:
        if (narrative.get(XML_LANG) or "").lower() == language:
            return (narrative.text or "").strip()
    if narratives:
        return (narratives[0].text or "").strip()
    return (element.text or "").strip()


def _organisation(element: etree._Element, role: str) -> Organisation:
    return Organisation(role=role, name=_narrative(element) or None, ref=element.get("ref") or None,
                        iati_type=element.get("type") or None)


def alpha3(code: str) -> str | None:
    """IATI's recipient-country code (ISO 3166-1 alpha-2) as alpha-3; None when it is not one."""
    country = pycountry.countries.get(alpha_2=code.strip().upper()) if len(code.strip()) == 2 else None
    return country.alpha_3 if country else None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _day(text: str | None) -> str | None:
    return text[:10] if text and _ISO_DATE.match(text) else None


def _value(value: etree._Element | None, default_currency: str | None) -> tuple[float, str, str] | None:
    if value is None:
        return None
    amount = _float((value.text or "").strip().replace(",", ""))
    currency = value.get("currency") or default_currency
    value_date = _day(value.get("value-date"))
    if amount is None or not currency or not value_date:
        return None
    return amount, currency.upper(), value_date


def _commitments(activity: etree._Element, default_currency: str | None,
                 reporting: Organisation) -> list[FundingLine]:
    lines = []
    for transaction in activity.findall("transaction"):
        kind = transaction.find("transaction-type")
        code = kind.get("code") if kind is not None else None
        if code not in COMMITMENT_TYPES:
            continue
        value = _value(transaction.find("value"), default_currency)
        if value is None:
            continue
        provider = transaction.find("provider-org")
        if provider is not None:
            name, ref = _narrative(provider) or None, provider.get("ref") or None
        elif code == "2":  # the reporting organisation commits its own money
            name, ref = reporting.name, reporting.ref
        else:
            name, ref = None, None
        lines.append(FundingLine(amount=value[0], currency=value[1], value_date=value[2],
                                 basis="iati_commitment", funder_name=name, funder_ref=ref,
                                 committed=True))
    return lines


def _budgets(activity: etree._Element, default_currency: str | None,
             funders: list[Organisation]) -> list[FundingLine]:
    """Budgets pay for the activity but IATI does not say whose money each is: the funder is
    named only when the activity has exactly one funding organisation."""
    funder = funders[0] if len(funders) == 1 else None
    lines = []
    for budget in activity.findall("budget"):
        value = _value(budget.find("value"), default_currency)
        if value is None:
            continue
        start, end = (_day(budget.find(edge).get("iso-date")) if budget.find(edge) is not None else None
                      for edge in ("period-start", "period-end"))
        lines.append(FundingLine(amount=value[0], currency=value[1], value_date=value[2],
                                 basis="iati_budget", funder_name=funder.name if funder else None,
                                 funder_ref=funder.ref if funder else None,
                                 committed=budget.get("status") == "2",
                                 period=f"{start}/{end}" if start and end else None))
    return lines


def read_activity(element: etree._Element) -> Activity:
    """One schema-valid <iati-activity> as an Activity."""
    default_currency = element.get("default-currency")
    reporting = _organisation(element.find("reporting-org"), "reporting")
    status_code = element.xpath("string(activity-status/@code)")
    status = ACTIVITY_STATUSES.get(status_code, "unknown")
    activity = Activity(
        identifier=(element.findtext("iati-identifier") or "").strip(),
        title=_narrative(element.find("title")),
        description=_narrative(element.find("description")),
        reporting_org=reporting,
        status=status,
        last_updated=_day(element.get("last-updated-datetime")),
        line=element.sourceline,
    )
    for org in element.findall("participating-org"):
        role = ROLES.get(org.get("role", ""))
        if role:
            activity.organisations.append(_organisation(org, role))
    for country in element.findall("recipient-country"):
        code = country.get("code", "")
        # a code that is not ISO 3166-1 is passed on as it is, so the data check refuses it
        # with its usual message (file, row, column, value) and nothing is written
        activity.countries.append(Country(alpha3(code) or code, _float(country.get("percentage"))))
    for date in element.findall("activity-date"):
        kind = DATE_TYPES.get(date.get("type", ""))
        day = _day(date.get("iso-date"))
        if kind and day:
            activity.dates.append(ActivityDate(end=kind[0], kind=kind[1], date=day))
    for sector in element.findall("sector"):
        activity.sectors.append((sector.get("vocabulary") or DAC_5_DIGIT, sector.get("code", "")))
    commitments = _commitments(element, default_currency, reporting)
    if commitments:
        activity.funding, activity.funding_basis = commitments, "iati_commitment"
    else:
        funders = [o for o in activity.organisations if o.role == "funder"]
        budgets = _budgets(element, default_currency, funders)
        if budgets:
            activity.funding, activity.funding_basis = budgets, "iati_budget"
    return activity


@dataclass(frozen=True)
class Selection:
    """Which activities to bring in: any of the DAC sector codes, any of the recipient countries,
    and every word of the text (in the title or description); an empty part keeps all."""

    sectors: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()  # alpha-3
    text: str = ""

    def keeps(self, activity: Activity) -> bool:
        if self.sectors and not (activity.dac_codes & self.sectors):
            return False
        if self.countries and not ({c.iso3 for c in activity.countries} & self.countries):
            return False
        haystack = f"{activity.title} {activity.description}".casefold()
        return all(word in haystack for word in self.text.casefold().split())


def codes_from_text(text: str | None) -> frozenset[str]:
    """'15190, 15210' as codes; blanks dropped."""
    return frozenset(part.strip().upper() for part in (text or "").split(",") if part.strip())


def countries_from_text(text: str | None) -> frozenset[str]:
    """'NER, ML' as alpha-3 codes (IATI writes alpha-2, people often alpha-3)."""
    return frozenset(alpha3(code) or code for code in codes_from_text(text))


def select(activities: list[Activity], selection: Selection) -> list[Activity]:
    return [a for a in activities if selection.keeps(a)]


def read_projects(source, selection: Selection = Selection(), name: str | None = None):
    """The activities of an IATI file that the selection keeps, read as the file streams past
    (memory bounded by one activity and what is kept), and the file's schema problems."""
    def take(element: etree._Element) -> Activity | None:
        activity = read_activity(element)
        return activity if selection.keeps(activity) else None

    return read_activity_file(source, name, take)
