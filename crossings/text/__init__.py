"""Text: values from the data made safe for HTML, Markdown and links (escaping); dates with their
precision, money and counts written out (formatting); the source line under a figure
(citations); rows of a frame for loops that build labels (rows). Shared by views, figures and
exports; depends only on the data.
"""
