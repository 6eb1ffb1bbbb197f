"""The About and method page's content, worked out from the loaded data: what it covers, how
each headline figure is counted, how dates are written, where the data comes from and under
which licence, and when it last changed. Returned as sections of Markdown for the page to
draw; every rule said here is the one the code applies (crossings.views.metrics,
crossings.views.currency, crossings.data.dates): change both together.

The data dictionary is in crossings.views.data_dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crossings.data.dataset import Dataset
from crossings.data.schema import TABLES
from crossings.exports.images import BOUNDARY_DISCLAIMER
from crossings.languages import _, ngettext
from crossings.languages.numbers import region_name
from crossings.text.formatting import format_count, format_date
from crossings.views.filtered_view import unfiltered


@dataclass(frozen=True)
class Section:
    anchor: str  # the heading's anchor: /about#participants (links and tests rely on it)
    title: str
    paragraphs: tuple[str, ...]  # Markdown, data values escaped where they occur
    level: int = 2  # 2: a section, 3: a part of the section above


@dataclass(frozen=True)
class Coverage:
    events: int
    counted_events: int
    projects: int
    countries: int  # named by a source at a counted event or covered by a project
    regions: tuple[str, ...]  # the UN M49 regions of those countries
    first_year: int | None
    last_year: int | None
    years_with_events: int  # distinct years in which a dated event starts
    undated_events: int  # no date at all
    yearless_events: int  # a day or month without the year
    events_without_participants: int  # counted events whose source gives no count
    sources: int
    organisations: int
    funding_lines: int


def coverage(dataset: Dataset) -> Coverage:
    events = dataset.events
    view = unfiltered(dataset)
    counted = view.counted_events
    engaged = list(view.countries_engaged)
    countries = dataset.countries.set_index("iso3")
    regions = countries.reindex(engaged)["region"].dropna()
    starts = events["start_date_first"].dropna()
    years = starts.dt.year
    no_date = events["start_date"].isna() & events["end_date"].isna()
    placed = events["start_date_first"].notna() | events["end_date_last"].notna()
    return Coverage(
        events=len(events), counted_events=len(counted), projects=len(dataset.projects),
        countries=len(engaged), regions=tuple(sorted(set(regions))),
        first_year=int(years.min()) if len(years) else None,
        last_year=int(years.max()) if len(years) else None,
        years_with_events=int(years.nunique()),
        undated_events=int(no_date.sum()), yearless_events=int((~no_date & ~placed).sum()),
        events_without_participants=int(counted["participants"].isna().sum()),
        sources=len(dataset.sources), organisations=len(dataset.organisations),
        funding_lines=len(dataset.funding),
    )


def last_changed(data_dir: Path | None) -> datetime | None:
    """The latest modification time among the data's CSV files (the data states no date of its
    own); None when the folder is not known or holds none of them."""
    if data_dir is None:
        return None
    times = [path.stat().st_mtime for table in TABLES if (path := Path(data_dir) / table.file).is_file()]
    return datetime.fromtimestamp(max(times), tz=UTC) if times else None


def newest_source(dataset: Dataset) -> str | None:
    """The latest publication date a source in the data gives (EDTF), or None."""
    published = dataset.sources["published"].dropna()
    published = published[~published.str.startswith("XXXX")]
    return max(published, key=lambda text: text) if len(published) else None


def _coverage_section(facts: Coverage) -> Section:
    years = (_("Dated events start in {count} different years, from {first} to {last}.").format(
        count=format_count(facts.years_with_events), first=facts.first_year, last=facts.last_year)
        if facts.first_year is not None else _("No event has a date with its year."))
    regions = _(", ").join(region_name(region) for region in facts.regions) if facts.regions else _("none")
    return Section("coverage", _("What the data covers"), (
        _("**{events}** events, of which **{counted}** count in the headline figures; **{projects}** "
          "projects with **{funding}** funding lines; **{countries}** countries a source names, in "
          "**{regions}** regions ({region_names}); **{sources}** sources and **{organisations}** "
          "organisations. These numbers are worked out from the data this server has loaded.").format(
            events=format_count(facts.events), counted=format_count(facts.counted_events),
            projects=format_count(facts.projects), funding=format_count(facts.funding_lines),
            countries=format_count(facts.countries), regions=format_count(len(facts.regions)),
            region_names=regions, sources=format_count(facts.sources),
            organisations=format_count(facts.organisations)),
        years,
        _("What it does not cover: only activity that a public source in the sources table reports "
          "is in the data. It is not a complete register of border-management work, and an event "
          "no source reports is missing from every figure."),
        ngettext("{count} event has no known date at all, and {yearless} a day or month without its "
                 "year: neither is placed in a year, on an axis or in a period.",
                 "{count} events have no known date at all, and {yearless} a day or month without "
                 "their year: neither is placed in a year, on an axis or in a period.",
                 facts.undated_events).format(count=format_count(facts.undated_events),
                                              yearless=format_count(facts.yearless_events)),
        ngettext("{count} counted event has no participant count in its source.",
                 "{count} counted events have no participant count in their source.",
                 facts.events_without_participants).format(
            count=format_count(facts.events_without_participants)),
    ))


def _figure_sections() -> tuple[Section, ...]:
    return (
        Section("figures", _("How each headline figure is counted"), (
            _("The figures at the top of the Overview (and in the slides) follow the filters in the "
              "sidebar. Each rule below is the one the app applies."),)),
        Section("events", _("Events"), (
            _("Events a source reports as **held**, and those whose status no source gives "
              "(**not known**, marked as such where they are listed). **Announced**, **postponed** and "
              "**cancelled** events are listed, drawn and downloaded as what they are, and never "
              "counted: the number not counted is said under the figure."),), level=3),
        Section("participants", _("Participants"), (
            _("The sum of the participant counts the sources give, at the events that count. An "
              "event whose source gives no count adds nothing, and the note under the figure says how "
              "many give none. When none of them gives a count the figure reads \"not given\", never "
              "zero. An announced event's figure is the number expected, and it is not counted."),),
            level=3),
        Section("countries", _("Countries"), (
            _("Countries a source names as hosting or taking part in an event that counts, or that a "
              "project covers, matched by ISO code (Sudan never brings in South Sudan). Where a source "
              "names a group of countries instead (\"all Arab League member states\"), the group's "
              "members are shown apart (\"+12 via the Arab League\") and not counted in the figure."),),
            level=3),
        Section("projects", _("Projects"), (
            _("Every project the filters keep, whatever its status. The note under the figure counts "
              "those without any funding line: their budget is not known."),), level=3),
        Section("funding", _("Funding"), (
            _("The funding lines' amounts added up in each currency, exactly as the sources give them: "
              "one figure per currency, never added across currencies on the Overview. Estimated "
              "amounts (a proposal's budget, for instance) are included and named in the figure's "
              "help."),), level=3),
        Section("conversion", _("Conversion between currencies"), (
            _("Amounts are stored in their own currency and converted only when shown (the Budget "
              "page), each at the Federal Reserve's monthly average rate (H.10) of the month of its "
              "value date. A value date known only to the year takes the average of that year's "
              "twelve monthly rates, and none if a month is missing. The rates are quoted against "
              "the US dollar: an amount goes from one currency to another through the dollar, both "
              "rates taken for the same month."),
            _("When no rate is known (a currency or a month the rate table does not carry, an "
              "unknown value date) the amount is not converted: it is listed apart with the reason "
              "and never added in, and never read as zero."),
        ), level=3),
    )


def _dates_section() -> Section:
    return Section("dates", _("Dates: as precise as the source"), (
        _("Dates are written in the Extended Date/Time Format (EDTF, the date part of ISO 8601-2), "
          "as far as the source goes and no further: `2021-07-27` a day, `2021-07` a month, `2021` a "
          "year, `XXXX-05-25` or `XXXX-05` a day or month whose year the source does not state, and "
          "a blank cell when the date is not known. Each end of a period is kept on its own."),
        _("A date known to the month is drawn as that month, never as a made-up day. A date without "
          "its year is listed (\"25–28 May, year not stated\") but never placed in a year, on an "
          "axis or in a period; while a year filter is set it is left out and counted, like an "
          "undated record."),
        _("How each date is known is its status: **stated** by the record's own source, "
          "**resolved** from another source about the same record, **inferred** (the reasoning and "
          "its source are in the note), the source's **publication date** standing in for it, or "
          "**unknown**, left blank. Nothing unknown is guessed."),
        _("An event can be marked held only by a source published after it started: the validator "
          "refuses \"held\" when the event's only source was published before the event (it "
          "announced it; it cannot report it held)."),
    ))


def _sources_section(dataset: Dataset) -> Section:
    kinds = dataset.sources["kind"].value_counts()
    return Section("sources", _("Sources and licences"), (
        ngettext("Every fact names its source: {count} source is listed on the Sources page, with "
                 "its publisher, date and address.",
                 "Every fact names its source: {count} sources are listed on the Sources page, with "
                 "their publisher, date and address.", len(dataset.sources)).format(
            count=format_count(len(dataset.sources))),
        _("Press releases, news articles, project pages and reports ({count} of the sources) are "
          "read and their facts written down in our own words; their licences are not stated in "
          "this repository.").format(count=format_count(int(kinds.drop(["dataset", "curators_notes"],
                                                                        errors="ignore").sum()))),
        _("The licence of the curated tables themselves is not stated in this repository."),
    ))


def reference_licences() -> tuple[tuple[str, str, str, str], ...]:
    """(what, where it comes from, licence, file that states it) for the reference tables."""
    return (
        (_("Countries and land borders (countries.csv, borders.csv)"),
         _("CIA World Factbook, final edition"), _("public domain"), "data/README.md"),
        (_("Country outlines on the map (geo/countries.geojson)"),
         _("Natural Earth 1:50m, version 4.1.0, via the world-atlas 2.0.2 package"),
         _("Natural Earth: public domain; world-atlas: ISC"), "data/geo/PROVENANCE.md"),
        (_("Exchange rates (fx_rates.csv)"), _("US Federal Reserve H.10 monthly averages"),
         _("public domain"), "data/README.md"),
        (_("Regions and sub-regions (countries.csv)"), _("UN M49"), _("not stated"), "data/README.md"),
        (_("IATI activity schema, release 2.03 (iati/)"), _("IATI Secretariat (iatistandard.org)"),
         _("the IATI-Guidance licence, named as the repository's licence pointer"),
         "data/iati/PROVENANCE.md"),
    )


def reference_table_columns() -> tuple[str, str, str, str]:
    return _("Data"), _("Source"), _("Licence"), _("Stated in")


def _boundaries_section() -> Section:
    return Section("boundaries", _("Boundaries on the maps"), (_(BOUNDARY_DISCLAIMER),))


def _updated_section(dataset: Dataset, data_dir: Path | None) -> Section:
    changed = last_changed(data_dir)
    paragraphs = [
        _("The data was last changed on {date}: the latest modification time among its CSV files "
          "on this server. The data itself states no date of its own change.").format(
            date=format_date(changed.strftime("%Y-%m-%d"))) if changed else
        _("When the data was last changed is not known here: its files' dates cannot be read.")]
    newest = newest_source(dataset)
    if newest:
        paragraphs.append(_("The most recent publication date a source gives: {date}.").format(
            date=format_date(newest)))
    return Section("updated", _("Last changed"), tuple(paragraphs))


def about_sections(dataset: Dataset, data_dir: Path | None) -> tuple[Section, ...]:
    """Everything the page says before the data dictionary, in the active language (worked out
    once per dataset and language)."""
    return dataset.memo.get(("about_sections", str(data_dir)), lambda: (
        _coverage_section(coverage(dataset)), *_figure_sections(), _dates_section(),
        _sources_section(dataset), _boundaries_section(), _updated_section(dataset, data_dir)))
