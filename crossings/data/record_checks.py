"""Checks that read two tables at once, which the column declarations cannot express: an
event marked held whose only source was published before it started (that source announced
it, it cannot report it held), and a country group without a member (it would reach no
country, so whatever names it would silently count for nothing).

Each returns the problems it finds with the file, spreadsheet row, column and value, like
every other check; the loader leaves those rows out (crossings.data.loading).
"""

from __future__ import annotations

import pandas as pd

from crossings.data.problems import ERROR, Problem


def announced_as_held(events: pd.DataFrame, sources: pd.DataFrame) -> list[Problem]:
    """Events marked held whose own sources (the row's, and its date's if another) were all
    published before the event's first day. A source without a publication date, or one
    published on or after the start, may report it held: no problem."""
    published_last = dict(zip(sources["source_id"], sources["published_last"], strict=True))
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = []
    held = events[(events["status"] == "held") & events["start_date_first"].notna()]
    for row, event in zip(held.index, held.to_dict("records"), strict=True):
        own = {source for source in (event["source_id"], event["date_source_id"]) if isinstance(source, str)}
        dates = [published_last.get(source, pd.NaT) for source in own]
        if not own or any(pd.isna(date) or date >= event["start_date_first"] for date in dates):
            continue
        when = ", ".join(f"{source}, published {published[source]}" for source in sorted(own))
        problems.append(Problem(
            "events.csv", int(row), "status", "held",
            "announced, or a source published after it started that reports it held",
            ERROR, f"is marked held, but its only source ({when}) was published before the event "
                   f"started on {event['start_date']} (an announcement):"))
    return problems


def groups_without_members(groups: pd.DataFrame, members: pd.DataFrame) -> list[Problem]:
    """Groups with no member row that loaded: a group reaches countries only through the
    members a source gives, so one without any cannot stand in for countries."""
    with_members = set(members["group_id"])
    empty = groups[~groups["group_id"].isin(with_members)]
    return [Problem("groups.csv", int(row), "group_id", group_id,
                    "at least one row in group_members.csv, with the source that lists the member",
                    ERROR, "group has no members (none listed, or every member row was left out):")
            for row, group_id in zip(empty.index, empty["group_id"], strict=True)]
