"""What the JSON API (``onrecord.api``) and the web UI (``onrecord.web``) share, so that each
can be used without the other: the server's settings and middleware, the store and the
parameters a route takes, the request bodies, and one data function per page (``views``),
which the API returns as JSON and the web renders as HTML. ``onrecord.app`` composes them.
"""
