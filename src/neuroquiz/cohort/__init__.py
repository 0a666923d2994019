"""Cohort analytics for instructors: learners' exports as Parquet, read with DuckDB.

- :mod:`neuroquiz.cohort.layout`: the dataset's directories, files and columns;
- :mod:`neuroquiz.cohort.export`: one learner's progress database -> Parquet;
- :mod:`neuroquiz.cohort.dataset`: find and check the learners' files;
- :mod:`neuroquiz.cohort.analyse`: the report's figures, as DuckDB SQL;
- :mod:`neuroquiz.cohort.report`: the report as plain records (and JSON);
- :mod:`neuroquiz.cohort.service`: the whole report in one call (the CLI and the app).

Importing this package imports neither DuckDB nor pyarrow; the modules that need them do.
"""
