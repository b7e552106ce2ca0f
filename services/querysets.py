"""What listings ask of services, as methods of ServicePage.objects. This module imports no
model, so the page models (and the directory's filters) can use it without an import loop."""

from core.pages import PublicInOneQueryPageQuerySet


class ServicePageQuerySet(PublicInOneQueryPageQuerySet):
    def listed(self):
        """Live services for cards: light (no StreamField), in name order. Pass what is shown
        through services.terms.attach_terms(services, CARD_RELATIONS) for the terms cards show."""
        return self.live().public().defer_streamfields().select_related("listing_image").order_by("title", "pk")
