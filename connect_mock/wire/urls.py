"""The URL namespaces connect_mock adds to moto's Connect service.

Within them, requests are routed per operation from botocore's model (see wire.routing).
"""

from __future__ import annotations

# Roots moto serves nothing under: each root, and anything below it.
URL_ROOTS = (
    "/phone-number",
    "/phone-numbers-summary",
    "/traffic-distribution-group",
    "/traffic-distribution-groups",
)

# Paths below roots moto serves: moto answers /instance and /instance/{InstanceId} (its
# instance operations), we answer only the attribute sub-paths below an instance.
# The InstanceId may hold anything, a decoded "%2F" included (the server routes on the decoded
# path): the handler routes on the path as sent, and refuses what names no instance.
SUB_PATHS = (
    "{0}/instance/(?P<InstanceId>[\\s\\S]*)/attributes$",
    "{0}/instance/(?P<InstanceId>[\\s\\S]*)/attribute/(?P<subpath>[\\s\\S]*)$",
    # An empty resourceArn, which moto's route (".+") does not take: refused as the model says.
    "{0}/tags/$",
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
