def generate(count, home):
    """Create `count` demo pages. Filled in by the events issue."""
    raise NotImplementedError("demo events are not available yet")
