"""The declared shape of every table in data/.

One place says what each column is; the loader parses by it, pandera checks by it and the
data dictionary (data/README.md) describes it. The lists of allowed values are in
crossings.data.vocabulary. Tables are listed in load order: a table may refer only to tables
above it (and to its own rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crossings.data.vocabulary import (
    AMOUNT_BASES,
    BASES,
    BORDER_KINDS,
    CLAIM_TABLES,
    DATE_STATUSES,
    EVENT_COUNTRY_ROLES,
    EVENT_GROUP_ROLES,
    EVENT_KINDS,
    EVENT_MODES,
    EVENT_ORG_ROLES,
    EVENT_STATUSES,
    FUNDING_STATUSES,
    LOCATION_PRECISIONS,
    ORG_TYPES,
    PRECISIONS,
    PROJECT_COUNTRY_ROLES,
    PROJECT_ORG_ROLES,
    PROJECT_STATUSES,
    SOURCE_KINDS,
    VISIBILITIES,
    Vocabulary,
)
from crossings.languages import N_, _


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, text, enum, iso3, currency, date, int, float, url, ref, list
    required: bool = False  # a value must be present in every row
    unique: bool = False
    vocabulary: Vocabulary | None = None  # for enum
    ref: tuple[str, str] | None = None  # (table, column) for ref, iso3 and list kinds
    # for date: the column holding its precision. If the table declares that column, the two
    # must agree; if not, the loader derives it from the date (what EDTF dates carry anyway).
    precision: str | None = None
    no_year: bool = False  # for date: a day or month without its year (XXXX-05-25) is allowed
    default: str | None = None  # a blank cell, or a file without the column, reads as this
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # strictly greater than: an exchange rate of 0 means nothing
    description: str = ""  # in English, as data/README.md prints it; marked N_ where declared
    parts: tuple[str, ...] = ()  # a description made of several messages: each, in order

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.vocabulary.values if self.vocabulary else ()


@dataclass(frozen=True)
class DatedFact:
    """Dates that share a status, a source and a note: an event's start and end, a project's
    start (or end), a source's publication date."""

    dates: tuple[str, ...]
    status: str  # column holding the date status (vocabulary.DATE_STATUSES)
    source: str  # column naming the source of the date, or of the reasoning behind it
    note: str  # column saying how it was resolved or inferred, or why it is unknown


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str  # in English, as data/README.md prints it; marked N_ where declared
    key: str | None = None  # the id column, if the table has one
    after: tuple[tuple[str, str], ...] = field(default=())  # (start, end) date pairs
    dated: tuple[DatedFact, ...] = field(default=())
    has_basis: bool = False  # basis, basis_source_id, basis_note: marks inferred rows

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def derived_precisions(self) -> list[str]:
        """Precision columns the loader adds from the dates (not in the file)."""
        return [c.precision for c in self.columns
                if c.kind == "date" and c.precision and c.precision not in self.names]


def described(item: Column | Table) -> str:
    """What a column or table is, in the active language (data/README.md keeps the English,
    `description`). Every description is marked with N_ where it is declared."""
    parts = getattr(item, "parts", ()) or (item.description,)
    return " ".join(_(part) for part in parts if part)  # never _(""): that is the catalogue's header


def _sentences(name: str, kind: str, *parts: str, **fields) -> Column:
    """A column whose description is several whole sentences, each its own message."""
    return Column(name, kind, description=" ".join(parts), parts=parts, **fields)


def _id(name: str, description: str) -> Column:
    return Column(name, "id", required=True, unique=True, description=description)


def _source(required: bool = True) -> Column:
    taken = N_("The source this row is taken from (sources.csv).")
    blank = () if required else (N_("Blank where no source in the data gives it."),)
    return _sentences("source_id", "ref", taken, *blank, required=required, ref=("sources", "source_id"))


def _country(name: str, description: str = N_("Country, ISO 3166-1 alpha-3 code (countries.csv)."),
             required: bool = True) -> Column:
    return Column(name, "iso3", required=required, ref=("countries", "iso3"), description=description)


def _enum(name: str, vocabulary: Vocabulary, description: str, required: bool = True,
          default: str | None = None) -> Column:
    return Column(name, "enum", required=required and default is None, vocabulary=vocabulary,
                  default=default, description=description)


