from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, items, per_page, param="page"):
    """One page of `items`; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get(param, "1")
    try:
        return paginator.page(raw)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(f"There is no page {raw!r} of these results.") from error
