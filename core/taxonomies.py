"""Shared taxonomies: who a thing is for, what it is about, what kind of peer
support it offers, how it is delivered and where.

They live in the foundation because services, events and stories all use them; they are
snippets, so editors manage them and pick them with choosers.
"""

import uuid

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text="Stable public identifier used by the open data API."
    )
    name = models.CharField(max_length=120, help_text="The term as readers see it, e.g. 'Bereaved parents'.")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Short web-address form, e.g. 'bereaved-parents'. Used in filters."
    )
    description = models.TextField(
        blank=True, help_text="A plain-English sentence explaining the term, shown beside filters."
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("description")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Audience(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "audience"
        verbose_name_plural = "who it is for"


class Topic(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "topic"


class PeerSupportType(TaxonomyTerm):
    """The newsletter's own typology of peer support ("Types of Peer Support")."""

    FORMAT = "format"
    STRUCTURE = "structure"
    ROLE = "role"
    GROUP_CHOICES = [
        (FORMAT, "Format (1-to-1 or group)"),
        (STRUCTURE, "How a group is run"),
        (ROLE, "What the peer worker does"),
    ]
    group = models.CharField(
        max_length=20, choices=GROUP_CHOICES, default=FORMAT, help_text="Which part of the typology this belongs to."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Position within its group: lower comes first.")

    panels = TaxonomyTerm.panels + [FieldPanel("group"), FieldPanel("sort_order")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "type of peer support"
        verbose_name_plural = "types of peer support"
        ordering = ["group", "sort_order", "name"]


class DeliveryMethod(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "way it is delivered"
        verbose_name_plural = "ways it is delivered"


class Area(TaxonomyTerm):
    BOROUGH = "borough"
    LONDON = "london"
    NATIONAL = "national"
    SCOPE_CHOICES = [(BOROUGH, "A borough or part of London"), (LONDON, "London-wide"), (NATIONAL, "National")]
    scope = models.CharField(max_length=20, choices=SCOPE_CHOICES, default=BOROUGH, help_text="How wide the area is.")

    panels = TaxonomyTerm.panels + [FieldPanel("scope")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "area served"
        verbose_name_plural = "areas served"
