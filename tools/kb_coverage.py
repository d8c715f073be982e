#!/usr/bin/env python3
"""Coverage of the four core offices in the people knowledge base.

For every country of the required set (the G20 states, all of Europe, the post-Soviet
states, the Middle East and a few states with heavy news coverage) and each of the four
offices -- head of state (HOS), head of government (HOG), foreign minister (FM) and
defence minister (DM) -- print the date ranges between 2000-01-01 and 2026-11-29 that
no [[person.office]] in data/kb/people/*.toml covers, then a total.

Run from the repository root (python3, stdlib only):

    python3 tools/kb_coverage.py                    # every gap, grouped by country
    python3 tools/kb_coverage.py --min-days 30      # hide gaps shorter than 30 days
    python3 tools/kb_coverage.py --country POL,UKR  # only these countries
    python3 tools/kb_coverage.py --office FM,DM     # only these offices
    python3 tools/kb_coverage.py --group europe     # g20 | europe | postsoviet | mideast | news
    python3 tools/kb_coverage.py --sort days        # largest gaps first (a to-do list)
    python3 tools/kb_coverage.py --summary          # only the per-office totals

Rules:
  * An office covers the days from its "from" to its "to" (both inclusive); no "to" means
    in office on 2026-11-29. A gap is a run of days no holder of a matching role covers.
  * A role matches a country's office by its exact string ("Foreign Minister of Poland").
    The default strings are "President of X" (HOS), "Prime Minister of X" (HOG),
    "Foreign Minister of X" and "Defence Minister of X", with X the country's name as in
    countries.toml ("the" before the names that take it); ROLES below lists the
    exceptions (monarchs, chancellors, presidential systems, US secretaries ...).
    A role written "Role@YYYY-MM-DD" counts only from that day, "Role@..YYYY-MM-DD" only
    up to that day.
  * START moves the start of the period for offices created after 2000 (or states that
    became independent later); NO_OFFICE lists offices a state does not have; VACANT lists
    periods in which an office had no holder (with the reason), which are no gaps.
Exit status 0 always; the totals line is "TOTAL: <n> gaps, <d> days".
"""
import argparse
import datetime as dt
import glob
import os
import sys
import tomllib

BEGIN = dt.date(2000, 1, 1)
END = dt.date(2026, 11, 29)
OFFICES = ["HOS", "HOG", "FM", "DM"]

GROUPS = {
    "g20": "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA",
    "europe": "ALB AND AUT BEL BIH BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA "
              "XKX LVA LIE LTU LUX MLT MCO MNE NLD MKD NOR POL PRT ROU SMR SRB SVK SVN ESP "
              "SWE CHE GBR VAT",
    "postsoviet": "ARM AZE BLR EST GEO KAZ KGZ LVA LTU MDA RUS TJK TKM UKR UZB",
    "mideast": "BHR CYP EGY IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR ARE YEM",
    "news": "AFG PAK PRK TWN VEN",
}

THE = {"USA", "GBR", "NLD", "CZE", "ARE"}

UK_MONARCH = ["Queen of the United Kingdom", "King of the United Kingdom"]

