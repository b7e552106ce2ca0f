"""The shared taxonomy terms, seeded once for every app to pick from.

The peer support typology is the newsletter's own ("Types of Peer Support");
the other lists come from the organisations and events in the seed issue.
"""

from .seed import seed_uuid
from .taxonomies import Area, Audience, DeliveryMethod, PeerSupportType, Topic

F, S, R = PeerSupportType.FORMAT, PeerSupportType.STRUCTURE, PeerSupportType.ROLE

PEER_SUPPORT_TYPES = [
    # (slug, name, group, description from the seed)
    ("one-to-one-peer-support", "1-to-1 peer support", F,
     "A peer worker supports an individual using their personal experience of a similar journey. "
     "The peer worker is usually further along in their recovery."),
    ("peer-support-groups", "Peer support groups", F,
     "People with similar experiences come together to support one another."),
    ("facilitated", "Facilitated peer support", S,
     "A designated facilitator manages the timing, content and agenda of the group."),
    ("peer-facilitated", "Peer-facilitated", S,
     "The facilitators of the group have their own personal experience, which they use in their role."),
    ("peer-led", "Peer-led", S,
     "The group or service is led and organised by people with personal experience of mental health "
     "difficulties, who will most likely use these experiences in their work."),
    ("peer-support", "Peer support", R, "Varied support according to support needs."),
    ("peer-coaching", "Peer coaching", R, "Short, goal-focused support."),
    ("peer-mentoring", "Peer mentoring", R, "Longer-term support to make positive changes."),
    ("peer-advocacy", "Peer advocacy", R,
     "Support to make sure your voice is heard at meetings and about the care you receive."),
    ("peer-brokerage", "Peer brokerage", R, "Support to work out how to spend a personal budget."),
]

AUDIENCES = [
    ("parents", "Parents", "Anyone who has started to have a child, including adoptive and bereaved parents."),
    ("single-parents", "Single parents", "Mums and dads bringing up children on their own."),
    ("bereaved-parents", "Bereaved parents", "Parents whose child has died, at any age or stage."),
    ("fathers", "Fathers", "Dads and partners."),
    ("mothers", "Mothers", "Mums, during pregnancy and after birth."),
    ("parents-of-disabled-children", "Parents of disabled children", "Parent carers of children with a disability."),
    ("parents-of-lgbt-children", "Parents of LGBT+ children",
     "Parents and family members of lesbian, gay, bisexual and trans people."),
    ("parents-of-twins-and-multiples", "Parents of twins and multiples", "Families with twins, triplets or more."),
    ("parents-of-premature-or-sick-babies", "Parents of premature or sick babies",
     "Parents whose baby was born early or unwell, including in neonatal care."),
    ("people-facing-infertility", "People facing infertility",
     "People who have difficulty conceiving or face involuntary childlessness."),
    ("peer-workers", "Peer workers", "People in paid or voluntary peer support roles."),
    ("organisations", "Organisations", "Local groups and organisations offering, or wanting to offer, peer support."),
    ("people-with-lived-experience", "People with lived experience",
     "Individuals with personal experience of mental health difficulties or emotional distress."),
]

TOPICS = [
    ("perinatal-mental-health", "Perinatal mental health", "Mental health during pregnancy and in the year after birth."),
    ("postnatal-depression", "Postnatal depression", "Depression after having a baby, also called PND."),
    ("miscarriage", "Miscarriage", "Losing a pregnancy, including ectopic and molar pregnancy."),
    ("stillbirth", "Stillbirth", "A baby born sleeping."),
    ("premature-or-sick-babies", "Premature or sick babies", "Babies born early or unwell."),
    ("bereavement", "Bereavement", "Grief and loss after someone dies."),
    ("infertility", "Infertility", "Difficulty conceiving and involuntary childlessness."),
    ("disability", "Disability", "Bringing up a child with a disability or extra needs."),
    ("single-parenting", "Single parenting", "Parenting alone."),
    ("twins-and-multiples", "Twins and multiples", "Twins, triplets and more."),
    ("lgbt-families", "LGBT+ families", "Lesbian, gay, bisexual and trans people and their families."),
    ("parenting-with-mental-health-difficulties", "Parenting with mental health difficulties",
     "Looking after children while living with mental health difficulties."),
    ("parenting-across-cultures", "Parenting across cultures",
     "Raising a child in a culture different to your own."),
    ("peer-work", "Peer work", "Training, networks and good practice for peer workers."),
]

DELIVERY_METHODS = [
    ("face-to-face-group", "Face-to-face group", "A group that meets in person."),
    ("one-to-one-in-person", "1-to-1 in person", "Meeting one person face to face."),
    ("telephone", "Telephone or helpline", "Talking on the phone."),
    ("online-forum", "Online forum", "A message board or online community."),
    ("social-media", "Social media", "Facebook groups, Twitter chats and similar."),
    ("email", "Email", "Writing to each other by email."),
    ("video", "Video call", "Meeting online by video."),
]

AREAS = [
    ("kensington-and-chelsea", "Kensington and Chelsea", Area.BOROUGH),
    ("westminster", "Westminster (including Queen's Park and Paddington)", Area.BOROUGH),
    ("camden", "Camden", Area.BOROUGH),
    ("lambeth", "Lambeth", Area.BOROUGH),
    ("wandsworth", "Wandsworth", Area.BOROUGH),
    ("london", "London-wide", Area.LONDON),
    ("national", "National (UK-wide)", Area.NATIONAL),
]


def _ensure(model, slug, **fields):
    term, _ = model.objects.get_or_create(slug=slug, defaults={"uuid": seed_uuid(model.__name__, slug), **fields})
    return term


def ensure_taxonomies():
    for order, (slug, name, group, description) in enumerate(PEER_SUPPORT_TYPES):
        _ensure(PeerSupportType, slug, name=name, group=group, description=description, sort_order=order)
    for slug, name, description in AUDIENCES:
        _ensure(Audience, slug, name=name, description=description)
    for slug, name, description in TOPICS:
        _ensure(Topic, slug, name=name, description=description)
    for slug, name, description in DELIVERY_METHODS:
        _ensure(DeliveryMethod, slug, name=name, description=description)
    for slug, name, scope in AREAS:
        _ensure(Area, slug, name=name, scope=scope)