_EDTF = N_("EDTF: YYYY-MM-DD, YYYY-MM or YYYY as far as the source goes; XXXX-MM-DD or XXXX-MM "
           "when it gives a day or month without the year; blank if not known.")


def _date(name: str, what: str, precision: str, no_year: bool = True) -> Column:
    return _sentences(name, "date", what, _EDTF, precision=precision, no_year=no_year)


def _date_facts(prefix: str, status_help: str, source_help: str) -> tuple[Column, Column]:
    """The status of a date and the source it (or the reasoning behind it) comes from."""
    return (
        _enum(f"{prefix}_status", DATE_STATUSES, status_help),
        Column(f"{prefix}_source_id", "ref", ref=("sources", "source_id"), description=source_help),
    )


def _basis() -> tuple[Column, ...]:
    """Marks a row that is worked out rather than said, with the source of the reasoning."""
    return (
        _enum("basis", BASES, N_("stated (blank) or inferred."), default="stated"),
        Column("basis_source_id", "ref", ref=("sources", "source_id"),
               description=N_("For inferred rows: the source the reasoning rests on (sources.csv).")),
        Column("basis_note", "text", description=N_("For inferred rows: the reasoning, in a sentence.")),
    )


def _visibility() -> Column:
    return _enum("visibility", VISIBILITIES, N_("public (blank) or internal: internal rows never leave "
                                                "through a public route (crossings.data.visibility)."),
                 default="public")


