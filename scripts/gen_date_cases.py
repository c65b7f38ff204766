#!/usr/bin/env python3
"""Generates tests/fixtures/dates-generated.tsv: systematic cases for the date engine.

The hand-written, news-style cases live in tests/fixtures/dates.tsv; this file adds
breadth (every month spelling, every weekday, holidays across several document dates,
Hebrew dates across two centuries, relative arithmetic) with expected values computed
independently of the Rust code: Python's datetime for Gregorian arithmetic and ISO weeks,
pyluach for the Hebrew calendar. pyluach is needed only to regenerate the file:

    pip install pyluach==2.3.0
    python3 scripts/gen_date_cases.py > tests/fixtures/dates-generated.tsv

Same format as dates.tsv: family, document date, sentence, expected spans.
"""
import datetime as dt
import random

from pyluach import dates, hebrewcal

rng = random.Random(20240604)
rows = []


def add(family, dct, text, expected):
    rows.append((family, dct.isoformat() if dct else "-", text, expected))


MONTHS = [
    (1, ["ינואר"]), (2, ["פברואר"]), (3, ["מרץ", "מרס", "מארס"]), (4, ["אפריל"]),
    (5, ["מאי"]), (6, ["יוני"]), (7, ["יולי"]), (8, ["אוגוסט"]), (9, ["ספטמבר"]),
    (10, ["אוקטובר"]), (11, ["נובמבר"]), (12, ["דצמבר"]),
]
ABBR = [(1, "ינו"), (2, "פבר"), (4, "אפר"), (8, "אוג"), (9, "ספט"), (10, "אוק"), (11, "נוב"), (12, "דצמ")]


def rand_date(lo=1950, hi=2030):
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


def israeli_week(d):
    if d.isoweekday() == 7:
        d = d + dt.timedelta(days=1)
    y, w, _ = d.isocalendar()
    return f"{y:04}-W{w:02}"


# Gregorian day-month-year with every month spelling, and month-year.
for m, names in MONTHS:
    for name in names:
        for _ in range(2):
            y = rng.randint(1948, 2030)
            d = rng.randint(1, 28)
            add("gen-gregorian", None, f"הפגישה נערכה ב-{d} ב{name} {y} במשרדי החברה.",
                f"DATE:{d} ב{name} {y}=>{y:04}-{m:02}-{d:02}")
        y = rng.randint(1948, 2030)
        add("gen-month", None, f"הנתונים פורסמו ב{name} {y} על ידי הלשכה.", f"DATE:{name} {y}=>{y:04}-{m:02}")
for m, a in ABBR:
    y = rng.randint(1990, 2030)
    d = rng.randint(1, 28)
    add("gen-gregorian", None, f"עודכן {d} {a}' {y}.", f"DATE:{d} {a}' {y}=>{y:04}-{m:02}-{d:02}")

# Day-month without a year, resolved from document dates (most recent on or before).
for _ in range(20):
    dct = rand_date(2000, 2030)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    cand = dt.date(dct.year, m, d)
    if cand > dct:
        cand = dt.date(dct.year - 1, m, d)
    name = MONTHS[m - 1][1][0]
    add("gen-gregorian", dct, f"ב-{d} ב{name} נחשף הדו\"ח.", f"DATE:{d} ב{name}=>{cand.isoformat()}")

# Numeric dates, day first.
for _ in range(25):
    day = rand_date(1951, 2040)
    fmt = rng.choice(["dot4", "slash4", "dot2", "slash2", "iso"])
    if fmt == "dot4":
        s = f"{day.day}.{day.month}.{day.year}"
    elif fmt == "slash4":
        s = f"{day.day:02}/{day.month:02}/{day.year}"
    elif fmt == "dot2":
        if not (1950 <= day.year <= 2049):
            continue
        s = f"{day.day}.{day.month}.{day.year % 100:02}"
    elif fmt == "slash2":
        if not (1950 <= day.year <= 2049):
            continue
        s = f"{day.day:02}/{day.month:02}/{day.year % 100:02}"
    else:
        s = day.isoformat()
    add("gen-numeric", None, f"המסמך נחתם ב-{s} בירושלים.", f"DATE:{s}=>{day.isoformat()}")

