"""The ``pathplanner`` command line (see :mod:`pathplanner.cli.app`)."""

from pathplanner.cli.app import app, main

__all__ = ["app", "main"]