TABLES: tuple[Table, ...] = (
    Table("sources", (
        _id("source_id", N_("Unique id of the source.")),
        Column("title", "text", required=True, description=N_("Title of the document or page.")),
        Column("publisher", "text", description=N_("Who published it.")),
        _date("published", N_("Publication date."), "published_precision", no_year=False),
        *_date_facts("published", N_("How the publication date is known: stated, resolved, inferred, "
                                     "publication_date or unknown (see the list)."),
                     N_("For a resolved or inferred publication date: the source that gives it or the "
                        "reasoning rests on (it may be the document itself).")),
        Column("published_note", "text", description=N_("How the publication date was worked out.")),
        Column("url", "url", description=N_("Address of the source, http(s) only; blank if none is known.")),
        _enum("kind", SOURCE_KINDS, N_("What kind of document it is (see the list).")),
        _visibility(),
        Column("notes", "text", description=N_("What a curator should know about it.")),
    ), N_("Every document or data set a fact comes from."), key="source_id",
        dated=(DatedFact(("published",), "published_status", "published_source_id", "published_note"),)),
    Table("topics", (
        _id("topic_id", N_("Unique id of the topic.")),
        Column("label", "text", required=True, description=N_("Label shown to users.")),
        Column("description", "text", description=N_("What the topic covers.")),
        _source(required=False),
    ), N_("Vocabulary of topics used by events and projects."), key="topic_id"),
    Table("countries", (
        Column("iso3", "iso3", required=True, unique=True,
               description=N_("ISO 3166-1 alpha-3 code (XKX for Kosovo, user-assigned).")),
        Column("name", "text", required=True, description=N_("Short English name.")),
        Column("region", "text", description=N_("UN M49 region (Africa, Americas, Asia, Europe, Oceania).")),
        Column("subregion", "text", description=N_("UN M49 sub-region, e.g. Western Asia, Northern Africa.")),
        Column("land_border_km", "float", minimum=0,
               description=N_("Total land boundary in km (Factbook); blank where the Factbook gives none.")),
        Column("coastline_km", "float", minimum=0, description=N_("Coastline in km (Factbook).")),
        Column("land_neighbours", "int", minimum=0,
               description=N_("Number of distinct land neighbours listed by the Factbook.")),
        Column("notes", "text", description=N_("Qualifiers: shared codes, stale entries, Caspian coast.")),
        _source(required=False),
    ), N_("Every country and territory, with Factbook border totals."), key="iso3"),
    Table("borders", (
        _country("country_iso3", N_("The country whose side this row describes, ISO 3166-1 alpha-3 "
                                    "code (countries.csv).")),
        _country("neighbour_iso3", N_("The neighbour, ISO 3166-1 alpha-3 code (countries.csv).")),
        _enum("kind", BORDER_KINDS, N_("land or maritime.")),
        Column("length_km", "float", minimum=0,
               description=N_("Length of this segment in km as the country's own source gives it; "
                              "blank for maritime neighbours.")),
        Column("sea", "text", description=N_("For maritime rows: the sea they share.")),
        Column("status", "text", description=N_("For maritime rows: state of the boundary.")),
        Column("note", "text", description=N_("Qualifiers (Ceuta, Kaliningrad) and asymmetries.")),
        _source(),
    ), N_("One row per neighbour segment, from each country's own side."), after=()),
    Table("organisations", (
        _id("org_id", N_("Unique id of the organisation.")),
        Column("name", "text", required=True, description=N_("Full name.")),
        Column("name_fr", "text", description=N_("The full name in French, only where a source gives it "
                                                 "(cited in notes); shown on French pages instead of name.")),
        Column("name_ar", "text", description=N_("The full name in Arabic, only where a source gives it "
                                                 "(cited in notes); shown on Arabic pages instead of name.")),
        Column("acronym", "text", description=N_("Short name used in charts.")),
        _enum("org_type", ORG_TYPES, N_("Kind of organisation (see the list).")),
        _country("country_iso3", N_("For governments and national bodies: the country, ISO 3166-1 "
                                    "alpha-3 code (countries.csv)."), required=False),
        Column("parent_id", "text",
               description=N_("The organisation this one belongs to (an org_id), if any.")),
        Column("iati_ref", "text",
               description=N_("The organisation's IATI identifier (e.g. XM-DAC-41123), where known: "
                              "how an IATI import recognises it.")),
        Column("notes", "text", description=N_("Anything a curator should know.")),
        _source(required=False),
    ), N_("Organisations, governments, donors and funding instruments."), key="org_id"),
    Table("groups", (
        _id("group_id", N_("Unique id of the country group.")),
        Column("name", "text", required=True, description=N_("Full name, e.g. League of Arab States.")),
        Column("acronym", "text", description=N_("Short name used in figures, e.g. Arab League.")),
        Column("notes", "text", description=N_("What a curator should know, e.g. observers left out.")),
        _source(required=False),
    ), N_("Country groups a source may name instead of the countries (the G5 Sahel, the Arab "
          "League). Their members are in group_members.csv."), key="group_id"),
    Table("group_members", (
        Column("group_id", "ref", required=True, ref=("groups", "group_id"), description=N_("The group.")),
        _country("country_iso3", N_("The member, ISO 3166-1 alpha-3 code (countries.csv).")),
        _date("since", N_("First year (or date) of the membership as the source gives it; blank "
                          "when the source does not say."), "since_precision", no_year=False),
        _date("until", N_("Last year (or date) of the membership; blank while it lasts (as far as "
                          "the source says)."), "until_precision", no_year=False),
        Column("note", "text", description=N_("Where in the source the membership is stated.")),
        _source(),
    ), N_("One row per period of membership: a country and a group, with the years it holds and "
          "the source that states it. Suspended and rejoined: two rows."),
        after=(("since", "until"),)),
    Table("projects", (
        _id("project_id", N_("Unique id of the project.")),
        Column("iati_identifier", "text", unique=True,
               description=N_("The activity's IATI identifier, for projects imported from IATI: "
                              "importing it again updates this project.")),
        Column("title", "text", required=True, description=N_("Project title as the source gives it.")),
        Column("short_title", "text", description=N_("Short label for charts.")),
        Column("implementer_id", "ref", ref=("organisations", "org_id"),
               description=N_("Implementing organisation (organisations.csv).")),
        _date("start_date", N_("Start."), "start_precision"),
        *_date_facts("start", N_("How the start is known: stated, resolved, inferred, "
                                 "publication_date or unknown (see the list)."),
                     N_("Where the start comes from when it is not the row's "
                        "own source, or the source an inferred start rests on.")),
        _date("end_date", N_("End."), "end_precision"),
        *_date_facts("end", N_("How the end is known: stated, resolved, inferred, "
                               "publication_date or unknown (see the list)."),
                     N_("Where the end comes from when it is not the row's own "
                        "source, or the source an inferred end rests on.")),
        Column("date_note", "text", description=N_("How the dates were resolved or inferred, or why "
                                                   "they are unknown.")),
        _enum("status", PROJECT_STATUSES, N_("planned, ongoing, completed or unknown.")),
        Column("countries_text", "text", description=N_("The countries as the source words them.")),
        Column("topics", "list", ref=("topics", "topic_id"), description=N_("Topic ids, separated by ';'.")),
        Column("summary", "text", description=N_("One or two sentences in our own words.")),
        Column("notes", "text", description=N_("Caveats, related records.")),
        _visibility(),
        _source(),
    ), N_("Projects behind the events."), key="project_id", after=(("start_date", "end_date"),),
        dated=(DatedFact(("start_date",), "start_status", "start_source_id", "date_note"),
               DatedFact(("end_date",), "end_status", "end_source_id", "date_note"))),
    Table("project_countries", (
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description=N_("The project.")),
        _country("country_iso3"),
        _enum("role", PROJECT_COUNTRY_ROLES, N_("beneficiary (the country the project works in) or "
                                                "partner_state.")),
        Column("percentage", "float", minimum=0, maximum=100,
               description=N_("The country's share of the project, where the source gives one "
                              "(IATI recipient-country percentage).")),
        *_basis(),
        _source(),
    ), N_("Which countries each project covers."), has_basis=True),
    Table("project_organisations", (
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description=N_("The project.")),
        Column("org_id", "ref", required=True, ref=("organisations", "org_id"),
               description=N_("The organisation.")),
        _enum("role", PROJECT_ORG_ROLES, N_("implementer, funder, partner or contracting.")),
        *_basis(),
        _source(),
    ), N_("Which organisations take which role in each project."), has_basis=True),
    Table("funding", (
        _id("funding_id", N_("Unique id of the funding line.")),
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description=N_("The funded project.")),
        Column("funder_id", "ref", required=True, ref=("organisations", "org_id"),
               description=N_("Who pays (organisations.csv).")),
        Column("instrument_id", "ref", ref=("organisations", "org_id"),
               description=N_("Funding instrument (an organisation of type donor_instrument), if named.")),
        Column("amount", "float", required=True, minimum=0,
               description=N_("Amount exactly as the source gives it, in `currency`.")),
        Column("currency", "currency", required=True, description=N_("ISO 4217 code of `amount`.")),
        Column("value_date", "date", required=True, precision="value_date_precision",
               description=N_("Date the amount refers to (picks the exchange rate): YYYY-MM-DD, "
                              "YYYY-MM or YYYY.")),
        _enum("value_date_precision", PRECISIONS, N_("How precise value_date is.")),
        _enum("status", FUNDING_STATUSES,
              N_("confirmed, or estimated (e.g. a proposal's estimated budget).")),
        _enum("amount_basis", AMOUNT_BASES, N_("Where the amount comes from: stated by a source, an IATI "
                                               "commitment transaction, or an IATI budget."),
              default="stated"),
        Column("notes", "text", description=N_("Caveats.")),
        _source(),
        _visibility(),
    ), N_("Funding lines: one amount from one funder (and instrument) to one project."),
        key="funding_id"),
    Table("events", (
        _id("event_id", N_("Unique id of the event.")),
        Column("title", "text", required=True, description=N_("Title in our own words or the source's.")),
        _enum("kind", EVENT_KINDS, N_("What kind of event (see the list).")),
        _enum("status", EVENT_STATUSES, N_("held, announced, postponed, cancelled or not_known: only "
                                           "held and not_known events count in headline figures.")),
        _enum("mode", EVENT_MODES, N_("in_person, online, hybrid or unknown.")),
        _date("start_date", N_("First day (or month, or year) of the event."), "start_precision"),
        _date("end_date", N_("Last day (or month, or year); each end as precise as the source gives "
                             "it."), "end_precision"),
        *_date_facts("date", N_("How each of the dates is known: stated, resolved, inferred, "
                                "publication_date or unknown (see the list)."),
                     N_("Where the dates come from when it is not the row's own "
                        "source, or the source inferred dates rest on.")),
        Column("date_note", "text", description=N_("How the dates were resolved or inferred, or why "
                                                   "they are unknown.")),
        Column("city", "text", description=N_("City, if the source names it.")),
        Column("venue", "text", description=N_("Venue, if the source names it.")),
        _country("host_iso3", N_("Host country (blank for online events), ISO 3166-1 alpha-3 code "
                                 "(countries.csv)."), required=False),
        Column("lat", "float", minimum=-90, maximum=90, description=N_("Latitude (WGS84) of the place.")),
        Column("lon", "float", minimum=-180, maximum=180, description=N_("Longitude (WGS84).")),
        _enum("location_precision", LOCATION_PRECISIONS, N_("What lat/lon point at: venue, city, "
                                                            "country (centroid) or none.")),
        Column("participants", "int", minimum=0,
               description=N_("Number of participants the source gives (expected ones for an "
                              "announced event); blank if it gives none.")),
        Column("participants_note", "text", description=N_("Who the participants were.")),
        Column("project_id", "ref", ref=("projects", "project_id"),
               description=N_("The project the event belongs to, if any.")),
        Column("topics", "list", ref=("topics", "topic_id"), description=N_("Topic ids, separated by ';'.")),
        Column("summary", "text", description=N_("One or two sentences in our own words.")),
        _visibility(),
        _source(),
    ), N_("Workshops, trainings, roundtables, visits and the other kinds of event."), key="event_id",
        after=(("start_date", "end_date"),),
        dated=(DatedFact(("start_date", "end_date"), "date_status", "date_source_id", "date_note"),)),
    Table("event_countries", (
        Column("event_id", "ref", required=True, ref=("events", "event_id"), description=N_("The event.")),
        _country("country_iso3"),
        _enum("role", EVENT_COUNTRY_ROLES, N_("host, participant, contributor or expert_origin "
                                              "(see the list).")),
        Column("participants", "int", minimum=0,
               description=N_("Officials from this country, only where the source gives a per-country "
                              "count.")),
        *_basis(),
        _source(),
    ), N_("Which countries the sources name as taking part in which event, and how."), has_basis=True),
    Table("event_groups", (
        Column("event_id", "ref", required=True, ref=("events", "event_id"), description=N_("The event.")),
        Column("group_id", "ref", required=True, ref=("groups", "group_id"),
               description=N_("The group the source names (groups.csv).")),
        _enum("role", EVENT_GROUP_ROLES, N_("participant or contributor.")),
        Column("note", "text",
               description=N_("How the source words it, e.g. 'all Arab League member states'.")),
        _source(),
    ), N_("Groups of countries a source names as taking part, without naming the countries: their "
          "members are counted apart, as 'via the group'.")),
    Table("event_organisations", (
        Column("event_id", "ref", required=True, ref=("events", "event_id"), description=N_("The event.")),
        Column("org_id", "ref", required=True, ref=("organisations", "org_id"),
               description=N_("The organisation.")),
        _enum("role", EVENT_ORG_ROLES, N_("organiser, partner, funder, contributor, participant, "
                                          "facilitator or venue.")),
        *_basis(),
        _source(),
    ), N_("Which organisations took which role at each event."), has_basis=True),
    Table("claims", (
        _id("claim_id", N_("Unique id of the claim.")),
        _enum("table", CLAIM_TABLES, N_("Table of the record the claim is about.")),
        Column("record_id", "text", required=True, description=N_("Id (or ISO3 code) of that record.")),
        Column("field", "text", required=True, description=N_("Which fact, e.g. end_date.")),
        Column("value", "text", required=True, description=N_("The value this source gives.")),
        Column("note", "text", description=N_("How this claim relates to the others.")),
        _source(),
    ), N_("What each source says where sources disagree or a figure needs its own source."),
        key="claim_id"),
    Table("fx_rates", (
        Column("month", "date", required=True, precision=None, description=N_("Month, YYYY-MM.")),
        Column("currency", "currency", required=True, description=N_("ISO 4217 code.")),
        Column("units_per_usd", "float", required=True, above=0,
               description=N_("Monthly average: units of `currency` per US dollar.")),
        Column("usd_per_unit", "float", required=True, above=0,
               description=N_("1 / units_per_usd (the two must agree).")),
        _source(),
    ), N_("Monthly average exchange rates against the US dollar.")),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# Columns that name a source, in every table: where a fact (or its date, or the reasoning
# behind it) comes from.
SOURCE_REF = ("sources", "source_id")
