"""The editor guide inside the admin (Help → #PeerTalk editor guide): short task pages
in plain English. Each task is a title, a one-line summary and numbered steps."""

from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse


@dataclass(frozen=True)
class Task:
    slug: str
    title: str
    summary: str
    steps: tuple
    notes: tuple = ()


TASKS = [
    Task(
        "put-out-an-issue",
        "Put out a newsletter issue",
        "Write the issue as a draft, check it, then send it for approval.",
        (
            "Go to the dashboard. Under The newsletter, choose Start the next issue (or open the draft that is there).",
            "Give it a title, the issue number and the date it goes out.",
            "Add a Section for each part of the issue. Each section heading goes in the 'This issue' list at the top.",
            "Inside a section, add text, quotes, call-out boxes, images, or a Service list or Events block.",
            "Read the Writing checks at the end of the Content tab. Save a draft first to update them.",
            "Choose Preview to see the issue as readers will.",
            "Choose Submit for moderation. A reviewer checks it and publishes it. "
            "To send it out later, a reviewer sets 'Go-live date' in the Settings tab before publishing.",
        ),
    ),
    Task(
        "events",
        "Add, cancel or postpone an event",
        "Events go under Dates for the diary. Never delete an event that has happened or been cancelled.",
        (
            "To add one: go to Events in the menu, choose Add event, fill in the title, a short summary, "
            "and the start and end time in UK time. Tick 'Date to be confirmed' if there is no date yet.",
            "If it repeats, choose how (weekly, monthly on a date or on a weekday) and when it stops.",
            "Save a draft, then choose Submit for moderation. It shows on the site once a reviewer publishes it.",
            "To cancel: open the event, set Status to Cancelled, and submit it again. Do not delete it: "
            "people who subscribed to the calendar then see that it is cancelled.",
            "To postpone: set Status to Postponed. When there is a new date, change the date and set Status back "
            "to Scheduled.",
        ),
    ),
    Task(
        "review-a-service",
        "Review a service",
        "Each service needs checking with the people who run it about once a year.",
        (
            "On the dashboard, Services to check lists those overdue (oldest first) and those due soon.",
            "Open a service. Phone or email the service and check the times, place, cost and contact details.",
            "Change anything that is out of date.",
            "Set 'Last checked' to today. The next check date fills itself in a year ahead if you leave it empty.",
            "Submit for moderation (or publish, if you are a reviewer).",
        ),
        ("If a service has closed, set its status to closed rather than deleting it.",),
    ),
    Task(
        "story-from-submission",
        "Publish a story from a submission",
        "Only Story moderators can read what people send through 'Share your story'.",
        (
            "On the dashboard, New story submissions shows what has arrived. Open one to read it.",
            "Go to Story submissions in the menu and choose Create draft story next to it. The byline, role and "
            "topics are copied; the email address never is.",
            "Edit the draft. Take out anything that could identify someone. Add content notes if the story "
            "talks about things like baby loss, suicide or self-harm.",
            "Read the Writing checks. If the story mentions suicide or self-harm, make sure it says where to get help.",
            "Submit it for moderation. A reviewer approves it and it is published.",
        ),
    ),
    Task(
        "withdraw-a-story",
        "Withdraw a story on request",
        "When someone asks us to remove their story, we delete it and what they sent.",
        (
            "Go to Story submissions in the menu and find their submission.",
            "Choose Withdraw: delete on request, then confirm.",
            "This deletes the submission and any story page made from it, straight away.",
            "Reply to the person to say it is done. Do not keep a copy.",
        ),
        ("If there is no submission (for example, the story came by email), a reviewer can unpublish and "
         "delete the story page from Pages.",),
    ),
    Task(
        "calendar-feed",
        "What the calendar feed does",
        "People can add our events to their own calendar app, and changes reach them by themselves.",
        (
            "Each event page has buttons to add that one event to a calendar.",
            "The Subscribe link on Dates for the diary gives a feed of every event. Calendar apps check it "
            "every few hours.",
            "When you publish a change of time, place or status, subscribers' calendars update. "
            "A cancelled event stays in their calendar, marked as cancelled.",
            "Only published events are in the feed. Drafts and events with no date are not.",
        ),
    ),
]
BY_SLUG = {task.slug: task for task in TASKS}


def guide_index(request):
    return TemplateResponse(request, "home/admin/guide_index.html", {"tasks": TASKS})


def guide_task(request, slug):
    task = BY_SLUG.get(slug)
    if task is None:
        raise Http404("There is no guide page with that name.")
    return TemplateResponse(request, "home/admin/guide_task.html", {"task": task, "tasks": TASKS})
