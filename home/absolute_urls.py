"""Make the addresses in rendered HTML absolute, for HTML read away from the site (email, feeds)."""

import re
from urllib.parse import urljoin

# Attributes as Django templates and Wagtail's rich text write them: name="value".
_URL_ATTRIBUTE = re.compile(r'(\s(href|src|srcset)=")([^"]*)(")')


def absolute_url(root_url, url):
    """`url` made absolute against `root_url`; absolute, mailto: and tel: addresses are kept."""
    return urljoin(root_url.rstrip("/") + "/", url or "")


def absolute_urls(html, root_url):
    """Every href, src and srcset address in `html` made absolute against `root_url`."""

    def replace(match):
        opening, name, value, closing = match.groups()
        if name == "srcset":
            candidates = [candidate.strip().split(" ", 1) for candidate in value.split(",") if candidate.strip()]
            value = ", ".join(" ".join([absolute_url(root_url, parts[0]), *parts[1:]]) for parts in candidates)
        else:
            value = absolute_url(root_url, value)
        return opening + value + closing

    return _URL_ATTRIBUTE.sub(replace, html)
