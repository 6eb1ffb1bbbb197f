"""IATI in: projects from the activity files that publishers already release (IATI 2.01 to 2.03).

    reading    a file checked before anything is read from it: no DTD or entities (an XML bomb is
               refused unread), version 2.0x (1.x refused with a message), every activity
               validated against the IATI 2.03 schema shipped in data/iati/, one at a time, so
               a large file is read in bounded memory
    activities an activity as a project: identifier, title, organisations by role, recipient
               countries with their percentages, dates by type, funding lines in their own
               currency and value date (commitments where the activity has them, otherwise
               budgets, never both); the choice of activities (sector, country, text)
    rows       a project as rows of the data tables, keyed on the IATI identifier, so importing
               the same activity again updates the project instead of adding a second one

`python -m crossings.iati FILE` is the command line (no size limit); the Import page takes a file
up to its own limit through the same steps.
"""
