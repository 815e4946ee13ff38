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
    def call_emergency(self) -> str:
        """'call 999', or, where Between knows no number, the words to find one."""
        return f"call {self.emergency}" if self.emergency else \
            "call your local emergency number"

    @property
    def first_phone_line(self) -> Line | None:
        return next((line for line in self.lines if line.phone), None)


@dataclass(frozen=True)
class Directory:
    countries: dict[str, Country]  # with helplines
    default_country: str
    international: dict
    emergency_only: dict[str, Country]  # the emergency number and nothing else yet


# Somewhere Between has nothing for: Find A Helpline leads, and no number is guessed.
OTHER = "OTHER"
ELSEWHERE = Country(code=OTHER, name="where you are", emergency="", emergency_also="",
                    emergency_source="", verified=date(2026, 11, 30), lines=())


@dataclass(frozen=True)
class Where:
    """The country whose help is shown, and why: a choice made now, the client's own
    setting, an earlier choice on this device, their clinic's, or this installation's."""

    country: Country
    how: str  # "choice", "setting", "device", "clinic" or "default"

    @property
    def has_lines(self) -> bool:
        return bool(self.country.lines)


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
    only = raw["emergency_only"]
    emergency_only = {
        code: Country(code=code, name=name, emergency=only["number"], emergency_also="",
                      emergency_source=only["source"], verified=only["verified"], lines=())
        for code, name in only["countries"].items()
    }
    return Directory(countries=countries, default_country=raw["default_country"],
                     international=raw["international"], emergency_only=emergency_only)


def default_country() -> Country:
    d = directory()
    return d.countries.get(settings.DEFAULT_COUNTRY.upper()) or d.countries[d.default_country]


def lookup(code: str | None) -> Country | None:
    """A country by its code: one with helplines, one with only its emergency number, or
    ELSEWHERE for "somewhere else". None for anything else."""
    code = (code or "").strip().upper()
    d = directory()
    if code == OTHER:
        return ELSEWHERE
    return d.countries.get(code) or d.emergency_only.get(code)


def choices() -> list[tuple[str, str]]:
    """Every country a person can pick, by name, then "somewhere else"."""
    d = directory()
    known = sorted([*d.countries.values(), *d.emergency_only.values()], key=lambda c: c.name)
    return [(c.code, c.name) for c in known] + [(OTHER, "Somewhere else")]


def clinic_country(user) -> str:
    """The country of the client's clinic: their own, else their first clinician's."""
    if getattr(user, "clinic", None) is not None:
        return user.clinic.country
    from between.accounts.models import CareLink

    return (CareLink.objects.active().filter(client=user, clinician__clinic__isnull=False)
            .values_list("clinician__clinic__country", flat=True).first() or "")


def where(request, choice: str | None = None) -> Where:
    """Whose help to show, in this order:

    1. a choice made now (?country=), if it names a country we know;
    2. the signed-in person's own setting;
    3. an earlier choice on this device (a cookie);
    4. their clinic's country;
    5. this installation's default (BETWEEN_DEFAULT_COUNTRY).
    The browser's language never decides it: a Londoner whose browser says en-US is
    still in London.
    """
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    steps = [(choice, "choice"), (user.country if signed_in else "", "setting"),
             (request.COOKIES.get(COOKIE), "device"),
             (clinic_country(user) if signed_in else "", "clinic")]
    for code, how in steps:
        if country := lookup(code):
            return Where(country, how)
    return Where(default_country(), "default")


def country_for(request, choice: str | None = None) -> Country:
    return where(request, choice).country


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
    if d.emergency_only and next(iter(d.emergency_only.values())).verified < cutoff:
        found.append(("EU", "112 in the other EU countries",
                      next(iter(d.emergency_only.values())).verified))
    if d.international["verified"] < cutoff:
        found.append(("--", d.international["name"], d.international["verified"]))
    return found
