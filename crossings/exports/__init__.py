"""Exports: what people take away. Tables as CSV and Excel, safe to open in a spreadsheet
(tables); chart images with title, filters, source line and date (images); presenter slides
and the PowerPoint and PDF decks made from them (slides, slide layout, powerpoint, pdf).
"""
