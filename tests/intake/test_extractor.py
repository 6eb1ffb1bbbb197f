"""The extractor on the seed texts, field by field, and on the traps releases set: Sudan and
South Sudan, Niger and Nigeria in running text, a year-less date, a publication date that is
not the event's, an EU instrument, a group named without its members, a breakdown of a total."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from crossings.intake import draft_record, read_path, read_text
from crossings.intake.draft import Draft
from crossings.intake.schema import validate_draft

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds/ is not beside the repository")


def draft_of(text: str) -> dict:
    draft = draft_record(read_text(text, "test.txt")).as_json()
    validate_draft(draft)
    return draft


def seed(name: str) -> dict:
    [path] = SEEDS.glob(f"{name}_*.txt")
    draft = draft_record(read_path(path)).as_json()
    validate_draft(draft)
    return draft


def evidence(draft: dict, field: str) -> list[str]:
    return [e["text"] for e in draft["evidence"].get(field, [])]


# --- the seeds, field by field -------------------------------------------------------------

@needs_seeds
def test_seed_000_jordan_roundtable():
    draft = seed("000")
    assert (draft["kind"], draft["event_kind"], draft["status"]) == ("event", "roundtable", "held")
    # "On Monday 23 April": no year anywhere, so none is made up
    assert (draft["start_date"], draft["end_date"], draft["date_text"]) == (None, None, "XXXX-04-23")
    assert evidence(draft, "date_text") == ["Monday 23 April"]
    assert draft["city"] is None  # "the Regional Office based in Cairo" is not where it was held
    assert draft["participants"] is None
    assert draft["organisers"] == ["International Organization for Migration"]
    assert draft["funders"] == ["European Union"]
    assert draft["instruments"] == ["Instrument contributing to Stability and Peace"]
    assert "national_strategy" in draft["topics"]


@needs_seeds
def test_seed_001_niamey_g5_sahel():
    draft = seed("001")
    assert draft["date_text"] == "XXXX-07-29/XXXX-07-30" and draft["start_date"] is None
    assert (draft["city"], draft["host_iso3"]) == ("Niamey", "NER")
    assert draft["participant_iso3"] == ["MLI", "NER", "MRT", "BFA", "TCD"]
    assert draft["participant_groups"] == []  # the G5 is named with its members
    assert draft["organisers"] == ["International Organization for Migration"]
    assert draft["funders"] == ["Government of Japan"]
    assert draft["participants"] is None  # "175 member states", "171 countries" are not participants
    assert set(draft["topics"]) == {"coordinated_border_management", "border_management"}


@needs_seeds
def test_seed_002_jempas_ii_project():
    draft = seed("002")
    assert (draft["kind"], draft["status"]) == ("project", "completed")
    assert (draft["start_date"], draft["end_date"]) == ("2020-02", "2021-10")
    assert draft["date_text"] == "2020-02/2021-10"
    assert draft["host_iso3"] == "JOR" and draft["participant_iso3"] == ["JOR"]
    assert draft["participant_groups"] == ["EU Member States"]
    assert draft["organisers"] == ["International Centre for Migration Policy Development"]
    assert draft["funders"] == ["European Union"]
    assert set(draft["instruments"]) == {"Asylum, Migration and Integration Fund",
                                         "Internal Security Fund - Police", "Migration Partnership Facility"}
    assert draft["budget"] == [{"amount": 189403.21, "currency": "EUR"},
                               {"amount": 206308.69, "currency": "EUR"}]


@needs_seeds
def test_seed_003_cairo_workshop():
    draft = seed("003")
    assert (draft["start_date"], draft["end_date"]) == ("2021-07-27", "2021-07-29")
    assert (draft["city"], draft["host_iso3"], draft["participants"]) == ("Cairo", "EGY", 55)
    # long official names: "the Republic of the Sudan" is SDN, "the Union of the Comoros" COM
    assert draft["participant_iso3"] == ["SAU", "TUN", "BHR", "COM", "JOR", "EGY", "YEM", "SDN"]
    assert "Republic of the Sudan" in evidence(draft, "participant_iso3")
    assert draft["organisers"] == ["Ministry of Interior of Egypt",
                                   "Naif Arab University for Security Sciences",
                                   "International Organization for Migration",
                                   "United Nations Office of Counter-Terrorism"]
    assert draft["funders"] == [] and draft["budget"] == []
    assert draft["participant_groups"] == []  # the Arab League's members met at another, earlier workshop
    assert {"biometrics", "traveller_information"} <= set(draft["topics"])
    assert draft["publisher"] == "IOM"  # "Distributed by APO Group on behalf of ... (IOM)"


@needs_seeds
def test_seed_004_iran_workshop():
    draft = seed("004")
    assert (draft["kind"], draft["status"], draft["participants"]) == ("event", "held", 81)
    assert draft["date_text"] is None and draft["start_date"] is None  # no date at all
    assert draft["participant_iso3"] == []  # IOM experts "from Iran, Afghanistan, Iraq, Pakistan" facilitated
    assert draft["organisers"] == ["International Organization for Migration"]


# --- traps in running text ------------------------------------------------------------------

def test_sudan_is_never_south_sudan_and_niger_never_nigeria():
    draft = draft_of(
        "Border officials trained in Khartoum\n\n"
        "Khartoum – The International Organization for Migration (IOM) held a three-day workshop on "
        "coordinated border management from 3 to 5 March 2019 in Khartoum, bringing together 40 officials "
        "from the Republic of the Sudan and the Republic of Niger. Observers from South Sudan and Nigeria "
        "attended too. The Niger Delta and the Sudan Tribune were not involved.")
    assert draft["participant_iso3"] == ["SDN", "NER", "SSD", "NGA"]
    assert dict(zip(evidence(draft, "participant_iso3"), draft["participant_iso3"], strict=True)) == {
        "Republic of the Sudan": "SDN", "Republic of Niger": "NER", "South Sudan": "SSD", "Nigeria": "NGA"}
    assert (draft["city"], draft["host_iso3"], draft["participants"]) == ("Khartoum", "SDN", 40)
    assert (draft["start_date"], draft["end_date"]) == ("2019-03-03", "2019-03-05")


def test_demonyms_on_people_name_the_countries():
    draft = draft_of("UNODC trains Kazakh and Kyrgyz border officers\n\nUNODC delivered a training course "
                     "for Kazakh and Kyrgyz border officers and for Nigerian customs officials in Almaty "
                     "from 19-23 April. The course covered the inspection of vehicles and cargo at road "
                     "border crossings between the two countries.")
    assert draft["participant_iso3"] == ["KAZ", "KGZ", "NGA"]
    assert draft["host_iso3"] == "KAZ" and draft["city"] == "Almaty"


def test_a_year_less_date_stays_year_less_and_the_publication_date_is_not_the_event_date():
    draft = draft_of("Regional workshop on border management in Dakar\n\n30 October 2023\n\n"
                     "From 22 – 25 May, UNODC held a regional workshop on border management in Dakar, "
                     "Senegal, for 35 officials from Mali, Niger and Senegal. UNODC has worked in the "
                     "region since 2012 and will hold another workshop next year.")
    assert (draft["start_date"], draft["end_date"]) == (None, None)
    assert draft["date_text"] == "XXXX-05-22/XXXX-05-25"
    assert draft["published"] == "2023-10-30"
    assert evidence(draft, "published") == ["30 October 2023"]
    assert any("without a year" in note for note in draft["notes"])


def test_future_tense_is_announced():
    draft = draft_of("IOM and IGAD to hold a workshop in Nairobi\n\nIOM and the Intergovernmental Authority "
                     "on Development (IGAD) are organizing a three-day workshop on migration management, "
                     "which opens on 15 October in Nairobi, Kenya. Some 30 officials from the IGAD member "
                     "states will attend the training and will discuss border security.")
    assert draft["status"] == "announced"
    assert draft["date_text"] == "XXXX-10-15" and draft["end_date"] is None
    assert draft["participant_groups"] == ["IGAD"]  # named without its members
    assert draft["participant_iso3"] == []
    assert (draft["city"], draft["host_iso3"], draft["participants"]) == ("Nairobi", "KEN", 30)


def test_an_eu_instrument_is_the_eu_as_funder_plus_the_instrument():
    draft = draft_of("EU and IOM launch border project in Niger\n\nThe European Union's Instrument "
                     "contributing to Stability and Peace (IcSP) has allocated EUR 3 million to a new IOM "
                     "project on border management in Niger. The project will be implemented by IOM over "
                     "18 months with the Nigerien authorities.")
    assert draft["kind"] == "project"
    assert draft["funders"] == ["European Union"]
    assert draft["instruments"] == ["Instrument contributing to Stability and Peace"]
    assert draft["organisers"] == ["International Organization for Migration"]
    assert draft["budget"] == [{"amount": 3000000, "currency": "EUR"}]
    assert draft["host_iso3"] == "NER"


def test_a_total_is_the_budget_not_its_parts():
    draft = draft_of("Netherlands and France co-finance border support to Jordan\n\nThe two embassies "
                     "signed a memorandum for a project supporting the Jordanian Armed Forces at the border. "
                     "Together they are putting in 1.9 million euros: 1.45 million euros from the "
                     "Netherlands and 0.45 million euros from France. The hub in Al Ruwaished is upgraded.")
    assert draft["budget"] == [{"amount": 1900000, "currency": "EUR"}]
    assert set(draft["funders"]) == {"Government of Netherlands", "Government of France"}


def test_french_release():
    draft = draft_of("Les policiers des frontières du Mali et de la Mauritanie formés ensemble\n\n"
                     "L'OIM a lancé cette semaine à Sélibaby, dans le sud de la Mauritanie, une session de "
                     "formation réservée aux officiers de police maliens et mauritaniens. Pendant dix jours, "
                     "l'atelier, financé par le Japon, doit transmettre à 18 officiers de police les "
                     "compétences de base du contrôle aux frontières.")
    assert draft["language"] == "French"
    assert (draft["city"], draft["host_iso3"], draft["participants"]) == ("Sélibaby", "MRT", 18)
    assert draft["participant_iso3"] == ["MLI", "MRT"]
    assert draft["funders"] == ["Government of Japan"]


def test_every_evidence_points_at_its_words():
    text = ("Workshop on border management in Bamako\n\nBamako – In cooperation with the Malian Ministry for "
            "Security and Protection, IOM held a five-day training (25-29 September) for 10 Malian border "
            "officials at the Maison de Partenariat in Bamako, funded by the Government of Japan.")
    draft = draft_record(read_text(text))
    data = draft.as_json()
    assert data["organisers"] == ["Malian Ministry for Security and Protection",
                                  "International Organization for Migration"]
    for field, spans in data["evidence"].items():
        for span in spans:
            assert draft.text[span["start"]:span["end"]] == span["text"], field


def test_a_field_not_stated_stays_empty():
    data = draft_of("Border management news\n\nThe border management community met to discuss how "
                    "cooperation between agencies could improve, and agreed to continue the dialogue "
                    "in the coming months with all partners concerned.")
    assert data["start_date"] is None and data["date_text"] is None and data["city"] is None
    assert data["host_iso3"] is None and data["participants"] is None
    assert data["participant_iso3"] == [] and data["organisers"] == [] and data["funders"] == []


@pytest.mark.parametrize("path", sorted((Path(__file__).parent / "gold").glob("[0-9][0-9]-*.txt")),
                         ids=lambda p: p.stem[:2])
def test_every_gold_draft_meets_the_contract(path):
    draft = draft_record(read_path(path))
    assert isinstance(draft, Draft)
    validate_draft(json.loads(json.dumps(draft.as_json())))


def test_the_schema_rejects_a_wrong_draft():
    draft = draft_of("Workshop on border management in Bamako\n\nIOM held a five-day training on border "
                     "management (25-29 September) for 10 Malian border officials in Bamako, Mali, with "
                     "partners from the region and the government.")
    draft["start_date"] = "25/09/2017"
    with pytest.raises(jsonschema.ValidationError, match="25/09/2017"):
        validate_draft(draft)


def test_topics_named_only_inside_a_body_or_a_caption_are_not_the_release_s():
    draft = draft_of("Border guards of Jordan trained on the eastern frontier\n\n"
                     "[Photo] The Minister of Foreign Affairs and Expatriates greets a delegation.\n\n"
                     "On 3 May 2021 the Jordanian border guards finished a course on border security in "
                     "Ruwaished, run by the State Customs Service and IOM. The course on border security "
                     "belongs to the Cross-Border Cooperation Component of a wider programme.")
    assert "border_security" in draft["topics"]
    assert not {"diaspora", "customs", "coordinated_border_management"} & set(draft["topics"])


def test_consecutive_days_listed_with_and_are_one_stretch():
    draft = draft_of("Immigration officials of Iran trained on Kish Island\n\nIOM and the Government of Iran "
                     "will run a two-day workshop on border management on 21st and 22nd February for 70 "
                     "officials of the Ministry of Interior, paid for by the Government of Japan.")
    assert draft["date_text"] == "XXXX-02-21/XXXX-02-22" and draft["start_date"] is None
    separate = draft_of("Border officers trained in Niamey\n\nIOM trained 20 Nigerien border officers in "
                        "Niamey on border management on 6, 8 and 10 December 2018, in three sessions.")
    assert separate["date_text"] == "{2018-12-06,2018-12-08,2018-12-10}"


def test_a_count_before_a_list_of_demonyms_is_the_participants():
    draft = draft_of("IOM trains immigration officers of East Africa in Moshi\n\nMoshi — IOM held a one-week "
                     "regional workshop on migration management from 26 to 30 November 2018 in Moshi. It "
                     "gathered 15 Somali, Kenyan and Tanzanian immigration officers from airports and ports.")
    assert draft["participants"] == 15
    assert evidence(draft, "participants") == ["15 Somali, Kenyan and Tanzanian immigration officers"]
    assert draft["participant_iso3"] == ["SOM", "KEN", "TZA"]


def test_a_dateline_that_starts_with_the_dates_names_the_city():
    draft = draft_of("Customs and border police of the Western Balkans on a study visit\n\n"
                     "26-30 September, Istanbul, Türkiye: UNODC and the Turkish Counter Narcotics Training "
                     "Academy (NEA) ran a five-day study visit on risk analysis for 12 officials from "
                     "Albania, North Macedonia and Serbia.")
    assert (draft["city"], draft["host_iso3"]) == ("Istanbul", "TUR")
    assert draft["date_text"] == "XXXX-09-26/XXXX-09-30"
    assert draft["participant_iso3"] == ["ALB", "MKD", "SRB"]
