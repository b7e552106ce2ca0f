def generate(count, home):
    """Create `count` demo pages. Filled in by the stories issue."""
    raise NotImplementedError("demo stories are not available yet")
