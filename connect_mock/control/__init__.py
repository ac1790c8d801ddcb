"""Control of a running mock over HTTP: the ``/moto-api/connect-mock/...`` endpoints, the
remote controller that speaks them, and server mode."""
