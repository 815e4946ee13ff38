import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# A phone number as people write them: "07700 900123", "+44 7700 900123", "1-800-668-6868".
PHONE = re.compile(r"(?<![\w+])(\+?\d[\d\s().-]{5,}\d)")


@register.filter
def phone_links(text: str) -> str:
    """Escape the text, then make each phone number in it a tap-to-call link."""
    def link(match: re.Match) -> str:
        number = match.group(1)
        digits = re.sub(r"[^\d+]", "", number)
        return f'<a href="tel:{digits}">{number}</a>'

    return mark_safe(PHONE.sub(link, escape(text)))  # noqa: S308 - input escaped first


@register.inclusion_tag("accounts/_country_form.html", takes_context=True)
def country_form(context):
    """The client's country chooser, wherever a page asks where they are."""
    from between.safety import directory

    request = context["request"]
    return {"country": directory.country_for(request), "country_choices": directory.choices(),
            "request": request, "csrf_token": context.get("csrf_token")}
