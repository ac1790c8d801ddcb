"""The URL namespaces connect_mock adds to moto's Connect service (moto serves none of them).

Within them, requests are routed per operation from botocore's model (see responses.routes).
"""

from __future__ import annotations

from ._moto import Handler
from .responses import ConnectMockResponse

URL_ROOTS = (
    "/phone-number",
    "/phone-numbers-summary",
    "/traffic-distribution-group",
    "/traffic-distribution-groups",
)

url_paths: dict[str, Handler] = {}
for _root in URL_ROOTS:
    url_paths["{0}" + _root + "$"] = ConnectMockResponse.dispatch
    # Anything below a root, even nothing ("/phone-number/") or a decoded newline (the server
    # routes on the decoded path, where "." would stop): the handler answers JSON for all of it.
    url_paths["{0}" + _root + "/(?P<subpath>[\\s\\S]*)$"] = ConnectMockResponse.dispatch
