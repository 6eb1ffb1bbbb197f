"""Figures: plotly charts (budget, timeline and participation) and folium maps (activity,
borders) built from views, the one palette, the country outlines simplified once, the still map
for slides and images, and the Leaflet files served from static/ (no CDN). Nothing here
computes a figure's numbers: they come from views.
"""
