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
from crossings.languages import N_


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
        if len(own) == 1:
            [source] = own
            message = N_("is marked held, but its only source ({source}, published {published}) was "
                         "published before the event started on {start} (an announcement):")
            values = (("source", source), ("published", published[source]))
        else:
            first, second = sorted(own)
            message = N_("is marked held, but its only source ({source}, published {published}, "
                         "{other_source}, published {other_published}) was published before the event "
                         "started on {start} (an announcement):")
            values = (("source", first), ("published", published[first]), ("other_source", second),
                      ("other_published", published[second]))
        problems.append(Problem(
            "events.csv", int(row), "status", "held",
            N_("announced, or a source published after it started that reports it held"),
            ERROR, message, (*values, ("start", event["start_date"]))))
    return problems


def groups_without_members(groups: pd.DataFrame, members: pd.DataFrame) -> list[Problem]:
    """Groups with no member row that loaded: a group reaches countries only through the
    members a source gives, so one without any cannot stand in for countries."""
    with_members = set(members["group_id"])
    empty = groups[~groups["group_id"].isin(with_members)]
    return [Problem("groups.csv", int(row), "group_id", group_id,
                    N_("at least one row in group_members.csv, with the source that lists the member"),
                    ERROR, N_("group has no members (none listed, or every member row was left out):"))
            for row, group_id in zip(empty.index, empty["group_id"], strict=True)]
