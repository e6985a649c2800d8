"""The Typer application every command module registers on.

A command's module is imported when that command runs, not before: ``onrecord extract`` never
imports the store, the web server, the exporters or the evaluation code, and starts in about
the time the spaCy model takes to load. ``COMMANDS`` names the modules each command needs.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from importlib import import_module

import typer
from typer.core import TyperCommand, TyperGroup

from onrecord.errors import InputError, InputWarning

#: Each top-level command and the ``onrecord.cli`` modules that register it (``eval`` gathers
#: sub-commands from four), in the order ``onrecord --help`` lists them.
COMMANDS: dict[str, tuple[str, ...]] = {
    "actors": ("actors",),
    "eval": ("eval", "eval_events", "provenance"),
    "extract": ("extract",),
    "ingest": ("ingest",),
    "run": ("ingest",),
    "provenance": ("provenance",),
    "query": ("query",),
    "export": ("query",),
    "serve": ("serve",),
    "timeline": ("timeline",),
    "watch": ("watch",),
}


class Commands(TyperGroup):
    """The top-level group: imports a command's modules the first time it is asked for; a name
    it does not know loads them all, so a typo still gets its "did you mean"."""

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context,
                    cmd_name: str) -> TyperCommand | TyperGroup | None:
        if cmd_name not in self.commands:
            every = {module for modules in COMMANDS.values() for module in modules}
            for module in COMMANDS.get(cmd_name) or sorted(every):
                import_module(f"onrecord.cli.{module}")
            built = typer.main.get_group(app).commands
            self.commands.update({k: v for k, v in built.items() if k not in self.commands})
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: typer.Context) -> object:
        """An input a command could not use and did not report itself (a store that cannot be
        opened, an output file that cannot be written) is named on stderr, exit status 1, not
        shown as a traceback; a warning about an input is one line, every time."""
        with warnings.catch_warnings():
            warnings.simplefilter("always", InputWarning)
            warnings.showwarning = _one_line(warnings.showwarning)
            try:
                return super().invoke(ctx)
            except InputError as exc:
                typer.echo(f"error {exc}", err=True)
                raise typer.Exit(code=1) from None


def _one_line(show: Callable) -> Callable:
    """``warnings.showwarning`` printing an ``InputWarning`` as ``warning SOURCE: WHAT``
    (without the file and line of onrecord's code that noticed it), others as ``show`` does."""

    def shown(message, category, *args, **kwargs) -> None:
        if issubclass(category, InputWarning):
            typer.echo(f"warning {message}", err=True)
        else:
            show(message, category, *args, **kwargs)

    return shown


app = typer.Typer(
    name="onrecord",
    help="Who said what, to whom, when, on which condition: quotations and events from news text.",
    cls=Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Who said what, to whom, when, on which condition: quotations and events from news text."""
