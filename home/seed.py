"""Load the #PeerTalk seed site: the home page, standard pages, the newsletter
archive and the seed issue, after each feature app has seeded its own pages.

`home` composes the other apps, so it calls each app's seeder directly; the
parser and the helpers every seeder shares live in `core.seed`.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from core.seed import (
    SEED_FILE,
    SEED_ISSUE_DATE,
    SEED_ISSUE_SLUG,
    SEED_ISSUE_TITLE,
    get_or_publish,
    parse_issue,
    publish,
    search_indexing_at_the_end,
)
from core.taxonomy_seed import ensure_taxonomies
from events import seed as events_seed
from search import seed as search_seed
from services import seed as services_seed
from stories import seed as stories_seed

from .models import HomePage, NewsletterIndexPage, NewsletterIssuePage, StandardPage

# Each app seeds its own pages, after the core tree exists and before the issue,
# so the issue's listing blocks can point at them.
APP_LOADERS = [services_seed.load, events_seed.load, stories_seed.load, search_seed.load]

# A section whose prose another app now serves from its own pages: the
# function takes the parsed blocks and returns the blocks to store instead.
SECTION_TRANSFORMS = {
    # the parents' directory prose becomes a list read from the service pages.
    "Spotlight on parents": services_seed.parents_section,
    # the call to share stays; a link to the form and the latest stories follow.
    "Peer support stories": stories_seed.stories_section,
    # the diary table becomes a list read from the event pages.
    "Dates for the diary...": events_seed.diary_section,
}


def ensure_home_page():
    """The HomePage at the site root, replacing Wagtail's placeholder welcome page."""

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="#PeerTalk",
            slug="peertalk-home",
            introduction=(
                "#PeerTalk is the peer support newsletter of the Side by Side programme at Kensington and "
                "Chelsea Mind. Read the newsletter, find local peer support, see dates for the diary and "
                "share your story."
            ),
        )
        publish(root, home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    if site.root_page_id != home.pk:
        placeholder = site.root_page if site.pk else None
        # Full URLs (feeds, calendar links) use the Site's address: take it from settings.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = base.hostname or "localhost"
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.root_page = home
        site.site_name = "#PeerTalk"
        site.save()
        if placeholder and placeholder.specific_class is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About #PeerTalk",
        "show_in_menus": True,
        "introduction": "#PeerTalk is the newsletter of the Side by Side peer support programme in Kensington "
        "and Chelsea and Queen's Park and Paddington.",
        "body": [
            ("rich_text", "<p>Side by Side exists to expand, promote and create research about mental health "
             "peer support: people helping each other through a shared experience.</p>"
             "<p>Each issue brings news, local peer support, stories and dates for the diary. Editors at "
             "Kensington and Chelsea Mind write and publish it.</p>"),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact us",
        "show_in_menus": True,
        "introduction": "Get in touch about the newsletter, peer support in your area, or sharing your story.",
        "body": [
            ("callout", {"style": "contact", "heading": "Side by Side programme", "heading_level": "h2",
                         "body": "<p>We usually reply within three working days. We do not monitor messages "
                         "out of hours: if you need help now, see the crisis numbers on this page.</p>",
                         "contact_name": "Zoe Copeland", "email": "zoe.copeland@kcmind.org.uk",
                         "phone": "020 8964 1333 (option 7)", "link_url": "", "link_text": ""}),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "show_in_menus": False,
        "introduction": "We want as many people as possible to be able to use this website.",
        "body": [
            ("rich_text", "<p>You should be able to zoom in to 400% without the text spilling off the screen, "
             "navigate the whole site using just a keyboard, and use it with a screen reader. Every page works "
             "without JavaScript.</p><h3>How accessible this website is</h3><p>We aim to meet the Web Content "
             "Accessibility Guidelines (WCAG) version 2.2 at level AA. Some older newsletter issues copied "
             "from documents may have links that do not say where they go.</p><h3>Reporting problems</h3>"
             "<p>If you find a problem or need information in a different format, email "
             "<a href=\"mailto:zoe.copeland@kcmind.org.uk\">zoe.copeland@kcmind.org.uk</a> or call "
             "020 8964 1333 (option 7).</p>"),
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "show_in_menus": False,
        "introduction": "How we use information about you, in plain English.",
        "body": [
            ("rich_text", "<h3>What we collect</h3><p>This website does not use tracking cookies or analytics. "
             "When you search, we keep the words searched for, to improve the site, but not who searched.</p>"
             "<h3>Your story</h3><p>When you <a href=\"/stories/share/\">share your story</a>, we keep what you "
             "send: your story, the name you chose, your email address and your two consent answers with the "
             "exact wording you agreed to. It may include health information, so only our small group of story "
             "moderators can read it. Their email alerts say only that a story has arrived, never what it says.</p>"
             "<p>We use your email address only to talk to you about your story; it is never published. Before "
             "publishing we edit out details that could identify you or anyone else.</p>"
             "<p>We delete submissions that have not become a published story after 180 days. You can withdraw "
             "at any time, before or after publication: email us and we will delete what you sent and take "
             "your story down.</p>"
             "<h3>Your rights</h3><p>You can ask to see, correct or delete information we hold about you by "
             "emailing <a href=\"mailto:zoe.copeland@kcmind.org.uk\">zoe.copeland@kcmind.org.uk</a>.</p>"),
        ],
    },
]


def ensure_standard_pages(home):

    for spec in STANDARD_PAGES:
        get_or_publish(home, StandardPage, **spec)


def ensure_issue_index(home):

    index, _ = get_or_publish(
        home,
        NewsletterIndexPage,
        "issues",
        title="Newsletter issues",
        show_in_menus=True,
        introduction="<p>Every issue of #PeerTalk, newest first.</p>",
    )
    return index


def issue_body(parsed):
    body = []
    for section in parsed.sections:
        blocks = section.blocks
        transform = SECTION_TRANSFORMS.get(section.heading)
        if transform:
            blocks = transform(blocks)
        body.append(("section", {"heading": section.heading, "anchor": section.anchor, "body": blocks}))
    return body


def ensure_seed_issue(index):

    parsed = parse_issue(SEED_FILE.read_text(encoding="utf-8"))
    issue, created = get_or_publish(
        index,
        NewsletterIssuePage,
        SEED_ISSUE_SLUG,
        title=SEED_ISSUE_TITLE,
        publication_date=SEED_ISSUE_DATE,
        standfirst=parsed.standfirst,
        body=issue_body(parsed),
    )
    return issue, created


@transaction.atomic
def load_seed(stdout=None):
    """Create the seed site. Safe to run again: existing pages are left as they are."""
    with search_indexing_at_the_end():
        home = ensure_home_page()
        index = ensure_issue_index(home)
        ensure_standard_pages(home)
        ensure_taxonomies()
        for load_app in APP_LOADERS:
            load_app(home)
        issue, created = ensure_seed_issue(index)
    if stdout:
        stdout.write(f"{'Created' if created else 'Kept'} the seed issue at {issue.url_path}")
    return issue
