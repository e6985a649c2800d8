"""`onrecord serve`: the REST API and the web UI on one local HTTP server."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from onrecord.api import Settings, create_app
from onrecord.cli.app import app
from onrecord.store import DEFAULT_DB


@app.command()
def serve(
    db: Annotated[
        str,
        typer.Option(help="The store: a SQLite file (created if missing) or postgresql:// DSN."),
    ] = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="Web origin allowed to call the API from a browser (repeatable)."),
    ] = None,
) -> None:
    """Serve the REST API (docs at /docs) and the web UI.

    Read-only unless ONRECORD_TOKEN is set in the environment; write requests then need
    `Authorization: Bearer $ONRECORD_TOKEN`.
    """
    settings = Settings.from_env(db=db, cors_origins=tuple(cors_origin or ()))
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"onrecord: web UI at http://{shown}:{port}/ (API docs at /docs), store {db}; "
               f"{'writes need the token' if settings.token else 'read-only'}. Ctrl-C stops.")
    uvicorn.run(app, host=host, port=port)
