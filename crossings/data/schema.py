"""The declared shape of every table in data/.

One place says what each column is; the loader parses by it, pandera checks by it and the
data dictionary (data/README.md) describes it. Tables are listed in load order: a table may
refer only to tables above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRECISIONS = ("day", "month", "year", "unknown")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, text, enum, iso3, currency, date, int, float, url, ref, list
    required: bool = False  # a value must be present in every row
    unique: bool = False
    allowed: tuple[str, ...] = ()  # for enum
    ref: tuple[str, str] | None = None  # (table, column) for ref, iso3 and list kinds
    precision: str | None = None  # for date: the column holding its precision
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    description: str
    key: str | None = None  # the id column, if the table has one
    after: tuple[tuple[str, str], ...] = field(default=())  # (start, end) date pairs

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _id(name: str, what: str) -> Column:
    return Column(name, "id", required=True, unique=True, description=f"Unique id of the {what}.")


def _source(required: bool = True) -> Column:
    return Column("source_id", "ref", required=required, ref=("sources", "source_id"),
                  description="The source this row is taken from (sources.csv).")


def _country(name: str, required: bool = True, what: str = "Country") -> Column:
    return Column(name, "iso3", required=required, ref=("countries", "iso3"),
                  description=f"{what}, ISO 3166-1 alpha-3 code (countries.csv).")


SOURCE_KINDS = ("seed", "reference", "secondary", "iati")
ORG_TYPES = ("un_agency", "igo", "government", "government_agency", "regional_institution",
             "academic", "industry", "donor", "donor_instrument", "ngo", "other")
EVENT_KINDS = ("workshop", "training", "roundtable", "meeting")
EVENT_MODES = ("in_person", "online", "unknown")
DATE_STATUSES = ("stated", "resolved", "inferred", "unknown")
LOCATION_PRECISIONS = ("venue", "city", "country", "none")
EVENT_COUNTRY_ROLES = ("host", "participant", "contributor", "expert_origin")
EVENT_ORG_ROLES = ("organiser", "partner", "funder", "contributor", "participant",
                   "facilitator", "venue")
PROJECT_COUNTRY_ROLES = ("beneficiary", "partner_state")
# accountable and extending are IATI roles (the OrganisationRole codelist): the organisation answerable
# for the activity, and the one that manages the funds on the funder's behalf.
PROJECT_ORG_ROLES = ("implementer", "funder", "partner", "contracting", "accountable", "extending")
PROJECT_STATUSES = ("planned", "ongoing", "completed", "unknown")
FUNDING_STATUSES = ("confirmed", "estimated")
# where an amount comes from: a source that states it, or an IATI file's commitment transaction or budget
FUNDING_BASES = ("stated", "iati_commitment", "iati_budget")
BORDER_KINDS = ("land", "maritime")

TABLES: tuple[Table, ...] = (
    Table("sources", (
        _id("source_id", "source"),
        Column("title", "text", required=True, description="Title of the document or page."),
        Column("publisher", "text", description="Who published it."),
        Column("published", "date", precision="published_precision",
               description="Publication date, as precise as known (YYYY, YYYY-MM or YYYY-MM-DD)."),
        Column("published_precision", "enum", required=True, allowed=PRECISIONS,
               description="How precise `published` is."),
        Column("url", "url", description="Address of the source, http(s) only; blank if none is known."),
        Column("kind", "enum", required=True, allowed=SOURCE_KINDS,
               description="seed: one of the five founding documents; reference: a public data set; "
                           "secondary: a public page that resolves or adds to a seed."),
        Column("notes", "text", description="What a curator should know about it."),
    ), "Every document or data set a fact comes from.", key="source_id"),
    Table("topics", (
        _id("topic_id", "topic"),
        Column("label", "text", required=True, description="Label shown to users."),
        Column("description", "text", description="What the topic covers."),
    ), "Vocabulary of topics used by events and projects.", key="topic_id"),
    Table("countries", (
        Column("iso3", "iso3", required=True, unique=True,
               description="ISO 3166-1 alpha-3 code (XKX for Kosovo, user-assigned)."),
        Column("name", "text", required=True, description="Short English name."),
        Column("region", "text", description="UN M49 region (Africa, Americas, Asia, Europe, Oceania)."),
        Column("subregion", "text", description="UN M49 sub-region, e.g. Western Asia, Northern Africa."),
        Column("land_border_km", "float", minimum=0,
               description="Total land boundary in km (Factbook); blank where the Factbook gives none."),
        Column("coastline_km", "float", minimum=0, description="Coastline in km (Factbook)."),
        Column("land_neighbours", "int", minimum=0,
               description="Number of distinct land neighbours listed by the Factbook."),
        Column("notes", "text", description="Qualifiers: shared codes, stale entries, Caspian coast."),
        _source(required=False),
    ), "Every country and territory, with Factbook border totals.", key="iso3"),
    Table("borders", (
        _country("country_iso3", what="The country whose side this row describes"),
        _country("neighbour_iso3", what="The neighbour"),
        Column("kind", "enum", required=True, allowed=BORDER_KINDS,
               description="land or maritime."),
        Column("length_km", "float", minimum=0,
               description="Length of this segment in km as the country's own source gives it; "
                           "blank for maritime neighbours."),
        Column("sea", "text", description="For maritime rows: the sea they share."),
        Column("status", "text", description="For maritime rows: state of the boundary."),
        Column("note", "text", description="Qualifiers (Ceuta, Kaliningrad) and asymmetries."),
        _source(),
    ), "One row per neighbour segment, from each country's own side.", after=()),
    Table("organisations", (
        _id("org_id", "organisation"),
        Column("name", "text", required=True, description="Full name."),
        Column("acronym", "text", description="Short name used in charts."),
        Column("org_type", "enum", required=True, allowed=ORG_TYPES,
               description="Kind of organisation; donor_instrument is a funding instrument "
                           "such as AMIF or IcSP."),
        _country("country_iso3", required=False, what="For governments and national bodies: the country"),
        Column("parent_id", "text",
               description="The organisation this one belongs to (an org_id), if any."),
        Column("iati_ref", "text",
               description="The organisation's IATI identifier (e.g. XM-DAC-41123), where known: "
                           "how an IATI import recognises it."),
        Column("notes", "text", description="Anything a curator should know."),
    ), "Organisations, governments, donors and funding instruments.", key="org_id"),
    Table("projects", (
        _id("project_id", "project"),
        Column("iati_identifier", "text", unique=True,
               description="The activity's IATI identifier, for projects imported from IATI: "
                           "importing it again updates this project."),
        Column("title", "text", required=True, description="Project title as the source gives it."),
        Column("short_title", "text", description="Short label for charts."),
        Column("implementer_id", "ref", ref=("organisations", "org_id"),
               description="Implementing organisation (organisations.csv)."),
        Column("start_date", "date", precision="start_precision",
               description="Start, as precise as known (YYYY, YYYY-MM or YYYY-MM-DD)."),
        Column("start_precision", "enum", required=True, allowed=PRECISIONS,
               description="How precise start_date is."),
        Column("end_date", "date", precision="end_precision", description="End, as precise as known."),
        Column("end_precision", "enum", required=True, allowed=PRECISIONS,
               description="How precise end_date is."),
        Column("status", "enum", required=True, allowed=PROJECT_STATUSES,
               description="planned, ongoing, completed or unknown."),
        Column("countries_text", "text", description="The countries as the source words them."),
        Column("topics", "list", ref=("topics", "topic_id"), description="Topic ids, separated by ';'."),
        Column("summary", "text", description="One or two sentences in our own words."),
        Column("notes", "text", description="Caveats, related records."),
        _source(),
    ), "Projects behind the events.", key="project_id", after=(("start_date", "end_date"),)),
    Table("project_countries", (
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description="The project."),
        _country("country_iso3"),
        Column("role", "enum", required=True, allowed=PROJECT_COUNTRY_ROLES,
               description="beneficiary (the country the project works in) or partner_state."),
        Column("percentage", "float", minimum=0, maximum=100,
               description="The country's share of the project, where the source gives one "
                           "(IATI recipient-country percentage)."),
        _source(),
    ), "Which countries each project covers."),
    Table("project_organisations", (
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description="The project."),
        Column("org_id", "ref", required=True, ref=("organisations", "org_id"),
               description="The organisation."),
        Column("role", "enum", required=True, allowed=PROJECT_ORG_ROLES,
               description="implementer, funder, partner or contracting; accountable or "
                           "extending (IATI roles)."),
        _source(),
    ), "Which organisations take which role in each project."),
    Table("funding", (
        _id("funding_id", "funding line"),
        Column("project_id", "ref", required=True, ref=("projects", "project_id"),
               description="The funded project."),
        Column("funder_id", "ref", required=True, ref=("organisations", "org_id"),
               description="Who pays (organisations.csv)."),
        Column("instrument_id", "ref", ref=("organisations", "org_id"),
               description="Funding instrument (an organisation of type donor_instrument), if named."),
        Column("amount", "float", required=True, minimum=0,
               description="Amount exactly as the source gives it, in `currency`."),
        Column("currency", "currency", required=True, description="ISO 4217 code of `amount`."),
        Column("value_date", "date", required=True, precision="value_date_precision",
               description="Date the amount refers to (used to pick the exchange rate)."),
        Column("value_date_precision", "enum", required=True, allowed=PRECISIONS,
               description="How precise value_date is."),
        Column("status", "enum", required=True, allowed=FUNDING_STATUSES,
               description="confirmed, or estimated (e.g. a proposal's estimated budget)."),
        Column("amount_basis", "enum", allowed=FUNDING_BASES,
               description="Where the amount comes from: stated by a source (blank means the same), "
                           "an IATI commitment transaction, or an IATI budget."),
        Column("notes", "text", description="Caveats."),
        _source(),
    ), "Funding lines: one amount from one funder (and instrument) to one project.",
        key="funding_id"),
    Table("events", (
        _id("event_id", "event"),
        Column("title", "text", required=True, description="Title in our own words or the source's."),
        Column("kind", "enum", required=True, allowed=EVENT_KINDS,
               description="workshop, training, roundtable or meeting."),
        Column("mode", "enum", required=True, allowed=EVENT_MODES,
               description="in_person, online or unknown."),
        Column("start_date", "date", precision="date_precision",
               description="First day (or month, or year) of the event; blank if unknown."),
        Column("end_date", "date", precision="date_precision",
               description="Last day (or month, or year); blank if unknown."),
        Column("date_precision", "enum", required=True, allowed=PRECISIONS,
               description="How precise the dates are: day, month, year or unknown."),
        Column("date_status", "enum", required=True, allowed=DATE_STATUSES,
               description="stated by the source, resolved from another source, inferred, or unknown."),
        Column("date_source_id", "ref", ref=("sources", "source_id"),
               description="Where the date comes from when it is not the row's own source."),
        Column("date_note", "text", description="How the date was resolved or why it is unknown."),
        Column("city", "text", description="City, if the source names it."),
        Column("venue", "text", description="Venue, if the source names it."),
        _country("host_iso3", required=False, what="Host country (blank for online events)"),
        Column("lat", "float", minimum=-90, maximum=90, description="Latitude (WGS84) of the place."),
        Column("lon", "float", minimum=-180, maximum=180, description="Longitude (WGS84)."),
        Column("location_precision", "enum", required=True, allowed=LOCATION_PRECISIONS,
               description="What lat/lon point at: venue, city, country (centroid) or none."),
        Column("participants", "int", minimum=0,
               description="Number of participants the source gives; blank if it gives none."),
        Column("participants_note", "text", description="Who the participants were."),
        Column("project_id", "ref", ref=("projects", "project_id"),
               description="The project the event belongs to, if any."),
        Column("topics", "list", ref=("topics", "topic_id"), description="Topic ids, separated by ';'."),
        Column("summary", "text", description="One or two sentences in our own words."),
        _source(),
    ), "Workshops, trainings, roundtables and meetings.", key="event_id",
        after=(("start_date", "end_date"),)),
    Table("event_countries", (
        Column("event_id", "ref", required=True, ref=("events", "event_id"), description="The event."),
        _country("country_iso3"),
        Column("role", "enum", required=True, allowed=EVENT_COUNTRY_ROLES,
               description="host, participant (its officials took part), contributor (its "
                           "government shared expertise) or expert_origin (experts from an "
                           "organisation's office in that country)."),
        Column("participants", "int", minimum=0,
               description="Officials from this country, only where the source gives a per-country count."),
        _source(),
    ), "Which countries took part in which event, and how."),
    Table("event_organisations", (
        Column("event_id", "ref", required=True, ref=("events", "event_id"), description="The event."),
        Column("org_id", "ref", required=True, ref=("organisations", "org_id"),
               description="The organisation."),
        Column("role", "enum", required=True, allowed=EVENT_ORG_ROLES,
               description="organiser, partner, funder, contributor, participant, facilitator or venue."),
        _source(),
    ), "Which organisations took which role at each event."),
    Table("claims", (
        _id("claim_id", "claim"),
        Column("table", "enum", required=True,
               allowed=("events", "projects", "funding", "countries", "borders"),
               description="Table of the record the claim is about."),
        Column("record_id", "text", required=True, description="Id (or ISO3 code) of that record."),
        Column("field", "text", required=True, description="Which fact, e.g. end_date."),
        Column("value", "text", required=True, description="The value this source gives."),
        Column("note", "text", description="How this claim relates to the others."),
        _source(),
    ), "What each source says where sources disagree or a figure needs its own source.",
        key="claim_id"),
    Table("fx_rates", (
        Column("month", "date", required=True, precision=None, description="Month, YYYY-MM."),
        Column("currency", "currency", required=True, description="ISO 4217 code."),
        Column("units_per_usd", "float", required=True, minimum=0,
               description="Monthly average: units of `currency` per US dollar."),
        Column("usd_per_unit", "float", required=True, minimum=0, description="1 / units_per_usd."),
        _source(),
    ), "Monthly average exchange rates against the US dollar."),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
