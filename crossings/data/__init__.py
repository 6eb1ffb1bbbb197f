"""The data: every table's declared columns (schema), bytes to cells (reading), cells checked
and parsed (table checks) and cross-checked between tables (loading), the problems found and the
hints offered with them, the validated Dataset every page shares, and the checked, atomic
import of an uploaded table. Everything else in the core reads a Dataset and never the files.
"""
