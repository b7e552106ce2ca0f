"""Validate API responses against the HSDS 3.0 schemas copied into services/openreferral/.

The schemas refer to each other by file name, and openapi.json refers to them by
their raw GitHub address: registering each file under that address resolves both.
"""

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import services

SCHEMA_DIR = Path(services.__file__).parent / "openreferral"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


def _resource(contents):
    return Resource.from_contents(contents, default_specification=DRAFT202012)


@lru_cache
def registry():
    resources = [
        (BASE + path.relative_to(SCHEMA_DIR).as_posix(), _resource(json.loads(path.read_text(encoding="utf-8"))))
        for path in SCHEMA_DIR.rglob("*.json")
    ]
    # compiled/service.json (2.3 MB, not copied) is service.json with its $refs written
    # out: stand service.json in for it, its $refs made absolute so they still resolve.
    service = json.loads((SCHEMA_DIR / "service.json").read_text(encoding="utf-8"), object_hook=_absolute_ref)
    resources.append((BASE + "compiled/service.json", _resource(service)))
    return Registry().with_resources(resources)


def _absolute_ref(node):
    if isinstance(node.get("$ref"), str) and not node["$ref"].startswith(("#", "http")):
        node["$ref"] = BASE + node["$ref"]
    return node


def _pointer(path):
    return path.replace("~", "~0").replace("/", "~1")


def response_schema(api_path):
    """The OpenAPI 200 response schema of one HSDS endpoint, e.g. '/services'."""
    return {"$ref": f"{BASE}openapi.json#/paths/{_pointer(api_path)}/get/responses/200/content/application~1json/schema"}


def errors(instance, schema):
    validator = Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(instance)]


def assert_valid(instance, schema):
    found = errors(instance, schema)
    assert not found, found[:10]


def object_schema(name):
    """One HSDS object's schema, e.g. 'service.json'."""
    return {"$ref": BASE + name}
