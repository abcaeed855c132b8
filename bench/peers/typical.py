"""The typical script: tomllib + the `holidays` package in a loop + the `icalendar` package.

python typical.py DATA_DIR OUT.ics
"""
import datetime as dt
import sys

import holidays
from icalendar import Calendar, Event

from common import load, parse

federal = holidays.US(years=range(1985, 2046), observed=True)
colorado = holidays.US(subdiv="CO", years=range(1985, 2046), observed=True)


def closed(day, cal):
    return day.weekday() >= 5 or day in (colorado if cal in ("colorado", "co-courts") else federal)


cal_out = Calendar()
cal_out.add("prodid", "-//bench//typical//EN")
cal_out.add("version", "2.0")
for cal_name, events, deadlines in load(sys.argv[1]):
    when = {e["id"]: e["date"] for e in events if isinstance(e["date"], dt.date)}
    for d in deadlines:
        t = when.get(d["trigger"])
        if t is None:
            continue
        n, unit, before, mail = parse(d["period"])
        step = dt.timedelta(days=-1 if before else 1)
        due = t
        if unit == "court days":
            left = n
            while left:
                due += step
                if not closed(due, cal_name):
                    left -= 1
        else:
            due = t + step * n
        while closed(due, cal_name):
            due += step
        if mail:
            due += dt.timedelta(days=3)
            while closed(due, cal_name):
                due += dt.timedelta(days=1)
        when[d["id"]] = due
        ev = Event()
        ev.add("uid", f"{d['id']}@bench")
        ev.add("dtstamp", dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
        ev.add("dtstart", due)
        ev.add("dtend", due + dt.timedelta(days=1))
        ev.add("summary", f"Due: {d['title']}")
        cal_out.add_component(ev)
with open(sys.argv[2], "wb") as f:
    f.write(cal_out.to_ical())
