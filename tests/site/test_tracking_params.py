"""Links from Facebook, Google ads and our own newsletter arrive with tracking
parameters. Every public address ignores parameters it does not use: same status,
same content as without them."""

import re

import pytest

pytestmark = pytest.mark.django_db

TRACKING = {
    "fbclid": "IwAR0abc", "utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "june-2016",
    "utm_term": "peer support", "utm_content": "button", "gclid": "Cj0KCQ", "mc_cid": "1a2b3c", "mc_eid": "9z8y",
    "_ga": "2.1234", "ref": "homepage",
}

URLS = [
    "/", "/events/", "/events/past/", "/events/feed.ics", "/events/peer-support-network-meeting-july-2016.ics",
    "/events/?audience=organisations", "/services/", "/stories/", "/stories/share/", "/search/?q=support",
    "/glossary/", "/api/openreferral/services", "/api/openreferral/taxonomies", "/privacy/",
]

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


def comparable(response):
    return CSRF.sub(b"", response.content)


@pytest.mark.parametrize("url", URLS)
def test_tracking_parameters_change_nothing(client, seeded, url):
    plain = client.get(url)
    assert plain.status_code == 200, url
    tracked = client.get(url, {**TRACKING, **dict(p.split("=") for p in url.partition("?")[2].split("&") if p)})
    assert tracked.status_code == 200, (url, tracked.content[:300])
    assert comparable(tracked) == comparable(plain), url


@pytest.mark.parametrize("url", ["/events/", "/events/past/", "/events/feed.ics", "/stories/", "/services/",
                                 "/events/peer-support-network-meeting-july-2016.ics"])
def test_parameters_a_page_does_not_use_are_ignored(client, seeded, url):
    plain = client.get(url)
    other = client.get(url, {"colour": "blue", "x": "1"})
    assert other.status_code == 200
    assert comparable(other) == comparable(plain), url
