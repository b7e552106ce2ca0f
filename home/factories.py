"""Factories for tests and demo content (wagtail-factories, on factory_boy)."""

import datetime

import factory
import wagtail_factories

from .models import NewsletterIndexPage, NewsletterIssuePage, StandardPage

SECTION_TOPICS = [
    ("Peer support news", "Peer support groups across the borough met to share what works."),
    ("Spotlight on carers", "Carers told us how talking to someone who had been there helped."),
    ("Stories", "A peer worker describes the first group they ran, and what they learned."),
    ("Dates for the diary", "Network meetings continue every month; everyone is welcome."),
    ("By any other name", "Some people say stress or emotional wellbeing rather than mental health."),
]


def section(heading, text):
    return ("section", {"heading": heading, "anchor": "", "body": [("rich_text", f"<p>{text}</p>")]})


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Newsletter issues"
    slug = "issues"

    class Meta:
        model = NewsletterIndexPage


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"#PeerTalk issue {n + 1}")
    issue_number = factory.Sequence(lambda n: n + 1)
    publication_date = factory.Sequence(lambda n: datetime.date(2016, 1, 1) + datetime.timedelta(days=30 * n))
    standfirst = "News, stories and dates for the diary from the Side by Side programme."
    body = factory.LazyFunction(lambda: [section(h, t) for h, t in SECTION_TOPICS])

    class Meta:
        model = NewsletterIssuePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."
    body = factory.LazyFunction(lambda: [("rich_text", "<p>Some text.</p>")])

    class Meta:
        model = StandardPage
