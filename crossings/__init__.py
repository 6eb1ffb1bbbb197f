"""Crossings core: load, validate, filter and summarise border-management activity.

Plain Python with no Streamlit import, so it can be tested and used from a notebook or the
command line.
"""

from crossings.dataset import Dataset
from crossings.loading import load_dataset

__all__ = ["Dataset", "load_dataset"]
