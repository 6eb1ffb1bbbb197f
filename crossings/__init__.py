"""Crossings core: plain Python with no Streamlit import, so it can be tested and used from a
notebook or the command line.

Data flows one way, and so do the imports between the parts:

    data     the tables as declared, read, checked and loaded into a Dataset; import of a table
    text     text from the data made safe to show; dates, money and counts written out; source lines
    views    the filtered view and what pages work out from it (figures, budgets, timelines...)
    figures  plotly charts and folium maps built from views; the palette; the still map
    exports  what people take away: tables (CSV, Excel), chart images, slide decks

`files` says where the app's files live. `validate` is the command people type
(`python -m crossings.validate`).
"""
