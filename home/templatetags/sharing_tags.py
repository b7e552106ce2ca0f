from django import template
from django.utils.safestring import mark_safe

from home.sharing import Sharing

register = template.Library()


@register.inclusion_tag("home/includes/sharing_metadata.html", takes_context=True)
def sharing_metadata(context, title=None, description=None):
    """Description, canonical link, Open Graph / Twitter card and JSON-LD for the page (home/sharing.py).
    Views that are not pages (the glossary) give their own title and description."""
    request = context.get("request")
    if request is None:
        return {}
    values = Sharing(request, context.get("page"), title=title, description=description).context()
    values["json_ld"] = mark_safe(values["json_ld"])  # escaped for a script data block by script_safe_json
    return values
