"""`onrecord serve`: the REST API and the web UI on one local HTTP server."""

from __future__ import annotations

import os
from typing import Annotated

import typer
import uvicorn

from onrecord.cli.app import app
from onrecord.server.settings import Settings
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
    workers: Annotated[
        int,
        typer.Option(min=1, help="Server processes; about one per core. Each keeps its own "
                     "answer cache and database connections (SQLite takes concurrent readers)."),
    ] = 1,
    access_log: Annotated[
        bool,
        typer.Option(help="Log a line for every request (errors are logged either way)."),
    ] = False,
) -> None:
    """Serve the REST API (docs at /docs) and the web UI.

    Read-only unless ONRECORD_TOKEN is set in the environment; write requests then need
    `Authorization: Bearer $ONRECORD_TOKEN`. URLs given to /extract are fetched only from
    public addresses, and from the hosts or CIDR blocks in ONRECORD_FETCH_ALLOW.
    """
    settings = Settings.from_env(db=db, cors_origins=tuple(cors_origin or ()))
    # Each process builds its app from the environment (the token and allow-list are there).
    os.environ["ONRECORD_DB"] = db
    os.environ["ONRECORD_CORS_ORIGINS"] = ",".join(settings.cors_origins)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"onrecord: web UI at http://{shown}:{port}/ (API docs at /docs), store {db}; "
               f"{'writes need the token' if settings.token else 'read-only'}; "
               f"{workers} process{'es' * (workers > 1)}. Ctrl-C stops.")
    # Off by default: uvicorn's line a request cost 0.1-0.3 ms of CPU, up to a quarter of a
    # read request's (docs/web.md).
    uvicorn.run("onrecord.app:create_app", factory=True, host=host, port=port, workers=workers,
                access_log=access_log)
