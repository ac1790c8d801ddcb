"""The URL namespaces connect_mock adds to moto's Connect service (moto serves none of them).

Within them, requests are routed per operation from botocore's model (see responses.routes).
"""

from __future__ import annotations

import re

from .._moto import connect_model, moto_connect_operations

URL_ROOTS = (
    "/phone-number",
    "/phone-numbers-summary",
    "/traffic-distribution-group",
    "/traffic-distribution-groups",
)

# moto-style regexes ({0} is the service's URL base): each root, and anything below it, even
# nothing ("/phone-number/") or a decoded newline (the server routes on the decoded path, where
# "." would stop): the handler answers JSON for all of it.
PATHS: tuple[str, ...] = tuple(
    path
    for root in URL_ROOTS
    for path in ("{0}" + root + "$", "{0}" + root + "/(?P<subpath>[\\s\\S]*)$")
)


def _empty_labels(request_uri: str) -> str:
    return re.sub(r"\{[^}]+\}", "", request_uri.split("?", 1)[0])


# moto's own operations with their URI labels sent empty (``GET /instance/``,
# ``PUT /analytics-data/instance//association``): moto routes none of them (its answer is a text
# 404); served here, so that the intercept refuses them with the operation's validation error.
MOTO_EMPTY_LABEL_PATHS: tuple[str, ...] = tuple(
    sorted(
        {
            "{0}" + re.escape(_empty_labels(uri)) + "$"
            for uri in (
                connect_model().operation_model(name).http["requestUri"]
                for name in moto_connect_operations()
            )
            if "{" in uri
        }
    )
)

PATHS += MOTO_EMPTY_LABEL_PATHS
