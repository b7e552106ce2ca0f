"""Varied demo stories for scale tests: every role, mixes of topics, types and
content notes, spread over several years."""

import random
from datetime import date, timedelta

from core.seed import add_demo_page, making_demo_pages
from core.taxonomies import PeerSupportType, Topic

from .models import ContentNote, StoryIndexPage, StoryPage
from .roles import ROLE_CHOICES
from .seed import ensure_content_notes, load

BYLINES = ["Anonymous", "Sam", "Priya", "A dad from Queen's Park", "Jo", "Anonymous", "Marcus", "Ayesha", "Tom"]
OPENINGS = [
    "I did not think anyone would understand until I met people who had been there too.",
    "Being a peer worker has taught me as much as it has given to others.",
    "The group was the first place I could talk without being judged.",
    "A phone call every week kept me going through the hardest months.",
    "Sharing what helped me means it might help someone else.",
]


@making_demo_pages()
def generate(count, home):
    """Create `count` live stories (no revisions: fast for benchmarks)."""
    index = StoryIndexPage.objects.first() or load(home)
    ensure_content_notes()
    rng = random.Random(count)
    topics, types, notes = list(Topic.objects.all()), list(PeerSupportType.objects.all()), list(ContentNote.objects.all())
    start = StoryPage.objects.count()
    for n in range(start + 1, start + count + 1):
        opening = rng.choice(OPENINGS)
        story = StoryPage(
            title=f"Demo story {n}",
            slug=f"demo-story-{n}",
            byline=rng.choice(BYLINES),
            role=rng.choice(ROLE_CHOICES)[0],
            story_date=date(2016, 6, 1) + timedelta(days=rng.randrange(0, 3650)),
            pull_quote=opening,
            body=[("rich_text", f"<p>{opening}</p><p>This is demo story number {n}.</p>")],
        )
        story.topics = rng.sample(topics, k=rng.randint(1, 3))
        story.peer_support_types = rng.sample(types, k=rng.randint(1, 2))
        story.content_notes = rng.sample(notes, k=rng.choice([0, 0, 1, 2]))
        add_demo_page(index, story)