# Exceptions to the default role strings: country -> office -> list of role strings.
ROLES = {
    "USA": {"HOS": ["President of the United States"],
            "HOG": ["President of the United States"],
            "FM": ["Secretary of State of the United States"],
            "DM": ["Secretary of Defense of the United States"]},
    "GBR": {"HOS": UK_MONARCH},
    "CAN": {"HOS": UK_MONARCH + ["King of Canada"]},
    "AUS": {"HOS": UK_MONARCH + ["King of Australia"]},
    "DEU": {"HOG": ["Chancellor of Germany"]},
    "AUT": {"HOG": ["Chancellor of Austria"],
            # 2016-07-08 .. 2017-01-26 the presidents of the National Council exercised the
            # head of state's functions as a college.
            "HOS": ["President of Austria",
                    "Acting head of state of Austria (college of the National Council presidents)"]},
    "CHN": {"HOG": ["Premier of China"]},
    "TWN": {"HOG": ["Premier of Taiwan"]},
    "JPN": {"HOS": ["Emperor of Japan"]},
    "ESP": {"HOS": ["King of Spain"]},
    "BEL": {"HOS": ["King of Belgium"]},
    "NLD": {"HOS": ["Queen of the Netherlands", "King of the Netherlands"]},
    "SWE": {"HOS": ["King of Sweden"]},
    "NOR": {"HOS": ["King of Norway"]},
    "DNK": {"HOS": ["Queen of Denmark", "King of Denmark"]},
    "LUX": {"HOS": ["Grand Duke of Luxembourg"]},
    "MCO": {"HOS": ["Prince of Monaco"], "HOG": ["Minister of State of Monaco"]},
    "LIE": {"HOS": ["Prince of Liechtenstein"]},
    "AND": {"HOS": ["President of France"], "HOG": ["Head of Government of Andorra"]},
    "SMR": {"HOS": ["Captain Regent of San Marino"],
            "HOG": ["Secretary of State for Foreign Affairs of San Marino"],
            "FM": ["Secretary of State for Foreign Affairs of San Marino"]},
    "VAT": {"HOS": ["Pope"], "HOG": ["Secretary of State of the Holy See"],
            "FM": ["Secretary for Relations with States of the Holy See"]},
    "CHE": {"HOG": ["President of Switzerland"]},
    "BIH": {"HOS": ["Chairman of the Presidency of Bosnia and Herzegovina"],
            "HOG": ["Chairman of the Council of Ministers of Bosnia and Herzegovina"]},
    "SRB": {"FM": ["Foreign Minister of Serbia", "Foreign Minister of Yugoslavia@..2003-02-04",
                   "Foreign Minister of Serbia and Montenegro@..2006-06-05"],
            "DM": ["Defence Minister of Serbia", "Defence Minister of Yugoslavia@..2003-02-04",
                   "Defence Minister of Serbia and Montenegro@..2006-06-05"]},
    "GEO": {"HOG": ["Prime Minister of Georgia", "State Minister of Georgia"]},
    "TKM": {"HOG": ["President of Turkmenistan"]},
    "TUR": {"HOG": ["Prime Minister of Turkey", "President of Turkey@2018-07-09"]},
    "IRN": {"HOS": ["Supreme Leader of Iran"], "HOG": ["President of Iran"]},
    "SAU": {"HOS": ["King of Saudi Arabia"],
            "HOG": ["King of Saudi Arabia", "Prime Minister of Saudi Arabia"]},
    "JOR": {"HOS": ["King of Jordan"]},
    "BHR": {"HOS": ["Emir of Bahrain", "King of Bahrain"]},
    "KWT": {"HOS": ["Emir of Kuwait"]},
    "QAT": {"HOS": ["Emir of Qatar"]},
    "OMN": {"HOS": ["Sultan of Oman"], "HOG": ["Sultan of Oman"]},
    "ARE": {"HOS": ["President of the United Arab Emirates"]},
    "YEM": {"HOS": ["President of Yemen",
                    "Chairman of the Presidential Leadership Council of Yemen"]},
    "PRK": {"HOS": ["Supreme Leader of North Korea"], "HOG": ["Premier of North Korea"]},
    "PAK": {"HOG": ["Prime Minister of Pakistan", "Chief Executive of Pakistan"]},
    "AFG": {"HOS": ["President of Afghanistan", "Supreme Leader of Afghanistan",
                    "Leader of the Taliban"],
            "HOG": ["President of Afghanistan", "Prime Minister of Afghanistan"]},
    "KOR": {"HOG": ["President of South Korea", "Prime Minister of South Korea"]},
}
# Presidential systems: the president heads the government too.
for _c in ["MEX", "BRA", "ARG", "IDN", "CYP", "ZAF", "VEN"]:
    ROLES.setdefault(_c, {})["HOG"] = None  # filled with the HOS roles below

START = {
    "MNE": {o: "2006-06-03" for o in OFFICES},
    "XKX": {o: "2008-02-17" for o in OFFICES},
    # Japan's Defense Agency became a ministry on 2007-01-09; its directors general
    # before that are not "Defence Minister of Japan".
    "JPN": {"DM": "2007-01-09"},
    # The Palestinian Authority's prime minister and foreign minister date from the Basic
    # Law amendment of 2003 (Abbas's and Shaath's cabinet, 2003-04-30).
    "PSE": {"HOG": "2003-04-30", "FM": "2003-04-30"},
    # Bosnia and Herzegovina's state defence ministry began on 2004-03-15.
    "BIH": {"DM": "2004-03-15"},
}
NO_OFFICE = {
    "ISL": {"DM"}, "LIE": {"DM"}, "AND": {"DM"}, "MCO": {"DM"}, "SMR": {"DM"},
    "VAT": {"DM"}, "XKX": {"DM"},
    # Malta has no defence ministry: the Armed Forces of Malta answer to the home
    # affairs minister, whose office is not a defence minister's in news or in PLOVER.
    "MLT": {"DM"},
    # The Palestinian Authority has no defence ministry.
    "PSE": {"DM"},
}

