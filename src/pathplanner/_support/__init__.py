"""Small implementation helpers with no domain of their own (private to pathplanner)."""
