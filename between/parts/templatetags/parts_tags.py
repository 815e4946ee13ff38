from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_words(value: timedelta) -> str:
    """'3 hours 20 minutes', as a person says it."""
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    words = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes:
        words.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if words:
        return " ".join(words)
    return "under a minute" if value.total_seconds() > 0 else "none"
