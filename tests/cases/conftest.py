from case_fixtures import book, clock, database_url, engine, org, planner, postgres

__all__ = ["book", "clock", "database_url", "engine", "org", "planner", "postgres"]
