"""The April day of the 清明 solar term, year by year from ``FIRST_YEAR``, written by
``make snapshots`` from the lunar-python package's solar terms: do not edit.
``tests/calendar/test_workcalendar.py`` checks it against two computations."""

FIRST_YEAR = 1901
APRIL_DAYS = (
    '56655665566555655565556555655565556555655565555555'  # from 1901
    '55555555555555555555555554555455545554555455545554'  # from 1951
    '55545554455445544554455445544554455445544454445444'  # from 2001
    '5444544454445444544454444444444444444444444444444'  # from 2051
)
