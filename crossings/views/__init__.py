"""Views: the filters and the filtered view every page reads (filters), and what is worked out
from a view: headline figures, conversion at dated rates, funding, timelines and participation,
country profiles, the figure each country is shaded by on the map, what each source gave, and
the tables as the Data page shows them. Plain frames and dataclasses, no drawing.
"""