# Offices with no holder for a while: no gap of the knowledge base.
VACANT = {
    # Lebanon's presidency stood empty between presidents; the cabinet exercised its powers.
    "LBN": {"HOS": [("2007-11-24", "2008-05-24"), ("2014-05-25", "2016-10-30"),
                    ("2022-10-31", "2025-01-08")]},
    # Iraq under the Coalition Provisional Authority (2003-04-10 .. 2004-06-27): no Iraqi head
    # of state, government or defence minister (the Governing Council's monthly rotating
    # presidency is not a head of state's office).
    "IRQ": {**{o: [("2003-04-10", "2004-06-27")] for o in ("HOS", "HOG", "DM")},
            # (the first foreign minister after the invasion took office on 2003-09-03)
            "FM": [("2003-04-10", "2003-09-02")]},
    # Kyrgyzstan abolished its defence ministry in 2014 (the General Staff and a State
    # Committee for Defence Affairs took its place) and re-created it by decree on
    # 2021-02-01.
    "KGZ": {"DM": [("2014-04-05", "2021-02-03")]},
    # Syria's constitutional declaration of March 2025 has no prime minister: the
    # transitional government formed on 2025-03-29 is led by the president.
    "SYR": {"HOG": [("2025-03-30", "2026-11-29")]},
}


def parse_date(s):
    return dt.date.fromisoformat(s)


def load(root):
    with open(os.path.join(root, "data/kb/countries.toml"), "rb") as f:
        countries = {c["code"]: c["name"] for c in tomllib.load(f)["country"]}
    spans = {}  # role -> list of (from, to)
    for path in sorted(glob.glob(os.path.join(root, "data/kb/people/*.toml"))):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for p in data.get("person", []):
            for o in p.get("office", []):
                a = parse_date(o["from"]) if "from" in o else BEGIN
                b = parse_date(o["to"]) if "to" in o else END
                spans.setdefault(o["role"], []).append((a, b))
    return countries, spans


def roles_for(code, name, office):
    cname = ("the " + name) if code in THE else name
    default = {"HOS": [f"President of {cname}"], "HOG": [f"Prime Minister of {cname}"],
               "FM": [f"Foreign Minister of {cname}"], "DM": [f"Defence Minister of {cname}"]}
    r = ROLES.get(code, {})
    if office in r:
        if r[office] is None:
            return roles_for(code, name, "HOS")
        return r[office]
    return default[office]


def gaps_for(spans, roles, start, vacant=()):
    cover = list(vacant)
    for spec in roles:
        role, lo, hi = spec, BEGIN, END
        if "@" in spec:
            role, rng = spec.split("@", 1)
            if rng.startswith(".."):
                hi = parse_date(rng[2:])
            else:
                lo = parse_date(rng)
        for a, b in spans.get(role, []):
            a, b = max(a, lo, start), min(b, hi, END)
            if a <= b:
                cover.append((a, b))
    cover.sort()
    gaps, cur = [], start
    for a, b in cover:
        if a > cur:
            gaps.append((cur, a - dt.timedelta(days=1)))
        cur = max(cur, b + dt.timedelta(days=1))
    if cur <= END:
        gaps.append((cur, END))
    return gaps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), ".."))
    ap.add_argument("--min-days", type=int, default=1)
    ap.add_argument("--country", default="")
    ap.add_argument("--office", default="")
    ap.add_argument("--group", default="")
    ap.add_argument("--sort", choices=["country", "days"], default="country")
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()
    countries, spans = load(args.root)

    order = []
    groups = [args.group] if args.group else list(GROUPS)
    for g in groups:
        for c in GROUPS[g].split():
            if c not in order:
                order.append(c)
    if args.country:
        order = [c for c in order if c in set(args.country.split(","))] or args.country.split(",")
    offices = args.office.split(",") if args.office else OFFICES

    rows, per_office = [], {o: [0, 0] for o in OFFICES}
    for c in order:
        name = countries.get(c, c)
        for o in offices:
            if o in NO_OFFICE.get(c, ()):
                continue
            start = parse_date(START.get(c, {}).get(o, BEGIN.isoformat()))
            vacant = [(parse_date(x), parse_date(y)) for x, y in VACANT.get(c, {}).get(o, [])]
            for a, b in gaps_for(spans, roles_for(c, name, o), start, vacant):
                days = (b - a).days + 1
                if days < args.min_days:
                    continue
                rows.append((c, name, o, a, b, days))
                per_office[o][0] += 1
                per_office[o][1] += days
    if args.sort == "days":
        rows.sort(key=lambda r: -r[5])
    if not args.summary:
        for c, name, o, a, b, days in rows:
            print(f"{c}\t{name}\t{o}\t{a}\t{b}\t{days}")
    for o in offices:
        n, d = per_office[o]
        print(f"{o}: {n} gaps, {d} days")
    print(f"TOTAL: {len(rows)} gaps, {sum(r[5] for r in rows)} days "
          f"({len(order)} countries, {BEGIN}..{END})")


if __name__ == "__main__":
    sys.exit(main())
