"""Cohorts (« promotions »): one YAML file per cohort, ``docs/promotions/<id>.yml``.

Read in one direction:

    schema.py    the shape of a cohort file (pydantic), dates still text until validated
    rules.py     parse_cohort: YAML -> schema -> the rules that span the file, located problems
    timeline.py  the sessions in time: numbered, past or upcoming, the next one, by talk
    pages.py     the Markdown pages (Jinja2 templates, every data value made inert)
    ics.py       the iCalendar file of a cohort
    publish.py   render: the published cohorts -> pages, calendars, talk dates, home block

``academy.model`` reads the files and calls ``rules.parse_cohort`` then ``publish.render``.
Only cohorts without any problem are published.
"""
