"""What the feature apps' editors' dashboard panels share: one titled list per section,
drawn by templates/core/admin/dashboard_section.html."""

from dataclasses import dataclass, field


@dataclass
class DashboardSection:
    key: str  # data-section, for tests and styling
    heading: str
    count: int  # how many there are in all; `items` holds only the first few
    items: list = field(default_factory=list)
    filter: str = ""  # the query string that narrows the panel's full list to this section
    advice: str = ""  # what to do with the items, shown under them
