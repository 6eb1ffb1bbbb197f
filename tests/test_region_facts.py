"""A few facts of the curated records in each region, checked against what their sources say.

Each expected value below was read by hand from the cited page (the URL is the record's source
in sources.csv), in the spirit of tests/test_seed_facts.py: if a record is edited or merged and
a fact drifts from its source, this fails."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.fixture(scope="module")
def dataset(bundled_dataset):
    return bundled_dataset


def event_from(dataset, url: str):
    sources = dataset.tables["sources"]
    [source_id] = sources.loc[sources["url"] == url, "source_id"]
    events = dataset.tables["events"]
    [event] = events[events["source_id"] == source_id].to_dict("records")
    return event


def countries(dataset, event_id: str, role: str) -> set[str]:
    ec = dataset.tables["event_countries"]
    return set(ec.loc[(ec["event_id"] == event_id) & (ec["role"] == role), "country_iso3"])


# (region, source URL, start, end, city, host, participants or None)
FACTS = [
    ("Sahel and West Africa",
     "https://rodakar.iom.int/news/iom-supports-capacity-building-more-fifty-police-commissioners-charge-"
     "border-management-mali", "2023-07-25", "2023-07-27", "Bamako", "MLI", 53),
    ("North Africa",
     "https://www.unodc.org/romena/en/Stories/2016/August/crime-intelligence-analysis-training-delivered-to-"
     "egyptian-officials.html", "2016-08-14", "2016-08-16", "Cairo", "EGY", None),
    ("Middle East",
     "https://mena.iom.int/news/iom-and-nauss-host-regional-workshop-border-guards-and-maritime-search-and-"
     "rescue", "2021-09-28", "2021-09-30", "Jeddah", "SAU", None),
    ("East Africa and the Horn",
     "https://eastandhornofafrica.iom.int/news/training-trainers-held-strengthen-capacity-and-skills-"
     "regional-counterparts-border-governance", "2023-11-07", "2023-11-10", "Kilimanjaro", "TZA", 17),
    ("Central and South Asia",
     "https://www.budapestprocess.org/about/news/115-training-on-anti-trafficking-in-human-beings-and-"
     "border-management-for-the-federal-investigation-agency-in-pakistan", "2015-09-14", "2015-09-18",
     "Islamabad", "PAK", 37),
]


@pytest.mark.parametrize(("region", "url", "start", "end", "city", "host", "participants"), FACTS,
                         ids=[f[0] for f in FACTS])
def test_a_record_in_each_region_says_what_its_source_says(dataset, region, url, start, end, city, host,
                                                           participants):
    event = event_from(dataset, url)
    assert (event["start_date"], event["end_date"]) == (start, end)
    assert (event["city"], event["host_iso3"]) == (city, host)
    assert event["status"] == "held"
    if participants is not None:
        assert event["participants"] == participants


def test_the_jeddah_workshop_lists_the_thirteen_countries_its_source_names(dataset):
    """'Over 100 senior officials from 13 countries': the Republic of Sudan is SDN, never SSD."""
    event = event_from(dataset, FACTS[2][1])
    event_id = event["event_id"]
    named = countries(dataset, event_id, "participant") | countries(dataset, event_id, "host")
    assert named == {"SAU", "MAR", "COM", "KWT", "BHR", "JOR", "QAT", "MRT", "OMN", "YEM", "LBN", "LBY",
                     "SDN"}


def test_the_kilimanjaro_training_names_six_countries_and_its_two_funders(dataset):
    event = event_from(dataset, FACTS[3][1])
    assert countries(dataset, event["event_id"], "participant") == {"DJI", "ETH", "KEN", "SOM", "SSD", "UGA"}
    eo = dataset.tables["event_organisations"]
    funders = set(eo.loc[(eo["event_id"] == event["event_id"]) & (eo["role"] == "funder"), "org_id"])
    assert "EU" in funders and len(funders) == 2  # the EU and Germany's BMZ


def test_the_regions_hold_enough_records_to_browse(dataset):
    events = dataset.tables["events"]
    hosts = events["host_iso3"].dropna()
    assert len(events) >= 120 and len(dataset.tables["projects"]) >= 40
    assert hosts.nunique() >= 35
    assert hosts.value_counts().max() <= len(events) / 6
    years = {str(d)[:4] for d in events["start_date"].dropna() if not str(d).startswith("X")}
    assert len({y for y in years if "2008" <= y <= "2026"}) >= 12


def test_no_event_its_own_record_calls_online_is_marked_in_person(dataset):
    """`in_person` means a source says it took place at a named place; an event whose title or
    summary says it was online is not one (the BOMCA 10 workshop led from Termez was online)."""
    events = dataset.tables["events"]
    words = events["title"] + " " + events["summary"].fillna("")
    online = events[words.str.contains(r"\bonline\b", case=False)]
    assert len(online) >= 2
    assert set(online.loc[online["mode"] == "in_person", "event_id"]) == set()


# records added with the Add a record tool (issue 18), read by hand from their pages
CHAD_2013 = ("https://iom.int/news/workshop-migration-management-government-officials-and-law-enforcement-"
             "officers-republic-chad-01-02-october-2013")
TURKMEN_AFGHAN_2009 = "https://www.osce.org/ashgabat/51588"
IVORY_COAST_LIBERIA = "https://fr.allafrica.com/stories/201810020138.html"


def test_the_ndjamena_workshop_of_october_2013_had_ten_participants(dataset):
    """'a two-day workshop ... in N'Djamena from 01 to 02 October 2013'; 'Ten participants'."""
    event = event_from(dataset, CHAD_2013)
    assert (event["start_date"], event["end_date"], event["city"], event["host_iso3"]) == (
        "2013-10-01", "2013-10-02", "N'Djamena", "TCD")
    assert event["participants"] == 10


def test_the_turkmen_afghan_course_counts_each_country_and_its_funder(dataset):
    """'21 representatives of the State Border Service of Turkmenistan and six representatives of
    the Afghanistan Border Police'; the last day 16 November 2009; 'financed by Japan'."""
    event = event_from(dataset, TURKMEN_AFGHAN_2009)
    assert pd.isna(event["start_date"])  # a 15-day course: the source gives only its last day
    assert (event["end_date"], event["host_iso3"], event["participants"]) == ("2009-11-16", "TKM", 27)
    ec = dataset.tables["event_countries"]
    rows = ec[(ec["event_id"] == event["event_id"]) & (ec["role"] == "participant")]
    assert dict(zip(rows["country_iso3"], rows["participants"], strict=True)) == {"TKM": 21, "AFG": 6}
    eo = dataset.tables["event_organisations"]
    funders = eo.loc[(eo["event_id"] == event["event_id"]) & (eo["role"] == "funder"), "org_id"]
    assert set(funders) == {"GOV-JPN"}


def test_the_ivorian_liberian_project_has_three_million_dollars_from_the_peacebuilding_fund(dataset):
    """'financé par le Fonds de consolidation de la paix (Fcp) des Nations unies à hauteur de trois
    millions de dollars'; its final review 'du 27 au 28 septembre' at Grand-Bassam."""
    event = event_from(dataset, IVORY_COAST_LIBERIA)
    assert (event["city"], event["host_iso3"], event["date_status"]) == ("Grand-Bassam", "CIV", "inferred")
    funding = dataset.tables["funding"]
    [line] = funding[funding["project_id"] == event["project_id"]].to_dict("records")
    assert (line["funder_id"], line["instrument_id"], line["amount"], line["currency"]) == (
        "UN", "UN-PBF", 3_000_000, "USD")
