from django.urls import include, path, re_path

from . import api

openreferral_patterns = (
    [
        path("", api.api_root, name="root"),
        path("openapi.json", api.openapi, name="openapi"),
        path("services", api.services, name="services"),
        path("services/<str:service_id>", api.service_detail, name="service"),
        path("taxonomies", api.taxonomies, name="taxonomies"),
        path("taxonomies/<str:taxonomy_id>", api.taxonomy_detail, name="taxonomy"),
        path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
        path("taxonomy_terms/<str:term_id>", api.taxonomy_term_detail, name="taxonomy_term"),
        re_path(r"^.*$", api.not_found),
    ],
    "openreferral",
)

urlpatterns = [path("api/openreferral/", include(openreferral_patterns))]
