"""Reading user files safely: the YAML reader, input limits and "did you mean" suggestions.

Private to pathplanner: every domain package reads its files through here, so that each
problem found in a file carries its ``file:line:column`` and a breadcrumb by id.
"""
