"""The Typer application every command module registers on."""

import typer

app = typer.Typer(
    name="onrecord",
    help="Who said what, to whom, when, on which condition: quotations and events from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main() -> None:
    """Who said what, to whom, when, on which condition: quotations and events from news text."""
