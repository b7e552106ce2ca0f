from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """Live, public children of the home page that editors ticked 'Show in menus'."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = site.root_page.get_children().live().public().in_menu() if site else []
    current = context.get("page")
    return {"items": items, "current_path": current.url_path if current else request.path}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1).live(), "page": page}


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))
