"""An IATI activity file, checked before anything is taken from it.

Safety first: the file is parsed by lxml with entity resolution, DTD loading and network access
all off, and a file that declares a DTD or entities at all is refused before parsing (IATI
files never need one; an "XML bomb" is nothing else). The schema check is the IATI 2.03
activity schema shipped in data/iati/ (never fetched). Activities are validated and handed on
one at a time as the file streams past, each inside a copy of the root element, so memory stays
bounded by the largest activity, not the file: a 50 MB publisher file is read in the space of
one activity.

Every problem names the file, the line and the schema's own message.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from crossings.files import IATI_SCHEMA_FILE
from crossings.languages import _, ngettext
from crossings.languages.numbers import number

SCHEMA_FILE = IATI_SCHEMA_FILE
SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")  # 1.x is refused; any other value is left to the schema
SNIFF_BYTES = 4096  # a DTD or entity declaration must come before the root element


class IatiFileError(Exception):
    """The file cannot be read as IATI 2.0x at all (not XML, a DTD, version 1.x, not activities)."""


@dataclass(frozen=True)
class SchemaProblem:
    line: int | None
    message: str

    def describe(self, name: str) -> str:
        """'activities.xml, line 12: <the schema's own message>', in the active language (the
        schema's message is lxml's, in English)."""
        if self.line:
            return _("{file}, line {line}: {message}").format(file=name, line=self.line, message=self.message)
        return _("{file}: {message}").format(file=name, message=self.message)


@dataclass
class ActivityFile:
    """What a whole file gave: its version, the activities that pass the schema (as elements), and
    the problems of those that do not."""

    name: str
    version: str
    activities: list = field(default_factory=list)  # what `take` kept of each valid activity
    problems: list[SchemaProblem] = field(default_factory=list)
    activities_seen: int = 0
    problems_not_listed: int = 0
    seen_problems: set[SchemaProblem] = field(default_factory=set, repr=False)

    @property
    def valid(self) -> bool:
        return not self.problems

    def problem_lines(self) -> list[str]:
        lines = [problem.describe(self.name) for problem in self.problems]
        if self.problems_not_listed:
            lines.append(ngettext("... and {count} more problem", "... and {count} more problems",
                                  self.problems_not_listed).format(count=number(self.problems_not_listed)))
        if not self.version and self.problems:
            lines.append(_("The file names no IATI version: files without one are usually IATI 1.x, "
                           "which Crossings does not read (it reads 2.01 to 2.03)."))
        return lines


@cache
def activity_schema() -> etree.XMLSchema:
    """The IATI 2.03 activity schema, loaded once; it includes iati-common.xsd and imports xml.xsd
    from beside it, with the network off."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE), parser))


def _check_prolog(head: bytes, name: str) -> None:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text:
        raise IatiFileError(_("{file}: the file is empty").format(file=name))
    if not text.startswith(b"<"):
        raise IatiFileError(_("{file}: this is not an XML file (IATI files are XML)").format(file=name))
    upper = head.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise IatiFileError(_(
            "{file}: the file declares a DTD or entities, which IATI files never need; it is "
            "refused unread (entity expansion can exhaust a server's memory)").format(file=name))


def _parser_events(stream: BinaryIO):
    return etree.iterparse(stream, events=("start", "end"), resolve_entities=False, load_dtd=False,
                           no_network=True, huge_tree=False, remove_comments=True)


def _wrapped(root: etree._Element, child: etree._Element | None) -> etree._Element:
    """A copy of the root element (its attributes, no children) holding one child: what the
    schema checks for each activity, so the root's own rules are checked too."""
    wrapper = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    wrapper.sourceline = root.sourceline
    if child is not None:
        wrapper.append(copy.deepcopy(child))
    return wrapper


MAX_PROBLEMS = 100  # listed; the rest are counted


def _add_problems(result: ActivityFile, schema: etree.XMLSchema) -> None:
    """The schema's messages, each once (a root-level error repeats for every activity)."""
    for error in schema.error_log:
        problem = SchemaProblem(error.line or None, error.message)
        if problem in result.seen_problems:
            continue
        result.seen_problems.add(problem)
        if len(result.problems) < MAX_PROBLEMS:
            result.problems.append(problem)
        else:
            result.problems_not_listed += 1


def read_activity_file(source: Path | str | bytes | BinaryIO, name: str | None = None,
                       take: Callable[[etree._Element], object | None] = copy.deepcopy) -> ActivityFile:
    """Stream an IATI file: refuse it whole (IatiFileError) when it is not IATI 2.0x XML, else
    validate each top-level element against the schema. Each activity that passes is handed to
    `take` while it is in memory; what `take` returns (unless None) is kept in `activities`. The
    element itself is let go afterwards, so keep what you need, not the element."""
    if isinstance(source, (str, Path)):
        name = name or Path(source).name
        with Path(source).open("rb") as stream:
            return _read(stream, name, take)
    if isinstance(source, bytes):
        return _read(io.BytesIO(source), name or "upload", take)
    return _read(source, name or "upload", take)


def _read(stream: BinaryIO, name: str, take: Callable[[etree._Element], object | None]) -> ActivityFile:
    head = stream.read(SNIFF_BYTES)
    _check_prolog(head, name)
    stream.seek(0)
    schema = activity_schema()
    result: ActivityFile | None = None
    root = None
    depth = 0
    try:
        for event, element in _parser_events(stream):
            if event == "start":
                depth += 1
                if depth == 1:
                    root = element
                    result = _start(root, name)
                continue
            depth -= 1
            if depth != 1:
                continue
            # a whole top-level element: check it inside a copy of the root, then let it go
            result.activities_seen += element.tag == "iati-activity"
            if schema.validate(etree.ElementTree(_wrapped(root, element))):
                kept = take(element) if element.tag == "iati-activity" else None
                if kept is not None:
                    result.activities.append(kept)
            else:
                _add_problems(result, schema)
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except etree.XMLSyntaxError as error:
        raise IatiFileError(_("{file}, line {line}: not well-formed XML: {reason}").format(
            file=name, line=error.lineno, reason=error.msg)) from None
    if result is None:
        raise IatiFileError(_("{file}: no XML element found").format(file=name))
    # the root alone (no activity in the file): the schema says whether that is allowed
    empty = result.activities_seen == 0 and not result.problems
    if empty and not schema.validate(etree.ElementTree(_wrapped(root, None))):
        _add_problems(result, schema)
    return result


def _start(root: etree._Element, name: str) -> ActivityFile:
    if root.tag != "iati-activities":
        if root.tag == "iati-organisations":
            raise IatiFileError(_("{file}: this is an IATI organisation file; import needs an activity "
                                  "file").format(file=name))
        raise IatiFileError(_("{file}, line {line}: the root element is <{tag}>, not <iati-activities>: "
                              "this is not an IATI activity file").format(file=name, line=root.sourceline,
                                                                          tag=root.tag))
    version = (root.get("version") or "").strip()
    if version.startswith("1.") or version == "1":
        raise IatiFileError(_(
            "{file}: this is an IATI {version} file; Crossings reads IATI 2.01 to 2.03 only. "
            "Ask the publisher for its current (2.0x) file, or convert it first.").format(
                file=name, version=version))
    return ActivityFile(name=name, version=version)
