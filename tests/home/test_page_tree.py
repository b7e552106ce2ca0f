"""Editors can only build a sensible tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, NewsletterIndexPage, NewsletterIssuePage, StandardPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_issues_live_in_the_archive_only(self):
        self.assertAllowedParentPageTypes(NewsletterIssuePage, {NewsletterIndexPage})
        self.assertCanCreateAt(NewsletterIndexPage, NewsletterIssuePage)
        self.assertCanNotCreateAt(HomePage, NewsletterIssuePage)
        self.assertCanNotCreateAt(StandardPage, NewsletterIssuePage)
        self.assertAllowedSubpageTypes(NewsletterIssuePage, {})

    def test_archive_sits_under_home_and_holds_only_issues(self):
        self.assertAllowedParentPageTypes(NewsletterIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsletterIndexPage, {NewsletterIssuePage})

    def test_standard_pages_nest_under_home_or_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(NewsletterIndexPage, StandardPage)

    def test_singletons_cannot_be_created_twice(self):
        from home.seed import load_seed

        load_seed()
        home = HomePage.objects.get()
        self.assertFalse(NewsletterIndexPage.can_create_at(home), "a second archive would split the issues")
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))


class SeedPagesAreRoutableTests(WagtailPageTestCase):
    def setUp(self):
        from home.seed import load_seed

        load_seed()

    def test_every_seed_page_is_routable_and_renders(self):
        for page in Page.objects.live().filter(depth__gt=1).specific():
            with self.subTest(page=page.url_path):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_issue_opens_in_the_editor_and_previews(self):
        issue = NewsletterIssuePage.objects.get()
        self.login()
        response = self.client.get(f"/admin/pages/{issue.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Types of Peer Support")
        body = streamfield([("section", {"heading": "Hello", "anchor": "", "body": streamfield([("rich_text", rich_text("<p>Hi</p>"))])})])
        post_data = nested_form_data(
            {"title": "Preview", "slug": "preview", "publication_date": "2016-06-01", "standfirst": "", "body": body}
        )
        self.assertPageIsPreviewable(issue, post_data=post_data)
        self.assertPageIsEditable(issue, post_data=post_data)
