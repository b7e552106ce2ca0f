"""How a storyteller met peer support: asked on the share form, shown on stories, filtered on."""

RECEIVED, PROVIDED, BOTH = "received", "provided", "both"
ROLE_CHOICES = [
    (RECEIVED, "Received peer support"),
    (PROVIDED, "Provided peer support"),
    (BOTH, "Both received and provided peer support"),
]
