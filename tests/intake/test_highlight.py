"""The release shown with its evidence marked is escaped text: hostile words in a release, in a
span marked as evidence or around it, never become markup."""

from __future__ import annotations

import itertools

from crossings.intake import draft_record, read_text
from crossings.intake.highlight import highlighted_html, marks
from tests.hostile import assert_inert_html, hostile_text, live_markup

RELEASE = ("IOM trains border officers in Juba\n\nIOM held a three-day workshop on border management in Juba "
           "from 12 to 19 October for 30 immigration officers of South Sudan, funded by the Government of "
           "Japan.")


@hostile_text
def test_hostile_text_around_and_inside_the_evidence_stays_text(hostile):
    text = f"{hostile}\n\n{RELEASE}\n\n{hostile}"
    draft = draft_record(read_text(text))
    html = highlighted_html(draft.text, draft.as_json()["evidence"])
    assert_inert_html(html.split("</style>", 1)[1], hostile)
    # a hostile value in a mark's label is escaped too
    start = draft.text.index("Juba")
    evidence = {"city": [{"value": hostile, "text": "Juba", "start": start, "end": start + 4}]}
    labelled = highlighted_html(draft.text, evidence).split("</style>", 1)[1]
    assert [tag for tag in live_markup(labelled) if tag not in ("mark", "small", "div")] == []


def test_marks_do_not_overlap_and_name_their_field():
    draft = draft_record(read_text(RELEASE)).as_json()
    found = marks(draft["evidence"])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))
    labels = {label for _, _, _, label in found}
    assert "participants: 30" in labels and "dates: XXXX-10-12/XXXX-10-19" in labels
    assert any(label.startswith("city: Juba; host country: SSD") for label in labels)  # one span, two fields
    html = highlighted_html(draft["title"] + "\n\n", {})
    assert "<mark" not in html
