"""The REST API (``onrecord.api``): FastAPI over the same library functions as the CLI.

``uvicorn --factory onrecord.api:create_app`` or ``onrecord serve`` runs it.
"""

from onrecord.api.app import create_app
from onrecord.api.settings import Settings

__all__ = ["Settings", "create_app"]
