"""`onrecord actors suggest` / `add`: grow the actor knowledge base from the articles read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console

from onrecord.actors.discovery import suggest
from onrecord.actors.kb import KnowledgeBaseError, load_kb
from onrecord.cli.app import app
from onrecord.errors import InputError
from onrecord.ingest import read_text_file
from onrecord.pipeline import ArticleText, extract_many

actors_app = typer.Typer(help="Review and extend the actor knowledge base.")
app.add_typer(actors_app, name="actors")
stderr = Console(stderr=True)


@actors_app.command("suggest")
def suggest_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files (plain text).")],
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Your actors YAML, merged over the shipped one.")] = None,
) -> None:
    """Print, as people.yaml entries, named speakers the KB does not know and their roles."""
    try:
        kb = load_kb(tuple(actors or ()))
        sources = [ArticleText(text=read_text_file(str(p)), source=str(p)) for p in paths]
    except (KnowledgeBaseError, InputError) as exc:
        stderr.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    candidates = suggest(list(extract_many(sources, actors=kb)), kb)
    stderr.print(f"{len(candidates)} candidate(s); review, then `onrecord actors add`")
    typer.echo(yaml.safe_dump({"people": [c.to_entry() for c in candidates]},
                              allow_unicode=True, sort_keys=False), nl=False)


@actors_app.command("add")
def add_command(
    candidates: Annotated[Path, typer.Argument(help="Reviewed output of `actors suggest`.")],
    into: Annotated[Path, typer.Option(help="Your actors YAML (created if missing).")],
) -> None:
    """Append reviewed candidates to your actors file (pass it later with --actors)."""
    try:
        new = _people(_mapping(candidates), candidates)
        before = into.read_text("utf-8") if into.exists() else None
        current = _mapping(into) if before is not None else {}
        _people(current, into)
    except InputError as exc:
        stderr.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(code=1) from None
    known = {p["name"] for p in current.get("people") or []}
    added = [p for p in new if p["name"] not in known]
    current["people"] = (current.get("people") or []) + added
    into.write_text(yaml.safe_dump(current, allow_unicode=True, sort_keys=False), "utf-8")
    try:
        load_kb.cache_clear()
        load_kb((into,))
    except KnowledgeBaseError as exc:  # the file is put back as it was: nothing half-added
        if before is None:
            into.unlink()
        else:
            into.write_text(before, "utf-8")
        stderr.print(f"[red]error[/red] {exc} (nothing added: {into} is as it was)",
                     highlight=False)
        raise typer.Exit(code=1) from None
    stderr.print(f"added {len(added)} of {len(new)} to {into}")


def _mapping(path: Path) -> dict:
    """The YAML mapping in ``path``; ``InputError`` naming the file otherwise."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read it as YAML ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(str(path), "not a mapping (people: [...])")
    return data


def _people(data: dict, path: Path) -> list[dict]:
    """The entries under ``people:``, each a mapping with a ``name``."""
    people = data.get("people") or []
    if not isinstance(people, list) or not all(
            isinstance(p, dict) and isinstance(p.get("name"), str) for p in people):
        raise InputError(str(path), "people: must be a list of entries, each with a name")
    return people
