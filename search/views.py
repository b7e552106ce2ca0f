from django.db.models.functions import Lower
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from . import engine
from .models import GlossaryTerm, SearchSettings
from .query import MAX_QUERY_LENGTH, analyse

AUTOCOMPLETE_LIMIT = 8


def _analyse(request):
    raw = request.GET.get("q", "")
    crisis_terms = SearchSettings.for_request(request).crisis_term_list
    return analyse(raw, GlossaryTerm.objects.all(), crisis_terms)


def _error(request, context, message, status=400):
    context.update(error=message)
    return render(request, "search/search.html", context, status=status)


@never_cache  # what people search for (crisis words included) stays off shared disks and proxies
@require_safe
def search(request):
    analysis = _analyse(request)
    type_slug = request.GET.get("type", "")
    context = {
        "analysis": analysis,
        "search_query": analysis.text,
        "max_length": MAX_QUERY_LENGTH,
        "type_slug": type_slug,
    }
    if analysis.too_long:
        return _error(request, context, f"Your search is too long. Please use up to {MAX_QUERY_LENGTH} characters.")
    if type_slug and type_slug not in engine.page_types():
        return _error(request, context, "We can't filter by that kind of page. Choose one from the list instead.")
    if not analysis.has_words:
        return render(request, "search/search.html", context)
    pages = engine.site_pages(request)
    items, counts, operator = engine.find(request, pages, analysis, type_slug)
    first_page = items.number == 1
    logged = engine.log_query(analysis.text) if first_page and not type_slug else None
    context.update(
        items=items,
        results=engine.describe(items.object_list, analysis, request),
        counts=counts,
        total=sum(count.count for count in counts),
        loosened=operator == "or",
        promotions=engine.promotions(analysis.text, pages, logged) if first_page else [],
        services_page=None if counts else engine.services_directory(),
        query_string=_query_string(analysis.text, type_slug),
    )
    return render(request, "search/search.html", context)


def _query_string(text, type_slug):
    params = QueryDict(mutable=True)
    params["q"] = text
    if type_slug:
        params["type"] = type_slug
    return params.urlencode()


@never_cache
@require_safe
def autocomplete(request):
    """Page titles (and glossary terms) starting with what has been typed so far, as JSON."""
    analysis = analyse(request.GET.get("q", ""))
    if analysis.too_long:
        return JsonResponse({"error": f"Use up to {MAX_QUERY_LENGTH} characters."}, status=400)
    typed = " ".join(group.typed for group in analysis.groups)
    suggestions = []
    if typed:
        pages = engine.autocomplete(engine.site_pages(request), typed, AUTOCOMPLETE_LIMIT)
        suggestions = [{"value": page.title, "url": page.get_url(request)} for page in pages]
        terms = GlossaryTerm.objects.filter(term__istartswith=typed)[: AUTOCOMPLETE_LIMIT - len(suggestions)]
        suggestions += [{"value": term.term, "url": f"/glossary/#{term.slug}"} for term in terms]
    return JsonResponse({"query": analysis.text, "suggestions": suggestions})


@require_safe
def glossary(request):
    return render(request, "search/glossary.html", {"terms": GlossaryTerm.objects.order_by(Lower("term"))})
