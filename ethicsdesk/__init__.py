"""EthicsDesk: decision support for ethics committees that review technology in schools."""

from typing import Any

__version__ = "0.1.0"
__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    """Import the app factory lazily, so the pure subpackages load without Flask."""
    if name == "create_app":
        from ethicsdesk.app import create_app

        return create_app
    raise AttributeError(name)
