"""EthicsDesk: decision support for ethics committees that review technology in schools."""

from ethicsdesk.app import create_app

__version__ = "0.1.0"
__all__ = ["create_app"]
