"""Page queries that cost one SQL query where Wagtail's defaults cost two or more.

- `private_q()`: Wagtail's `PageQuerySet.public()` first reads every view restriction,
  one query each time a listing is filtered; here the check is a subquery of the listing's own query.
- `view_restrictions(page)`: the restrictions over a page (on it or an ancestor, aliases
  resolved to their source) in one query instead of two.
- `specific_child(page, slug)`: a child page, already of its own type, in one query instead of two.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet


def private_q():
    """Pages in a private section: a view restriction sits on the page or on an ancestor,
    i.e. on a page whose tree path starts this page's path."""
    return Q(Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))))


class PublicInOneQueryPageQuerySet(PageQuerySet):
    def private_q(self):
        return private_q()


def public(queryset):
    """`queryset.public()` for any page queryset (e.g. Page.objects), without the extra query."""
    return queryset.exclude(private_q())


def view_restrictions(page):
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__aliases__path__in=paths)).distinct()


def _direct_page_types(parent):
    """The page types allowed under `parent` that extend Page directly (select_related can join them)."""
    return [model for model in type(parent).allowed_subpage_models() if list(model._meta.parents) == [Page]]


def specific_child(parent, slug):
    """The child page with this slug as its own type (one query), or None."""
    types = _direct_page_types(parent)
    names = [model._meta.model_name for model in types]
    child = parent.get_children().filter(slug=slug).select_related(*names).first()
    if child is None:
        return None
    child._cached_parent_obj = parent  # as Wagtail's route does: get_parent() needs no query
    if child.specific_class in types:
        specific = getattr(child, child.specific_class._meta.model_name)
        specific._cached_parent_obj = parent
        return specific
    return child.specific
