"""What the peers share: reading docket's own timeline files with tomllib and the rule text."""
import os
import re
import tomllib

PERIOD = re.compile(r"^(\d+) (court days|days|weeks)( before)?( \+ mail)?$")


def load(folder):
    """Every timeline file in `folder`: a list of (calendar, events, deadlines)."""
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as f:
                doc = tomllib.load(f)
            out.append((doc["timeline"].get("calendar", "us-federal"), doc.get("event", []), doc.get("deadline", [])))
    return out


def parse(period):
    m = PERIOD.match(period)
    n, unit, before, mail = int(m.group(1)), m.group(2), bool(m.group(3)), bool(m.group(4))
    if unit == "weeks":
        n, unit = n * 7, "days"
    return n, unit, before, mail
