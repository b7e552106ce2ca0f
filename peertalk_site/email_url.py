"""Read outgoing-mail settings from one EMAIL_URL, e.g. smtp://user:password@smtp.example.org:587.

Parsed with urllib rather than a dependency: the format is a plain URL and this is the whole job.

- smtp://   STARTTLS (port 587 unless given); add ?tls=false for a local relay without TLS
- smtps://  TLS from the first byte (port 465 unless given)
The user name and password are percent-decoded, so a password may hold @, : or / written as %40, %3A, %2F.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
FALSE_WORDS = {"0", "false", "no", "off"}


def parse_email_url(url):
    """The Django EMAIL_* settings the URL describes, as a dict."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ImproperlyConfigured(f"EMAIL_URL must start smtp:// or smtps://, not {scheme or 'nothing'}://.")
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL has no host name, e.g. smtp://user:password@smtp.example.org:587.")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL has a bad port: {error}.") from None
    options = {name.lower(): values[-1].lower() for name, values in parse_qs(parts.query).items()}
    implicit_tls = scheme == "smtps"
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": implicit_tls,
        "EMAIL_USE_TLS": not implicit_tls and options.get("tls", "true") not in FALSE_WORDS,
        "EMAIL_TIMEOUT": int(options.get("timeout", "10")),
    }
