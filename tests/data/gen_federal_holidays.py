"""Writes federal-holidays-1990-2040.csv: U.S. federal holidays as observed, 1990-2040, from the
`holidays` package (an implementation independent of docket's), for tests/it/independent.rs.

Run: python3 -m venv v && v/bin/pip install holidays==0.109 && v/bin/python gen_federal_holidays.py
"""
import csv
import datetime
import holidays

rows = []
for year in range(1990, 2041):
    # observed=True puts Saturday holidays on Friday and Sunday ones on Monday, as 5 U.S.C. 6103(b).
    for day, name in sorted(holidays.US(years=year, observed=True).items()):
        rows.append((day.isoformat(), name))
rows = sorted(set(r for r in rows if "1990-01-01" <= r[0] <= "2040-12-31"))
with open("federal-holidays-1990-2040.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date", "name"])
    w.writerows(rows)
print(len(rows), "rows, holidays", holidays.__version__)
