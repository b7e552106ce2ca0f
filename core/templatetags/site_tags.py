from django import template

from core.navigation import breadcrumb_ancestors, page_url_by_slug, top_pages

register = template.Library()


@register.inclusion_tag("core/includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """Live, public children of the home page that editors ticked 'Show in menus'."""
    request = context["request"]
    items = [page for page in top_pages(request) if page.show_in_menus]
    current = context.get("page")
    return {"items": items, "current_path": current.url_path if current else request.path, "request": request}


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The pages above this one. The request goes along so their addresses are built from the
    site root paths this request has read already, not read again."""
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    request = context["request"]
    return {"ancestors": breadcrumb_ancestors(request, page), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def top_page_url(context, slug):
    """The address of a page directly under the home page, by its slug ("" if it is gone)."""
    return page_url_by_slug(context.get("request"), slug)


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


@register.filter
def form_error_links(form):
    """(input id, message) for each error of a form, for the error summary's links."""
    return [(form[name].id_for_label, error) for name in form.fields for error in form.errors.get(name, [])]
