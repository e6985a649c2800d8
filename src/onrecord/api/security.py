"""The write token: writes need ``Authorization: Bearer <ONRECORD_TOKEN>``; reads need nothing."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False, description="The server's ONRECORD_TOKEN.")


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Dependency of every write endpoint: 403 on a read-only server, 401 on a wrong token.

    The comparison takes the same time however much of the token matches, so the token cannot
    be guessed byte by byte from response times.
    """
    expected = request.app.state.settings.token
    if expected is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "this server is read-only: start it with ONRECORD_TOKEN set to allow writes",
        )
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong token",
            headers={"WWW-Authenticate": "Bearer"},
        )
