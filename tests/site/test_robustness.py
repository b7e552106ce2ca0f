"""Property-based robustness (hypothesis): hostile query strings, paths, methods and
form posts against every public address and the API never get a 5xx; the API
always answers JSON; tracking parameters never change a response.

Bounded (max_examples per test) so it runs in seconds, on SQLite and PostgreSQL."""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peertalk_site.middleware import TRACKING_PARAMETERS

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/", "/events/", "/events/past/", "/events/feed.ics", "/events/peer-support-network-meeting-july-2016.ics",
    "/services/", "/stories/", "/stories/share/", "/stories/share/thank-you/", "/search/", "/search/autocomplete/",
    "/glossary/", "/privacy/", "/sitemap.xml", "/robots.txt", "/newsletter/",
]
API = [
    "/api/openreferral/", "/api/openreferral/services", "/api/openreferral/taxonomies",
    "/api/openreferral/taxonomy_terms", "/api/openreferral/openapi.json",
    "/api/openreferral/services/00000000-0000-0000-0000-000000000000", "/api/openreferral/taxonomies/x",
    "/api/openreferral/taxonomy_terms/x",
]
USED = ["q", "type", "page", "per_page", "audience", "topic", "role", "search", "taxonomy_id",
        "taxonomy_term_id", "modified_after", "who", "delivery", "area"]
TRACKING = sorted(TRACKING_PARAMETERS) + ["utm_source", "utm_medium", "utm_campaign", "utm_content"]
EXAMPLES = settings(
    max_examples=30, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "%00", "a\x00b", "-1", "0", "99999999999999999999", "1e9", "NaN", "[]", "{}",
                     "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "\ud7ff\ufffe", "😀" * 20]),
    st.integers(min_value=2_000, max_value=20_000).map(lambda n: "x" * n),  # huge values
)
names = st.one_of(st.sampled_from(USED + TRACKING), st.text(min_size=1, max_size=12), st.sampled_from(["q[]", "page[0]"]))
query = st.lists(st.tuples(names, hostile_text), max_size=6)  # repeats allowed: ?page=1&page=2


def query_string(pairs):
    return urlencode(pairs)


def check(response, url):
    assert response.status_code < 500, (url, response.status_code)
    if url.startswith("/api/") and response.status_code != 204:  # a CORS preflight has no body
        assert response["Content-Type"] == "application/json", url
        if response.status_code >= 400 and response.content:
            assert response.json()["status"] == response.status_code


@EXAMPLES
@given(url=st.sampled_from(PUBLIC + API), pairs=query, method=st.sampled_from(["get", "head"]))
def test_hostile_query_strings_never_fail(client, seeded, url, pairs, method):
    full = f"{url}?{query_string(pairs)}"
    check(getattr(client, method)(full), url)


@EXAMPLES
@given(
    base=st.sampled_from(PUBLIC + API),
    tail=st.lists(st.text(min_size=1, max_size=20), max_size=3),
    method=st.sampled_from(["get", "head", "options", "post", "put", "patch", "delete"]),
)
def test_hostile_paths_and_methods_never_fail(client, seeded, base, tail, method):
    url = base.rstrip("/") + "".join("/" + quote(part, safe="") for part in tail) if tail else base
    check(getattr(client, method)(url), url)


share_fields = st.fixed_dictionaries({}, optional={
    name: st.one_of(hostile_text, st.lists(hostile_text, max_size=3))
    for name in ["name", "email", "role", "story", "topics", "support_that_helped", "consent_health",
                 "consent_publish", "website"]
})


@EXAMPLES
@given(data=share_fields)
def test_hostile_story_posts_never_fail(client, seeded, data):
    response = client.post("/stories/share/", data)
    assert response.status_code in (302, 400, 429), response.status_code


@EXAMPLES
@given(
    url=st.sampled_from([u for u in PUBLIC + API if "share" not in u]),
    used=st.lists(st.tuples(st.sampled_from(USED), st.sampled_from(["1", "support", "parents", ""])), max_size=2),
    tracking=st.dictionaries(st.sampled_from(TRACKING), st.text(max_size=20), min_size=1, max_size=4),
)
def test_tracking_parameters_never_change_a_response(client, seeded, url, used, tracking):
    plain = client.get(f"{url}?{query_string(used)}")
    tracked = client.get(f"{url}?{query_string(used + list(tracking.items()))}")
    assert (tracked.status_code, tracked.content) == (plain.status_code, plain.content), url
