import functools

from django.db.models.functions import Lower
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import engine, spelling
from .models import GlossaryTerm, SearchSettings
from .query import MAX_QUERY_LENGTH, analyse, glossary_matcher

AUTOCOMPLETE_LIMIT = 8
FEW_RESULTS = 3  # fewer than this, or not all words found: offer a respelling


def _analyse(request, raw=None):
    raw = request.GET.get("q", "") if raw is None else raw
    crisis_terms = SearchSettings.for_request(request).crisis_term_list
    return analyse(raw, _glossary(), crisis_terms)


def _glossary():
    """glossary_matcher() of every glossary term. The terms are read on every search, so an
    edit shows at once in every process, but as plain rows: making them into terms and
    their matcher cost 0.4 ms a search, and is done again only when one has changed."""
    return _glossary_of(tuple(GlossaryTerm.objects.values_list(*_GLOSSARY_FIELDS)))


_GLOSSARY_FIELDS = [field.attname for field in GlossaryTerm._meta.concrete_fields]


@functools.lru_cache(maxsize=4)
def _glossary_of(rows):
    return glossary_matcher([GlossaryTerm.from_db("default", _GLOSSARY_FIELDS, row) for row in rows])


def _suggestion(request, pages, analysis, total, operator):
    """"Did you mean ...?" for a query that found little: its unknown words respelt
    into the site's words, offered only if that finds more. Never for a query
    that found good results."""
    if total >= FEW_RESULTS and operator == "and":
        return None
    suggestion = spelling.suggest(analysis)
    if suggestion is None:
        return None
    found, found_operator = engine.count(request, pages, _analyse(request, suggestion.text))
    better = found > total or (found and found_operator == "and" and operator == "or")
    return suggestion if better else None


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
    pages = engine.site_pages(request, own_index=engine.has_own_index())
    found = engine.find(request, pages, analysis, type_slug)
    items, first_page = found.items, found.items.number == 1
    if first_page and not type_slug:
        engine.log_query(analysis.text)
    context.update(
        items=items,
        results=engine.describe(items.object_list, analysis, request),
        counts=found.counts,
        total=found.total,
        more=found.more,
        loosened=found.operator == "or",
        suggestion=_suggestion(request, pages, analysis, found.total, found.operator) if first_page else None,
        promotions=engine.promotions(analysis.text, pages) if first_page else [],
        services_page=None if found.counts else engine.services_directory(),
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
    suggestions = _completions(request, typed) if typed else []
    return JsonResponse({"query": analysis.text, "suggestions": suggestions})


def _attempts(typed):
    yield typed
    yield from spelling.complete(typed)  # only asked for when the typed words found too few


def _completions(request, typed):
    """Titles and glossary terms for what has been typed; if too few, also for
    it with typos mended ("gingr" still offers "Gingerbread")."""
    site_pages, pages, terms = engine.site_pages(request), [], []
    for attempt in _attempts(typed):
        room = AUTOCOMPLETE_LIMIT - len(pages) - len(terms)
        pages += [page for page in engine.autocomplete(site_pages, attempt, room) if page not in pages][:room]
        room = AUTOCOMPLETE_LIMIT - len(pages) - len(terms)
        terms += [term for term in GlossaryTerm.objects.filter(term__istartswith=attempt)[:room] if term not in terms]
        if len(pages) + len(terms) >= AUTOCOMPLETE_LIMIT:
            break
    return [{"value": page.title, "url": page.get_url(request)} for page in pages] + [
        {"value": term.term, "url": f"/glossary/#{term.slug}"} for term in terms
    ]


@require_safe
def glossary(request):
    return render(request, "search/glossary.html", {"terms": GlossaryTerm.objects.order_by(Lower("term"))})
