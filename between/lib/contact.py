"""Contact details in a piece of writing: phone numbers, email addresses, links, handles.

A peer circle keeps people inside a space the clinic moderates, so a post that would take
someone elsewhere waits for a moderator. This finds what such a post carries and says
what kind it is, so the writer can be told plainly; it decides nothing else.

Every pattern is a single pass with bounded repeats and no nested quantifiers, so the
time is linear in the text's length whatever the text.
"""

import re

KINDS = {
    "phone": "a phone number",
    "email": "an email address",
    "link": "a link",
    "handle": "a username on another app",
}

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
_LINK = re.compile(r"\b(?:https?://|www\.)\S{1,2000}|\b[\w-]{2,63}\.(?:com|org|net|io|co|uk|"
                   r"me|app|gg|ly|info|biz|xyz|link|page|site)(?:/\S{0,2000})?\b",
                   re.IGNORECASE)
# Seven or more digits in a row, allowing the spaces, dots, dashes, brackets and a leading
# "+" people write numbers with. A year or a date ("2026-12-07") has fewer.
_PHONE = re.compile(r"(?<![\w])\+?(?:\d[\s().-]{0,3}){6,14}\d(?![\w])")
# "@name" not preceded by a word character (so not an email), or "on snap/insta/... : name".
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_.]{2,30}\b|\b(?:snap(?:chat)?|insta(?:gram)?|"
                     r"discord|telegram|whatsapp|kik|tiktok|signal)\s{0,3}(?::|is|me|at)\s{0,3}"
                     r"@?[A-Za-z0-9_.]{3,30}\b", re.IGNORECASE)


def found(text: str) -> list[str]:
    """The kinds of contact detail in `text`, in the order of KINDS; empty when none."""
    text = text or ""
    kinds = []
    if _PHONE.search(text) and _has_enough_digits(text):
        kinds.append("phone")
    without_emails = _EMAIL.sub(" ", text)
    if without_emails != text:
        kinds.append("email")
    if _LINK.search(without_emails):
        kinds.append("link")
    if _HANDLE.search(without_emails):
        kinds.append("handle")
    return kinds


def _has_enough_digits(text: str) -> bool:
    """At least one match carries seven digits: "2-3 times, 4 or 5 days" does not."""
    return any(sum(ch.isdigit() for ch in m.group()) >= 7 for m in _PHONE.finditer(text))


def describe(kinds: list[str]) -> str:
    """"a phone number and a link"."""
    words = [KINDS[k] for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
