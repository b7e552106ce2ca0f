from django import template

from events import display

register = template.Library()


@register.filter
def when(occurrence):
    """An occurrence's date and time in plain English, UK time."""
    return display.when_text(occurrence)
