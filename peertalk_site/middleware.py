from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import connection
from django.utils.cache import patch_cache_control


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's strict policy for the public site, a looser one for /admin/.

    The Wagtail admin (and page previews served under it) relies on inline
    scripts and styles; the public templates use none, so only the admin pays.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") and HEADER not in response:
            response[HEADER] = settings.ADMIN_CONTENT_SECURITY_POLICY
        return super().process_response(request, response)


# Parameters that links from Facebook, Google, Microsoft, Mailchimp (our own
# newsletter) and others add for their analytics. No page uses them.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "ttclid",
    "li_fat_id", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
    "vero_id", "rb_clickid", "s_cid", "ref_src",
})
TRACKING_PREFIXES = ("utm_",)


def is_tracking_parameter(name):
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


class TrackingParametersMiddleware:
    """Drop tracking parameters before any view sees them, so a page reached from
    Facebook or the newsletter is exactly the page without them (same filters,
    same pagination links, same cache entries). Views also ignore any other
    parameter they do not use; this makes the common ones invisible."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(is_tracking_parameter(name) for name in request.GET):
            kept = request.GET.copy()
            for name in list(kept):
                if is_tracking_parameter(name):
                    del kept[name]
            kept._mutable = False
            request.GET = kept
            request.META["QUERY_STRING"] = kept.urlencode()
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: the site uses no camera, microphone,
    location, payment... so no page (nor anything injected into one) may ask for them.
    The policy is settings.PERMISSIONS_POLICY."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response


class NoStoreMiddleware:
    """A page made from what someone sent (a form shown again with its errors, a
    429 page) must not be kept by the browser's back/forward cache, a shared
    computer's disk or a proxy: a story and an email address are in it. So every
    response to a POST that is not a redirect gets `Cache-Control: no-store`
    (views that show what someone typed into a GET, like search, use never_cache)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and not 300 <= response.status_code < 400:
            patch_cache_control(response, no_store=True, no_cache=True, must_revalidate=True, private=True)
        return response


class QueryCountHeaderMiddleware:
    """bench/run only (BENCH_QUERY_COUNT_HEADER=true): `X-Query-Count` on each response
    says how many SQL queries it ran, so a benchmark through gunicorn can report queries
    per request. First in the list, so a page cache hit honestly says 0."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
