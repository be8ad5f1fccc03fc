#!/usr/bin/env python3
"""Reads the check-in calendars Debrief writes with a real iCalendar parser
(python3-icalendar) and checks each event's summary, dates, description and
UID against what the fixture says they must be; and, since the parser is
lenient, checks RFC 5545's framing itself: CRLF line ends, physical lines of
at most 75 octets, each valid UTF-8 on its own (a fold never splits a
sequence), and TEXT values escaped (no bare comma or semicolon, only the
escapes \\\\ \\; \\, \\n).

Usage: check_ics.py FIXTURE_PROGRAM (tests/calendar/write_fixture.cpp; it
writes session.ics, inquiry.ics and expected.json into a directory)
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import icalendar

TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "X-WR-CALNAME")
# RFC 5545 §3.3.11: TEXT holds no bare , or ; and a backslash only in an escape.
ESCAPED_TEXT = re.compile(r"^(?:[^\\,;]|\\[\\,;nN])*$")
UID = re.compile(r"^check-in-[0-9]+-[0-9a-z.]+@debrief$")

failures = []


def fail(message):
    failures.append(message)


def check_framing(name, raw):
    if not raw.endswith(b"\r\n"):
        fail(f"{name}: does not end with CRLF")
    physical = raw.split(b"\r\n")[:-1]
    for number, line in enumerate(physical, 1):
        if b"\r" in line or b"\n" in line:
            fail(f"{name}, line {number}: a bare CR or LF")
        if len(line) > 75:
            fail(f"{name}, line {number}: {len(line)} octets (at most 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            fail(f"{name}, line {number}: not whole UTF-8 on its own ({error})")
    content = []
    for line in physical:
        if line.startswith(b" ") and content:
            content[-1] += line[1:]
        else:
            content.append(line)
    for line in content:
        text = line.decode("utf-8", errors="replace")
        prop, _, value = text.partition(":")
        if prop.split(";")[0] in TEXT_PROPERTIES and not ESCAPED_TEXT.match(value):
            fail(f"{name}: {prop} is not escaped TEXT: {value!r}")
    return content


def check_events(name, raw, expected, uids):
    calendar = icalendar.Calendar.from_ical(raw)
    for prop, value in (("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")):
        if str(calendar.get(prop)) != value:
            fail(f"{name}: {prop} is {calendar.get(prop)!r}, not {value!r}")
    if not str(calendar.get("PRODID", "")):
        fail(f"{name}: no PRODID")
    events = list(calendar.walk("VEVENT"))
    if len(events) != len(expected):
        fail(f"{name}: {len(events)} events, expected {len(expected)}")
    for number, (event, want) in enumerate(zip(events, expected), 1):
        where = f"{name}, event {number}"
        if str(event.get("SUMMARY")) != want["summary"]:
            fail(f"{where}: SUMMARY {str(event.get('SUMMARY'))!r}, expected {want['summary']!r}")
        description = event.get("DESCRIPTION")
        if (None if description is None else str(description)) != want["description"]:
            fail(f"{where}: DESCRIPTION {description!r}, expected {want['description']!r}")
        for prop, key in (("DTSTART", "start"), ("DTEND", "end")):
            value = event.decoded(prop, None)
            if type(value) is not datetime.date or value.isoformat() != want[key]:
                fail(f"{where}: {prop} {value!r}, expected the date {want[key]}")
        if event.decoded("DTSTAMP", None) is None:
            fail(f"{where}: no DTSTAMP")
        uid = str(event.get("UID", ""))
        if not UID.match(uid):
            fail(f"{where}: UID {uid!r} is not check-in-<created_at>-<item>@debrief")
        if uid in uids:
            fail(f"{where}: UID {uid} used twice")
        uids.add(uid)


def main():
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run([sys.argv[1], directory], check=True)
        with open(os.path.join(directory, "expected.json"), encoding="utf-8") as f:
            expected = json.load(f)
        uids = set()
        for name, events in expected["files"].items():
            with open(os.path.join(directory, name), "rb") as f:
                raw = f.read()
            for secret in expected["forbidden"]:
                if secret.encode() in raw:
                    fail(f"{name}: holds {secret!r}")
            check_framing(name, raw)
            check_events(name, raw, events, uids)
    for message in failures:
        print("FAIL:", message)
    if failures:
        return 1
    print(f"ok: {len(uids)} events in {len(expected['files'])} calendars read by icalendar {icalendar.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
