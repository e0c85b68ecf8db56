"""The HTTP service (``pathplanner serve``): FastAPI routers over the same library the
command line uses. :mod:`~pathplanner.service.cases_api` serves the case records."""
