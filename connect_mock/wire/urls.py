"""The URL namespaces connect_mock adds to moto's Connect service.

Within them, requests are routed per operation from botocore's model (see wire.routing).
"""

from __future__ import annotations

import re

from .._moto import connect_model, moto_connect_operations

# Roots moto serves nothing under: each root, and anything below it.
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

# Paths below roots moto serves: moto answers /instance and /instance/{InstanceId} (its
# instance operations), we answer only the attribute sub-paths below an instance.
# The InstanceId may hold anything, a decoded "%2F" included (the server routes on the decoded
# path): the handler routes on the path as sent, and refuses what names no instance.
SUB_PATHS = (
    "{0}/instance/(?P<InstanceId>[\\s\\S]*)/attributes$",
    "{0}/instance/(?P<InstanceId>[\\s\\S]*)/attribute/(?P<subpath>[\\s\\S]*)$",
    # An ARN holding a (decoded) newline, which moto's /tags/ route (".+") cannot take.
    "{0}/tags/(?P<resourceArn>[^\\n]*\\n[\\s\\S]*)$",
)
# /tags/{resourceArn} (TagResource, UntagResource, ListTagsForResource) stays moto's route: the
# intercept answers it with our handler whenever it can read the request, and moto's handler
# answers it (instances' tags as before) when a moto release changed what we read.

# moto-style regexes ({0} is the service's URL base): each root, and anything below it, even
# nothing ("/phone-number/") or a decoded newline (the server routes on the decoded path, where
# "." would stop): the handler answers JSON for all of it.
PATHS: tuple[str, ...] = (
    *(
        path
        for root in URL_ROOTS
        for path in ("{0}" + root + "$", "{0}" + root + "/(?P<subpath>[\\s\\S]*)$")
    ),
    *SUB_PATHS,
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