# Cued bare years and years after שנת.
for _ in range(12):
    y = rng.randint(1900, 2030)
    cue = rng.choice(["ב-", "מ-", "עד ", "מאז ", "בשנת ", "לעומת "])
    span = f"שנת {y}" if cue == "בשנת " else f"{y}"
    add("gen-year", None, f"המגמה נמשכה {cue}{y} ברוב הענפים.", f"DATE:{span}=>{y:04}")
for _ in range(10):
    q = rng.randint(1000, 9999)
    unit = rng.choice(["שקלים", "איש", "דולר", "נקודות", "ק\"מ", "מטר"])
    add("gen-reject", None, f"נרשמו ב-{q} {unit} בלבד.", "-")
for _ in range(6):
    a, b = rng.randint(1, 99), rng.randint(1000000, 9999999)
    add("gen-reject", None, f"לפרטים: 0{a:02}-{b}.", "-")
for _ in range(6):
    add("gen-reject", None, f"גרסה {rng.randint(1,20)}.{rng.randint(0,9)}.{rng.randint(0,30)} שוחררה.", "-")
for _ in range(6):
    a, b = rng.randint(60, 130), rng.randint(60, 130)
    add("gen-reject", None, f"הקבוצה ניצחה {a}:{b} אחרי הארכה.", "-")

# Hebrew calendar dates with pyluach's own spelling (gershayim ״ and geresh ׳).
HEB_MONTH = {8: "חשון"}
for _ in range(40):
    g = rand_date(1900, 2100)
    h = dates.GregorianDate(g.year, g.month, g.day).to_heb()
    month = hebrewcal.Month(h.year, h.month).month_name(hebrew=True)
    day, year = h.hebrew_day(), h.hebrew_year()
    if rng.random() < 0.5:
        text = f"הטקס נערך ביום {day} ב{month} {year} בבית הכנסת."
    else:
        text = f"הטקס נערך ב-{day} ב{month} {year} בבית הכנסת."
    add("gen-hebrew", None, text, f"DATE:{day} ב{month} {year}=>{g.isoformat()}")


# Holidays nearest the document date (pyluach for the Hebrew calendar, the memorial-day
# rules written out again here).
def holiday_in(name, hy):
    H = dates.HebrewDate
    leap = hebrewcal.Year(hy).leap
    if name == "ראש השנה":
        return H(hy, 7, 1).to_pydate()
    if name == "יום כיפור":
        return H(hy, 7, 10).to_pydate()
    if name == "חג הסוכות":
        return H(hy, 7, 15).to_pydate()
    if name == "חנוכה":
        return H(hy, 9, 25).to_pydate()
    if name == "פורים":
        return H(hy, 13 if leap else 12, 14).to_pydate()
    if name == "פסח":
        return H(hy, 1, 15).to_pydate()
    if name == "ל\"ג בעומר":
        return H(hy, 2, 18).to_pydate()
    if name == "חג השבועות":
        return H(hy, 3, 6).to_pydate()
    if name == "תשעה באב":
        d = H(hy, 5, 9).to_pydate()
        return d + dt.timedelta(days=1) if d.isoweekday() == 6 else d
    if name in ("יום העצמאות", "יום הזיכרון"):
        d = H(hy, 2, 5).to_pydate()
        wd = d.isoweekday()  # Mon=1 .. Sun=7
        if wd == 5:
            d -= dt.timedelta(days=1)
        elif wd == 6:
            d -= dt.timedelta(days=2)
        elif wd == 1 and hy >= 5764:
            d += dt.timedelta(days=1)
        return d - dt.timedelta(days=1) if name == "יום הזיכרון" else d
    if name == "יום השואה":
        d = H(hy, 1, 27).to_pydate()
        if d.isoweekday() == 5:
            d -= dt.timedelta(days=1)
        elif d.isoweekday() == 7:
            d += dt.timedelta(days=1)
        return d
    raise ValueError(name)


HOLIDAYS = ["ראש השנה", "יום כיפור", "חג הסוכות", "חנוכה", "פורים", "פסח", "ל\"ג בעומר",
            "חג השבועות", "תשעה באב", "יום העצמאות", "יום הזיכרון", "יום השואה"]
for _ in range(6):
    dct = rand_date(2005, 2030)
    hy = dates.GregorianDate(dct.year, dct.month, dct.day).to_heb().year
    for name in HOLIDAYS:
        cands = [holiday_in(name, y) for y in (hy - 1, hy, hy + 1)]
        best = min(cands, key=lambda c: abs((c - dct).days))
        add("gen-holiday", dct, f"לקראת {name} הוגברה הכוננות.", f"DATE:{name}=>{best.isoformat()}")

