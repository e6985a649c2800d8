"""Errors that name the input and the problem, so one bad article never hides the others."""


class InputError(Exception):
    """An input (file, URL, record) that cannot be used; ``source`` names it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
