"""The URL namespaces connect_mock adds to moto's Connect service (moto serves none of them).

Within them, requests are routed per operation from botocore's model (see responses.routes).
"""

from __future__ import annotations

from ._moto import Handler
from .responses import ConnectMockResponse

URL_ROOTS = ("/phone-number",)

url_paths: dict[str, Handler] = {
    "{0}" + root + "/(?P<subpath>.+)$": ConnectMockResponse.dispatch for root in URL_ROOTS
}
