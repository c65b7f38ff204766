#!/usr/bin/env python3
"""Generates tests/fixtures/hebrew-calendar.tsv, the reference table for the Hebrew calendar.

The conversion in src/dates/hebrew_calendar.rs is checked against pyluach, an established
calendar library, here used only to produce the table (it is not needed at run time or in CI):

    pip install pyluach==2.3.0
    python3 scripts/gen_hebrew_calendar.py > tests/fixtures/hebrew-calendar.tsv

Rows cover 1800-2200: Rosh Hashana of every year (year lengths and dehiyyot), the edge days
of every month that varies (30 Heshvan, 30 Kislev, 30 Adar I, 29 Adar II), Purim and
Passover of every year, and a day every 61 days in between.
Columns: gregorian (YYYY-MM-DD), hebrew year, month (Nisan = 1 ... Adar II = 13), day,
days in that Hebrew year, and pyluach's Hebrew string for the day.
"""
import datetime
from pyluach import dates, hebrewcal

rows = {}


def add(h):
    g = h.to_greg()
    if not (1800 <= g.year <= 2200):
        return
    length = (dates.HebrewDate(h.year + 1, 7, 1) - dates.HebrewDate(h.year, 7, 1))
    rows[(g.year, g.month, g.day)] = (h.year, h.month, h.day, int(length), h.hebrew_date_string())


for hy in range(5560, 5962):
    add(dates.HebrewDate(hy, 7, 1))
    add(dates.HebrewDate(hy, 1, 15))
    leap = hebrewcal.Year(hy).leap
    add(dates.HebrewDate(hy, 13 if leap else 12, 14))
    for (m, d) in [(8, 29), (9, 29), (12, 29), (6, 29), (10, 1)]:
        add(dates.HebrewDate(hy, m, d))
    for (m, d) in [(8, 30), (9, 30), (12, 30), (13, 29)]:
        try:
            add(dates.HebrewDate(hy, m, d))
        except ValueError:
            pass

day = datetime.date(1800, 1, 1)
while day <= datetime.date(2200, 12, 31):
    add(dates.GregorianDate(day.year, day.month, day.day).to_heb())
    day += datetime.timedelta(days=61)

print("# gregorian\thebrew_year\thebrew_month\thebrew_day\tyear_length\tpyluach_string")
for (y, m, d), (hy, hm, hd, length, s) in sorted(rows.items()):
    print(f"{y:04}-{m:02}-{d:02}\t{hy}\t{hm}\t{hd}\t{length}\t{s}")
