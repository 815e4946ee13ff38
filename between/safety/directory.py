"""The crisis-line directory: a data file, read once, with the rules for choosing a country."""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings

CONTENT = Path(__file__).resolve().parent / "content"
COOKIE = "between_country"


@dataclass(frozen=True)
class Line:
    name: str
    hours: str
    audience: str
    languages: tuple[str, ...]
    cost: str
    source: str
    verified: date
    checked: str
    phone: str = ""
    sms: str = ""
    sms_keyword: str = ""
    chat_url: str = ""

    @property
    def tel_href(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit())

    @property
    def sms_href(self) -> str:
        number = "".join(ch for ch in self.sms if ch.isdigit())
        # "?&body=" is the form both iOS and Android messaging apps accept.
        return f"sms:{number}?&body={self.sms_keyword}" if self.sms_keyword else f"sms:{number}"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    emergency_also: str
    emergency_source: str
    verified: date
    lines: tuple[Line, ...]

    @property
    def emergency_href(self) -> str:
        return f"tel:{self.emergency}"

    @property
    def first_phone_line(self) -> Line | None:
        return next((line for line in self.lines if line.phone), None)


@dataclass(frozen=True)
class Directory:
    countries: dict[str, Country]
    default_country: str
    international: dict


def _line(raw: dict) -> Line:
    return Line(name=raw["name"], hours=raw["hours"], audience=raw["for"],
                languages=tuple(raw.get("languages", ())), cost=raw.get("cost", ""),
                source=raw["source"], verified=raw["verified"], checked=raw["checked"],
                phone=raw.get("phone", ""), sms=raw.get("sms", ""),
                sms_keyword=raw.get("sms_keyword", ""), chat_url=raw.get("chat_url", ""))


@cache
def directory() -> Directory:
    raw = tomllib.loads((CONTENT / "crisis_lines.toml").read_text())
    countries = {
        code: Country(code=code, name=c["name"], emergency=c["emergency"],
                      emergency_also=c.get("emergency_also", ""),
                      emergency_source=c["emergency_source"], verified=c["verified"],
                      lines=tuple(_line(line) for line in c["lines"]))
        for code, c in raw["countries"].items()
    }
    return Directory(countries=countries, default_country=raw["default_country"],
                     international=raw["international"])


def default_country() -> Country:
    d = directory()
    return d.countries.get(settings.DEFAULT_COUNTRY.upper()) or d.countries[d.default_country]


def lookup(code: str | None) -> Country | None:
    return directory().countries.get((code or "").strip().upper())


def _regions(header: str) -> list[str]:
    """Region subtags from Accept-Language, most preferred first: "en-GB,fr-CA;q=0.5"."""
    ranked = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        try:
            q = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            q = 0.0
        pieces = tag.strip().replace("_", "-").split("-")
        if len(pieces) >= 2 and len(pieces[-1]) == 2 and pieces[-1].isalpha():
            ranked.append((-q, i, pieces[-1].upper()))
    return [region for _, _, region in sorted(ranked)]


def country_for(request, choice: str | None = None) -> tuple[Country, str | None]:
    """A choice made now, then the saved choice, then the browser's languages, then the
    setting.

    Returns the country to show and, when the visitor seems to be somewhere we have no
    lines for, that place's code, so the page can say so and lead with the
    international directory. It never returns nothing.
    """
    saved = (choice or request.COOKIES.get(COOKIE) or "").strip().upper()
    if country := lookup(saved):
        return country, None
    regions = _regions(request.headers.get("Accept-Language", ""))
    for region in regions:
        if country := lookup(region):
            return country, None
    unmatched = saved or (regions[0] if regions else None)
    return default_country(), unmatched


def stale(today: date) -> list[tuple[str, str, date]]:
    """Entries whose details were last verified more than a year before `today`."""
    try:
        cutoff = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - 1, day=28)
    d = directory()
    found = []
    for country in d.countries.values():
        if country.verified < cutoff:
            found.append((country.code, f"Emergency number {country.emergency}",
                          country.verified))
        found.extend((country.code, line.name, line.verified)
                     for line in country.lines if line.verified < cutoff)
    if d.international["verified"] < cutoff:
        found.append(("--", d.international["name"], d.international["verified"]))
    return found