# Relative expressions.
NUM = {2: "שני", 3: "שלושה", 4: "ארבעה", 5: "חמישה", 6: "שישה", 7: "שבעה", 8: "שמונה", 9: "תשעה", 10: "עשרה"}
for _ in range(8):
    dct = rand_date(2000, 2030)
    one = dt.timedelta(days=1)
    add("gen-relative", dct, "אתמול פורסם הדו\"ח.", f"DATE:אתמול=>{(dct - one).isoformat()}")
    add("gen-relative", dct, "מחר יפורסם הדו\"ח.", f"DATE:מחר=>{(dct + one).isoformat()}")
    n = rng.randint(3, 10)
    add("gen-relative", dct, f"לפני {NUM[n]} ימים פורסם הדו\"ח.",
        f"DATE:לפני {NUM[n]} ימים=>{(dct - n * one).isoformat()}")
    add("gen-relative", dct, "בשבוע שעבר פורסם הדו\"ח.", f"DATE:שבוע שעבר=>{israeli_week(dct - 7 * one)}")
    add("gen-relative", dct, "בשבוע הבא יפורסם הדו\"ח.", f"DATE:שבוע הבא=>{israeli_week(dct + 7 * one)}")
    idx = dct.year * 12 + dct.month - 1 - 2
    y, m = idx // 12, idx % 12 + 1
    add("gen-relative", dct, "לפני חודשיים פורסם הדו\"ח.", f"DATE:לפני חודשיים=>{y:04}-{m:02}")
    add("gen-relative", dct, "בשנה שעברה פורסם הדו\"ח.", f"DATE:שנה שעברה=>{dct.year - 1:04}")

# Weekdays: the most recent one, or the next with הקרוב.
WD = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי"]  # Sunday..Friday
for _ in range(4):
    dct = rand_date(2010, 2030)
    today = dct.isoweekday() % 7  # Sunday = 0
    for wd, name in enumerate(WD):
        back = (today - wd) % 7
        add("gen-weekday", dct, f"ביום {name} התכנסה הוועדה.",
            f"DATE:יום {name}=>{(dct - dt.timedelta(days=back)).isoformat()}")
    wd = rng.randint(0, 5)
    ahead = (wd - today) % 7 or 7
    add("gen-weekday", dct, f"ביום {WD[wd]} הקרוב תתכנס הוועדה.",
        f"DATE:יום {WD[wd]} הקרוב=>{(dct + dt.timedelta(days=ahead)).isoformat()}")

# Durations.
UNITS = [("ימים", "D"), ("שבועות", "W"), ("חודשים", "M"), ("שנים", "Y")]
FEM = {2: "שתי", 3: "שלוש", 4: "ארבע", 5: "חמש", 6: "שש", 7: "שבע", 8: "שמונה", 9: "תשע", 10: "עשר"}
for _ in range(16):
    n = rng.randint(3, 10)
    unit, code = rng.choice(UNITS)
    word = FEM[n] if unit == "שנים" else NUM[n]
    add("gen-duration", None, f"הדיונים נמשכו {word} {unit} ללא הכרעה.", f"DATE:{word} {unit}=>P{n}{code}")
for n in (12, 18, 24, 36, 48):
    add("gen-duration", None, f"ההלוואה ניתנת ל-{n} חודשים.", f"DATE:{n} חודשים=>P{n}M")

# Decades and centuries.
for n in (30, 40, 50, 60, 70, 80, 90):
    add("gen-decade", None, f"בשנות ה-{n} התרחבה העיר.", f"DATE:שנות ה-{n}=>19{n // 10}X")
for n in (17, 18, 19, 20, 21):
    add("gen-decade", None, f"במהלך המאה ה-{n} גדלה האוכלוסייה.", f"DATE:המאה ה-{n}=>{n - 1}XX")

# Clock times.
for _ in range(12):
    hh, mm = rng.randint(0, 23), rng.choice([0, 15, 30, 45, 5, 50])
    add("gen-time", None, f"האירוע החל בשעה {hh:02}:{mm:02} ונמשך זמן רב.",
        f"TIME:שעה {hh:02}:{mm:02}=>T{hh:02}:{mm:02}")

print("# Generated by scripts/gen_date_cases.py; do not edit by hand.")
print("# family\tdct\ttext\texpected")
for r in rows:
    print("\t".join(r))
