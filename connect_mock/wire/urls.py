"""The URL namespaces connect_mock adds to moto's Connect service (moto serves none of them).

Within them, requests are routed per operation from botocore's model (see responses.routes).
"""

from __future__ import annotations

URL_ROOTS = (
    "/phone-number",
    "/phone-numbers-summary",
    "/traffic-distribution",
    "/traffic-distribution-group",
    "/traffic-distribution-groups",
    "/contact-flows",
    "/contact-flows-summary",
    "/flow-associations-summary",
    "/flow-associations-batch",
)

# moto-style regexes ({0} is the service's URL base): each root, and anything below it, even
# nothing ("/phone-number/") or a decoded newline (the server routes on the decoded path, where
# "." would stop): the handler answers JSON for all of it.
PATHS: tuple[str, ...] = tuple(
    path
    for root in URL_ROOTS
    for path in ("{0}" + root + "$", "{0}" + root + "/(?P<subpath>[\\s\\S]*)$")
)
