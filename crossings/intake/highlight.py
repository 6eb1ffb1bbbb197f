"""The release's text as HTML with the words behind each proposed value marked.

Built from escaped text only: every character of the release goes through html_text, so a
release holding <script> or an onerror= attribute shows those characters and nothing runs.
The marks themselves are the only markup, and their labels (field and value) are escaped too.
Where two pieces of evidence overlap, the first one (then the longer) is marked.
"""

from __future__ import annotations

from crossings.intake.numbers import amount_text
from crossings.languages import N_, _
from crossings.text.escaping import html_text

# one colour per kind of field, from the palette's calm tints (readable behind dark text)
FIELD_COLOURS = {
    "dates": "#fde7a8", "place": "#cde8f6", "people": "#d9f0d3", "organisations": "#eadcf5",
    "money": "#f8d9c4", "other": "#e6e6e6",
}
FIELD_GROUPS = {
    "start_date": "dates", "end_date": "dates", "date_text": "dates", "published": "dates",
    "city": "place", "host_iso3": "place", "participants": "people", "participant_iso3": "people",
    "participant_groups": "people", "organisers": "organisations", "funders": "organisations",
    "instruments": "organisations", "publisher": "organisations", "budget": "money",
}
FIELD_LABELS = {  # looked up with _() where shown
    "kind": N_("kind"), "status": N_("status"), "start_date": N_("start"), "end_date": N_("end"),
    "date_text": N_("dates"), "published": N_("published"), "city": N_("city"),
    "host_iso3": N_("host country"), "participants": N_("participants"),
    "participant_iso3": N_("participating country"), "participant_groups": N_("group"),
    "organisers": N_("organiser"), "funders": N_("funder"), "instruments": N_("instrument"),
    "budget": N_("budget"), "topics": N_("topic"), "publisher": N_("publisher"), "title": N_("title"),
}
# A long address or other unbroken word wraps inside the box (it ran out of it, on the left of a
# right-to-left page). On paper the box grows to the whole release: its scrolling cut it at 34rem.
_STYLE = ("<style>.crossings-release{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.6;"
          "font-size:0.95rem;max-height:34rem;"
          "overflow-y:auto;padding:0.75rem;border:1px solid #d0d0d0;border-radius:0.5rem;background:#fff;"
          "color:#222}.crossings-release mark{padding:0 0.1em;border-radius:0.2em;color:inherit}"
          ".crossings-release mark small{font-size:0.7em;color:#444;margin-left:0.2em}"
          "@media print{.crossings-release{max-height:none;overflow:visible}}</style>")


def _value_text(value) -> str:
    if isinstance(value, dict) and "amount" in value:
        return f"{amount_text(value['amount'])} {value['currency']}"
    return str(value)


def marks(evidence: dict[str, list[dict]]) -> list[tuple[int, int, str, str]]:
    """(start, end, field, label) of each span to mark, without overlaps, in text order."""
    spans = []
    for field, items in evidence.items():
        if field not in FIELD_LABELS or field == "title":
            continue
        for item in items:
            label = f"{_(FIELD_LABELS[field])}: {_value_text(item['value'])}"
            spans.append((item["start"], item["end"], field, label))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            if span[:2] == kept[-1][:2] and span[3] not in kept[-1][3]:  # the same words, another field
                start, end, field, label = kept[-1]
                kept[-1] = (start, end, field, f"{label}; {span[3]}")
            continue
        kept.append(span)
    return kept


def highlighted_html(text: str, evidence: dict[str, list[dict]]) -> str:
    """The whole text, escaped, with <mark> around the evidence and its field named after it."""
    parts = [_STYLE, '<div class="crossings-release">']
    position = 0
    for start, end, field, label in marks(evidence):
        if start < position or end > len(text):
            continue
        colour = FIELD_COLOURS[FIELD_GROUPS.get(field, "other")]
        parts.append(html_text(text[position:start]))
        words = html_text(text[start:end])
        parts.append(f'<mark style="background:{colour}" title="{html_text(label)}">{words}'
                     f"<small>{html_text(_(FIELD_LABELS[field]))}</small></mark>")
        position = end
    parts.append(html_text(text[position:]))
    parts.append("</div>")
    return "".join(parts)
