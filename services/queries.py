"""Queries other apps use to show services. Empty until the services app has service pages."""


def services_for_block(value):
    return []
