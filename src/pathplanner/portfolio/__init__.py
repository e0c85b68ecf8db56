"""Portfolios: many projects planned at once.

Reading a portfolio (:mod:`~pathplanner.portfolio.inputs`, tables in
:mod:`~pathplanner.portfolio.tables`), a synthetic one (:mod:`~pathplanner.portfolio.generate`,
written by :mod:`~pathplanner.portfolio.files`), where plans run
(:mod:`~pathplanner.portfolio.backend`), the rows of a plan (:mod:`~pathplanner.portfolio.rows`)
and the batch's Parquet directory (:mod:`~pathplanner.portfolio.store`), driven by
:func:`~pathplanner.portfolio.batch.run_batch`. See docs/portfolio.md.
"""
