def generate(count, home):
    """Create `count` demo pages. Filled in by the services issue."""
    raise NotImplementedError("demo services are not available yet")
