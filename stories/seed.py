def load(home):
    """Seed this app's pages under the home page. Filled in by the stories issue."""
