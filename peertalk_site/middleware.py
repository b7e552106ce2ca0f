from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's strict policy for the public site, a looser one for /admin/.

    The Wagtail admin (and page previews served under it) relies on inline
    scripts and styles; the public templates use none, so only the admin pays.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/admin/") and HEADER not in response:
            response[HEADER] = settings.ADMIN_CONTENT_SECURITY_POLICY
        return super().process_response(request, response)
