"""The seed directory: every organisation in the newsletter's "Local peer support
for parents..." list, with what the newsletter says about it.

The newsletter gives no addresses, phone numbers or web addresses (its links
were placeholders), so none are invented here: each page says so and points to
the contact page. Each service is dated as checked on the issue's date, which
makes them all due for review: that is true, and it puts them on the editors'
"overdue for review" list.
"""

import re

from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.seed import SEED_ISSUE_DATE, get_or_publish, seed_uuid
from core.taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

from .models import (
    ServiceArea,
    ServiceAudience,
    ServiceDelivery,
    ServiceIndexPage,
    ServiceLocation,
    ServicePage,
    ServicePeerSupportType,
    ServiceTopic,
)

LOCAL_SUPPORT_HEADING = "Local peer support for parents"

# slug, title, organisation, organisation description, summary, extra prose,
# taxonomy slugs (audience, topic, type, delivery, area), meeting times, places
SERVICES = [
    dict(
        slug="full-of-life", title="Full of Life", organisation="Full of Life",
        summary="Full of Life supports parent carers of disabled children in Kensington and Chelsea, "
        "including through parent forums.",
        audience=["parents", "parents-of-disabled-children"], topic=["disability"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["kensington-and-chelsea"],
    ),
    dict(
        slug="chelsea-and-westminster-neonatal-unit-discussion-group",
        title="Neonatal unit discussion group for parents",
        organisation="Chelsea and Westminster Hospital NHS Foundation Trust",
        summary="Chelsea & Westminster hospital's Neonatal Unit holds a discussion group for parents twice a week "
        "to meet, ask questions and seek support.",
        audience=["parents", "parents-of-premature-or-sick-babies"], topic=["premature-or-sick-babies"],
        type=["peer-support-groups", "facilitated"], delivery=["face-to-face-group"], area=["kensington-and-chelsea"],
        meeting_times="twice a week", places=[("Chelsea and Westminster Hospital neonatal unit", False)],
    ),
    dict(
        slug="gingerbread-west-london", title="Gingerbread West London group", organisation="Gingerbread",
        organisation_description="Single parents, equal families",
        summary="Run by single parent volunteers, Gingerbread groups are a space for local single mums and dads to "
        "support each other and share the highs and lows of parenting, or just to have a cuppa and a chat while "
        "their children play.",
        extra="Register with Gingerbread to find out more details about the West London group.",
        audience=["parents", "single-parents"], topic=["single-parenting"],
        type=["peer-support-groups", "peer-led"], delivery=["face-to-face-group"], area=["london"],
    ),
    dict(
        slug="families-together", title="Families Together", organisation="Families Together",
        organisation_description="London | Support group for parents of gay children",
        summary="Families Together's meetings for parents and other family members of Lesbian, Gay, Bisexual and "
        "Trans people are held twice a month in London, in Battersea and King's Cross.",
        audience=["parents", "parents-of-lgbt-children"], topic=["lgbt-families"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["london", "wandsworth", "camden"],
        meeting_times="twice a month in Battersea and King's Cross",
        places=[("Battersea", True), ("King's Cross", True)],
    ),
    dict(
        slug="tamba", title="Tamba peer support", organisation="Tamba",
        organisation_description="Twins & Multiple Births Association",
        summary="Tamba provide online, telephone and face to face peer support for various issues arising from "
        "having twins/multiple births, including bereavement, special needs, breastfeeding and single parenting.",
        extra="Tamba also runs a One Parent Family Facebook page.",
        audience=["parents", "parents-of-twins-and-multiples", "bereaved-parents", "single-parents",
                  "parents-of-disabled-children"],
        topic=["twins-and-multiples", "bereavement", "disability", "single-parenting"],
        type=["one-to-one-peer-support", "peer-support-groups"],
        delivery=["online-forum", "social-media", "telephone", "face-to-face-group"], area=["national"],
    ),
    dict(
        slug="pnd-and-me-pndchat", title="#PNDchat", organisation="PND & Me",
        summary="PND & Me uses the #PNDchat hashtag on Twitter for a peer support live tweet-chat about post-natal "
        "depression, Wednesday 8pm to 9pm.",
        extra="They specify that it's checked daily but not monitored 24/7.",
        audience=["parents", "mothers"], topic=["postnatal-depression", "perinatal-mental-health"],
        type=["peer-support-groups", "peer-led"], delivery=["social-media"], area=["national"],
        meeting_times="Wednesdays 8pm to 9pm", weekly_day="WE", starts_at="20:00", ends_at="21:00",
    ),
    dict(
        slug="infertility-network-uk-helplines", title="Infertility Network UK helplines",
        organisation="Infertility Network UK",
        summary="Infertility Network UK support people who have difficulty conceiving and have helplines staffed by "
        "volunteers who share this experience.",
        audience=["people-facing-infertility"], topic=["infertility"],
        type=["one-to-one-peer-support", "peer-support"], delivery=["telephone"], area=["national"],
    ),
    dict(
        slug="more-to-life", title="More to Life", organisation="Infertility Network UK",
        summary="Infertility Network UK's More to Life service, for those facing involuntary childlessness, has a "
        "'Helpful Members' network of people who have faced the same situation providing peer support.",
        audience=["people-facing-infertility"], topic=["infertility"],
        type=["one-to-one-peer-support", "peer-support"], delivery=[], area=["national"],
    ),
    dict(
        slug="bliss", title="Bliss message board", organisation="Bliss",
        summary="Bliss supports parents with babies who are born premature or sick. Peer support is available via "
        "their online message board.",
        extra="You can also read family stories in their magazine, Little Bliss.",
        audience=["parents", "parents-of-premature-or-sick-babies"], topic=["premature-or-sick-babies"],
        type=["peer-support-groups"], delivery=["online-forum"], area=["national"],
    ),
    dict(
        slug="bliss-buddy", title="Bliss Buddy scheme", organisation="Bliss",
        summary="The Bliss Buddy scheme pairs parents with a premature or sick baby with parents who have previously "
        "been through such an experience, who provide peer support through phone or email.",
        audience=["parents", "parents-of-premature-or-sick-babies"], topic=["premature-or-sick-babies"],
        type=["one-to-one-peer-support", "peer-support"], delivery=["telephone", "email"], area=["national"],
    ),
    dict(
        slug="cocoon", title="Cocoon", organisation="Cocoon",
        summary="Cocoon provide peer support for mothers experiencing Post Natal Depression. The groups are based in "
        "Camden, West Hampstead and Waterloo.",
        audience=["parents", "mothers"], topic=["postnatal-depression", "perinatal-mental-health"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["camden", "lambeth"],
        places=[("Camden", False), ("West Hampstead", False), ("Waterloo", False)],
    ),
    dict(
        slug="nct-bumps-babies-and-beyond", title="Bumps, Babies and Beyond", organisation="National Childbirth Trust (NCT)",
        summary="The National Childbirth Trust (NCT) run groups where parents can meet others in similar situations and "
        "facing similar challenges. Bumps, Babies and Beyond meet in Notting Hill and Queen's Park.",
        audience=["parents", "mothers", "fathers"], topic=["perinatal-mental-health"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["kensington-and-chelsea", "westminster"],
        meeting_times="in Notting Hill and Queen's Park", places=[("Notting Hill", False), ("Queen's Park", False)],
    ),
    dict(
        slug="nct-online-support-groups", title="NCT online support groups", organisation="National Childbirth Trust (NCT)",
        summary="NCT has several specific online support groups: for dads, for those planning a home birth, for those "
        "having or about to have a caesarean section, and for those who have had a pre-term baby.",
        audience=["parents", "fathers", "parents-of-premature-or-sick-babies"],
        topic=["perinatal-mental-health", "premature-or-sick-babies"],
        type=["peer-support-groups"], delivery=["online-forum"], area=["national"],
    ),
    dict(
        slug="west-london-action-for-children", title="West London Action for Children parent groups",
        organisation="West London Action for Children",
        summary="West London Action for Children provides support for children in need and their families, with 4 peer "
        "support groups where parents can learn and gain confidence from each other by sharing experiences and ideas.",
        extra="The groups are categorised by the age of the children: 6 months to 6 years, 5 to 12 years, 13 to 18 "
        "years, and a group for those who struggle to maintain positive influence for their teens.",
        audience=["parents"], topic=["parenting-with-mental-health-difficulties"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["london"],
    ),
    dict(
        slug="child-death-helpline", title="Child Death Helpline", organisation="Child Death Helpline",
        summary="The Child Death Helpline is staffed by volunteer parents who have themselves been bereaved.",
        audience=["bereaved-parents"], topic=["bereavement"],
        type=["one-to-one-peer-support", "peer-support"], delivery=["telephone"], area=["national"],
    ),
    dict(
        slug="the-compassionate-friends", title="The Compassionate Friends", organisation="The Compassionate Friends",
        summary="The Compassionate Friends provides support in two ways: an online community forum with other people "
        "affected by the loss of a child, and their helpline which is staffed by bereaved parents.",
        audience=["bereaved-parents"], topic=["bereavement"],
        type=["one-to-one-peer-support", "peer-support-groups"], delivery=["online-forum", "telephone"],
        area=["national"],
    ),
    dict(
        slug="miscarriage-association", title="Miscarriage Association online support",
        organisation="The Miscarriage Association",
        summary="The Miscarriage Association provide online peer support for those who have experienced miscarriage, "
        "ectopic or molar pregnancy, through their forums and Facebook groups.",
        audience=["parents", "bereaved-parents"], topic=["miscarriage", "bereavement"],
        type=["peer-support-groups"], delivery=["online-forum", "social-media"], area=["national"],
    ),
    dict(
        slug="west-london-sands", title="West London Sands group", organisation="Sands (Stillbirth and Neonatal Death charity)",
        summary="The West London Sands group (part of the Stillbirth and Neonatal Death charity) provide peer support "
        "for bereaved parents, their families and friends.",
        audience=["bereaved-parents"], topic=["stillbirth", "bereavement"],
        type=["peer-support-groups"], delivery=["face-to-face-group"], area=["london"],
    ),
]

SEED_SLUGS = [spec["slug"] for spec in SERVICES]

TAXONOMY_LINKS = [
    ("audience", Audience, ServiceAudience, "audience_links"),
    ("topic", Topic, ServiceTopic, "topic_links"),
    ("type", PeerSupportType, ServicePeerSupportType, "peer_support_type_links"),
    ("delivery", DeliveryMethod, ServiceDelivery, "delivery_links"),
    ("area", Area, ServiceArea, "area_links"),
]


def ensure_index(home):
    index, _ = get_or_publish(
        home,
        ServiceIndexPage,
        "services",
        title="Find local peer support",
        show_in_menus=True,
        introduction="<p>Peer support groups, helplines, online forums and buddy schemes, run by people who have "
        "been there. Narrow the list by who it is for, what it is about, how it works and where.</p>",
    )
    return index


def service_fields(spec):
    """ServicePage keyword arguments (including its term links and places) from a seed entry."""
    fields = {
        "title": spec["title"],
        "uuid": seed_uuid("service", spec["slug"]),
        "organisation_name": spec["organisation"],
        "organisation_description": spec.get("organisation_description", ""),
        "summary": spec["summary"],
        "description": [("rich_text", f"<p>{spec['extra']}</p>")] if spec.get("extra") else [],
        "meeting_times": spec.get("meeting_times", ""),
        "weekly_day": spec.get("weekly_day", ""),
        "starts_at": spec.get("starts_at"),
        "ends_at": spec.get("ends_at"),
        "checked_on": SEED_ISSUE_DATE,
        "locations": [
            ServiceLocation(uuid=seed_uuid("service-location", f"{spec['slug']}/{name}"), name=name, private_venue=private)
            for name, private in spec.get("places", [])
        ],
    }
    for key, taxonomy, link_model, relation in TAXONOMY_LINKS:
        terms = taxonomy.objects.in_bulk(spec.get(key, []), field_name="slug")
        fields[relation] = [link_model(term=terms[slug]) for slug in spec.get(key, [])]
    return fields


def load(home):
    index = ensure_index(home)
    existing = set(ServicePage.objects.child_of(index).values_list("slug", flat=True))
    # Each term link's save would refresh Wagtail's reference index on its own
    # (most of the seed's time): index each new page once instead.
    created = []
    with disable_reference_index_auto_update():
        for spec in SERVICES:
            if spec["slug"] not in existing:
                created.append(add_live_service(index, ServicePage(slug=spec["slug"], **service_fields(spec))))
    for page in created:
        ReferenceIndex.create_or_update_for_object(page)


def add_live_service(index, page):
    """Add a live page with a first revision, without a full publish: the
    publish workflow re-saves every term link and takes three times as long,
    which every test that loads the seed would pay for."""
    now = timezone.now()
    page.live, page.first_published_at, page.last_published_at = True, now, now
    index.add_child(instance=page)
    revision = page.save_revision(changed=False, clean=False)
    ServicePage.objects.filter(pk=page.pk).update(live_revision=revision)
    page.live_revision = revision
    return page


# --- The issue's "Spotlight on parents" section ---------------------------------------

_LOCAL_SUPPORT_H3 = re.compile(rf"<h3>[^<]*{re.escape(LOCAL_SUPPORT_HEADING)}")


def parents_section(blocks):
    """Keep the prose up to the "Local peer support for parents..." heading and its
    introduction, list the services from their pages instead of the prose directory,
    then keep the quotes that sat among the directory."""
    for position, (block_type, value) in enumerate(blocks):
        match = _LOCAL_SUPPORT_H3.search(value) if block_type == "rich_text" else None
        if match:
            break
    else:
        return blocks  # the seed changed: leave the section as written
    head = value[: match.start()]
    intro = _heading_and_first_paragraph(value[match.start():])
    kept = blocks[:position] + ([("rich_text", head.strip())] if head.strip() else []) + [("rich_text", intro)]
    quotes = [block for block in blocks[position + 1:] if block[0] == "quote"]
    listing = ("service_list", {"heading": "", "services": _seed_services(), "audience": None, "topic": None, "limit": 20})
    return kept + [listing] + quotes


def _heading_and_first_paragraph(html):
    end = html.find("</p>")
    return html[: end + len("</p>")] if end >= 0 else html


def _seed_services():
    by_slug = {page.slug: page for page in ServicePage.objects.filter(slug__in=SEED_SLUGS)}
    return [by_slug[slug] for slug in SEED_SLUGS if slug in by_slug]
