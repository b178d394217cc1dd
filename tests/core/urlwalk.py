"""Walk the URL configuration and build a concrete URL for every pattern.

Converter arguments get dummy values (int → 1, str/slug/path → "x", uuid → a fixed UUID); regex
groups get the first candidate their regex accepts. Every built URL is checked to resolve back to the
pattern it came from, so a pattern we cannot fill shows up as an error, never as a silent skip.
"""

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter
from django.urls.resolvers import RegexPattern, RoutePattern

DUMMY_UUID = str(uuid.UUID(int=1))
CANDIDATES = ("x", "1", DUMMY_UUID, "x-1", "2024-01-01", "core", "abc123-key:x")
ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# A capturing group, named or not, whose body may hold one level of nested groups.
REGEX_GROUP = re.compile(r"\((?:\?P<(\w+)>|(?!\?))((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*)\)")


@dataclass(frozen=True)
class WalkedURL:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    url: str
    pattern: URLPattern

    @property
    def label(self):
        return self.name or f"<unnamed {self.url}>"


def _dummy_for_converter(converter):
    if isinstance(converter, IntConverter):
        return "1"
    if isinstance(converter, UUIDConverter):
        return DUMMY_UUID
    if isinstance(converter, PathConverter | SlugConverter | StringConverter):
        return "x"
    for candidate in CANDIDATES:  # a project's own converter: anything its regex accepts
        if re.fullmatch(converter.regex, candidate):
            return candidate
    raise ValueError(f"No dummy value for converter {converter!r}")


def _fill_route(pattern: RoutePattern):
    converters = pattern.converters

    def replace(match):
        return _dummy_for_converter(converters[match["name"]])

    return ROUTE_PARAM.sub(replace, str(pattern._route))


def _fill_regex(pattern: RegexPattern):
    regex = pattern._regex
    regex = regex.removeprefix("^").removesuffix(r"\Z").removesuffix("$")

    def replace(match):
        body = match.group(2)
        options = (*CANDIDATES, body.split("|")[0].strip("()"))
        for candidate in options:
            if re.fullmatch(body, candidate):
                return candidate
        raise ValueError(f"No dummy value for regex group {match.group(0)!r}")

    filled = REGEX_GROUP.sub(replace, regex)
    return re.sub(r"\\(.)", r"\1", filled)


def _fill(pattern):
    if isinstance(pattern, RoutePattern):
        return _fill_route(pattern)
    if isinstance(pattern, RegexPattern):
        return _fill_regex(pattern)
    raise TypeError(f"Unknown pattern type {type(pattern)!r}")


def walk(resolver=None, prefix="/", namespace=None):
    """Yield a ``WalkedURL`` for every endpoint, namespaces and included URLconfs included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        segment = _fill(entry.pattern)
        if isinstance(entry, URLResolver):
            inner_ns = namespace
            if entry.namespace:
                inner_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry, prefix + segment, inner_ns)
        else:
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield WalkedURL(name=name, url=prefix + segment, pattern=entry)


def check_resolves_back(walked: WalkedURL):
    """The built URL must reach the pattern it was built from (else the walk tests the wrong view)."""
    match = resolve(walked.url)
    if walked.name is not None:
        return match.view_name == walked.name
    return match.func == walked.pattern.callback
