from core.seed import add_demo_page, making_demo_pages

from .factories import NewsletterIssuePageFactory
from .models import NewsletterIssuePage
from .seed import ensure_issue_index


@making_demo_pages()
def generate_issues(count, home):
    """Create `count` live demo issues in the archive (no revisions: fast for benchmarks)."""
    index = ensure_issue_index(home)
    start = NewsletterIssuePage.objects.count()
    for n in range(count):
        add_demo_page(index, NewsletterIssuePageFactory.build(
            parent=None,
            title=f"#PeerTalk demo issue {start + n + 1}",
            slug=f"demo-issue-{start + n + 1}",
            issue_number=start + n + 1,
        ))
