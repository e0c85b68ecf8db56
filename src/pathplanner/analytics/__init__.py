"""Analytics over a batch: the tables (:mod:`~pathplanner.analytics.tables`, Polars), their
charts (:mod:`~pathplanner.analytics.charts`, SVG) and the self-contained HTML report
(:mod:`~pathplanner.analytics.report`). See docs/portfolio.md."""
