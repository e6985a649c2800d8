from onrecord.cli import app

app()
