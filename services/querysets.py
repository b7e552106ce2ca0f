"""What listings ask of services, as methods of ServicePage.objects. This module imports no
model, so the page models (and the directory's filters) can use it without an import loop."""

from core import pages


class ServicePageQuerySet(pages.PublicInOneQueryPageQuerySet):
    def listed(self):
        """Live services for cards: light (no StreamField, no image: cards show none; see
        core.pages.listed), in name order. Pass what is shown through
        services.terms.attach_terms(services, CARD_RELATIONS) for the terms cards show."""
        return super().listed().order_by("title", "pk")
