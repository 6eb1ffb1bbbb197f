"""Country profiles: border figures as the Factbook gives them, neighbours by land and sea,
what each source says, and the events and projects involving a country."""

from __future__ import annotations

import pytest

from crossings.data.loading import load_dataset
from crossings.figures.profile import neighbour_lengths_figure
from crossings.views.filtered_view import apply_filters
from crossings.views.filters import FilterState
from crossings.views.profiles import country_profile, neighbour_count_summary
from tests.helpers import set_cell


@pytest.fixture(scope="module")
def iran(dataset):
    return country_profile(dataset, "IRN")


def test_iran_border_figures(iran):
    assert iran.name == "Iran"
    assert iran.land_border_km == 5894
    assert iran.coastline_km == 2440
    assert iran.factbook_land_neighbours == 7


def test_iran_seven_land_neighbours_longest_first(iran):
    lengths = [(n.iso3, n.length_km) for n in iran.land_neighbours]
    assert lengths == [("IRQ", 1599), ("TKM", 1148), ("PAK", 959), ("AFG", 921), ("AZE", 689),
                       ("TUR", 534), ("ARM", 44)]
    assert iran.segments_total_km == 5894  # the seven add up to the Factbook's total


def test_iran_neighbours_across_the_sea(iran):
    across = {n.iso3: n.sea for n in iran.maritime_only}
    assert across == {"SAU": "Persian Gulf", "QAT": "Persian Gulf", "BHR": "Persian Gulf",
                      "OMN": "Persian Gulf / Strait of Hormuz", "ARE": "Persian Gulf",
                      "KWT": "Persian Gulf", "KAZ": "Caspian Sea", "RUS": "Caspian Sea"}
    also_land = {n.iso3 for n in iran.maritime_neighbours if n.also_land}
    assert also_land == {"IRQ", "PAK", "AZE", "TKM"}
    assert iran.neighbour_count == 15


def test_iran_thirteen_from_its_source_and_the_difference_explained(iran):
    claims = {(c.value, c.source_id) for c in iran.claims_about("neighbours", "land_neighbours")}
    assert ("13", "SEED-004") in claims
    assert ("7", "REF-FACTBOOK") in claims
    reconciled = [c for c in iran.claims if c.source_id == "REF-CURATOR-NOTES" and c.field == "neighbours"]
    assert reconciled[0].value == "7 land + 6 across the Gulf = 13"
    assert "Kazakhstan" in reconciled[0].note and "15" in reconciled[0].note
    assert neighbour_count_summary(iran) == (
        "7 land neighbours and 8 more across the sea (6 across the Persian Gulf, 2 across the "
        "Caspian Sea): 15 in all.")


def test_iran_events_projects_and_sources(iran):
    assert list(iran.events["event_id"]) == ["EV-IRN-WORKSHOP"]
    assert iran.events["country_role"].iloc[0] == "host, participant"
    assert list(iran.projects["project_id"]) == ["P-IRN-BMM"]
    for source in ("REF-FACTBOOK", "REF-LIMITS-94", "REF-MOJAB-2020", "SEED-004", "REF-CURATOR-NOTES"):
        assert source in iran.source_ids


def test_jordan_keeps_both_sides_of_an_asymmetric_border(dataset):
    jordan = country_profile(dataset, "JOR")
    israel = {n.iso3: n for n in jordan.land_neighbours}["ISR"]
    assert (israel.length_km, israel.their_length_km) == (307, 327)
    assert israel.is_asymmetric
    assert len(jordan.events) == 7  # roundtable, trainings, online workshop, Cairo, three JEMPAS II
    assert set(jordan.projects["project_id"]) == {"P-JEMPAS-I", "P-JEMPAS-II", "P-JOR-SYRIA"}


def test_segments_to_one_neighbour_are_added(dataset):
    spain = {n.iso3: n for n in country_profile(dataset, "ESP").land_neighbours}
    assert spain["MAR"].length_km == 18.5  # Ceuta 8 km + Melilla 10.5 km
    assert len(spain["MAR"].notes) == 2


def test_a_total_that_differs_from_its_parts_is_kept(dataset):
    france = country_profile(dataset, "FRA")
    assert france.land_border_km == 3956  # includes French Guiana
    assert france.segments_total_km == 2751  # metropolitan neighbours only


def test_bahrain_sees_iran_across_the_gulf_from_irans_row(dataset):
    bahrain = country_profile(dataset, "BHR")
    assert bahrain.land_neighbours == ()
    assert [(n.iso3, n.sea) for n in bahrain.maritime_neighbours] == [("IRN", "Persian Gulf")]
    assert neighbour_count_summary(bahrain) == (
        "No land neighbours; 1 across the sea (1 across the Persian Gulf).")


def test_filters_hide_records_and_count_them(dataset):
    japan = apply_filters(dataset, FilterState(funders=("GOV-JPN",)))
    assert country_profile(dataset, "IRN", japan).events.empty
    iran = country_profile(dataset, "IRN", japan)
    assert (iran.events_hidden, iran.projects_hidden) == (1, 1)
    niger = country_profile(dataset, "NER", japan)
    assert list(niger.events["event_id"]) == ["EV-2015-NIAMEY"]
    assert niger.events_hidden == 0


def test_unknown_country_has_no_profile(dataset):
    assert country_profile(dataset, "XXX") is None


def test_neighbour_lengths_chart(dataset, iran):
    figure = neighbour_lengths_figure(iran, dataset)
    bar = figure.data[0]
    assert list(bar.y) == ["Armenia", "Türkiye", "Azerbaijan", "Afghanistan", "Pakistan", "Turkmenistan",
                           "Iraq"]  # plotly draws the first bar at the bottom: longest on top
    assert list(bar.x) == [44, 534, 689, 921, 959, 1148, 1599]
    assert bar.text[-1] == "1,599 km"
    assert bar.marker.color[-1] == "#08306B"  # the longest is the darkest blue
    assert "5,894 km" in figure.layout.title.text
    assert "Central Intelligence Agency" in figure.layout.annotations[0].text


def test_chart_shows_names_from_the_data_as_text(data_copy):
    set_cell(data_copy / "countries.csv", "iso3", "IRQ", "name", "Iraq <b>bold</b>")
    dataset = load_dataset(data_copy)
    figure = neighbour_lengths_figure(country_profile(dataset, "IRN"), dataset)
    assert "Iraq &lt;b&gt;bold&lt;/b&gt;" in figure.data[0].y
    assert not any("<b>" in label for label in figure.data[0].y)


def test_the_card_counts_events_as_the_headline_does(dataset):
    """Listed: every event involving the country; counted: only those a source names it at (not
    only through a group) and that were held or whose status is not known."""
    algeria, jordan = country_profile(dataset, "DZA"), country_profile(dataset, "JOR")
    assert (len(algeria.events), algeria.events_counted) == (1, 0)  # the online workshop, via the Arab League
    assert (len(jordan.events), jordan.events_counted) == (7, 6)
