"""A country's borders map: the country, its land neighbours coloured by the length of the shared
border, its neighbours across the sea dashed, and a legend naming each.
"""

from __future__ import annotations

import folium
import folium.plugins

from crossings.figures import palette
from crossings.figures.geometry import CountryShape, World
from crossings.figures.map_elements import (
    OUTLINE,
    FeatureLayer,
    MapExtras,
    base_map,
    country_tooltip,
    fit_to_boxes,
    legend_group,
    legend_row,
)
from crossings.figures.profile import length_colours
from crossings.languages import _
from crossings.languages.numbers import country_name as localised_country_name
from crossings.text.escaping import html_text
from crossings.text.formatting import format_km
from crossings.views.profiles import CountryProfile, LandNeighbour, MaritimeNeighbour

# --- the borders map --------------------------------------------------------------------------

BORDERS_CONTEXT_PADDING = 3.0  # degrees of surrounding countries drawn around the view
BORDERS_LAND_REACH = 15.0  # how far beyond the country the view may reach for land neighbours
BORDERS_SEA_REACH = 5.0  # ...and for neighbours across the sea (Russia is Iran's, over the Caspian)


def _clipped_union(home: CountryShape, others: list[CountryShape], reach: float) -> tuple[float, ...]:
    south, west, north, east = home.bounds
    boxes = [home.bounds] + [s.bounds for s in others]
    return (max(south - reach, min(b[0] for b in boxes)), max(west - reach, min(b[1] for b in boxes)),
            min(north + reach, max(b[2] for b in boxes)), min(east + reach, max(b[3] for b in boxes)))


def _view_box(home: CountryShape, land: list[CountryShape], sea: list[CountryShape]) -> tuple[float, ...]:
    """The country and its land neighbours, plus the near side of its neighbours across the sea:
    the view stops short of Siberia for Iran."""
    boxes = [_clipped_union(home, land, BORDERS_LAND_REACH), _clipped_union(home, sea, BORDERS_SEA_REACH)]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def borders_map(profile: CountryProfile, world: World, geometry_url: str,
                tiles: bool = False) -> folium.Map | None:
    """The selected country and its neighbours: land neighbours coloured by the length of the
    shared border (as the country's own entry gives it), neighbours across the sea outlined,
    the countries around in grey (the legend, borders_legend_html, goes under the map). None if
    the country has no outline. The outlines come from geometry_url, like the world map's."""
    home = world.shape(profile.iso3)
    if home is None:
        return None
    land = {n.iso3: n for n in profile.land_neighbours}
    colours = _land_colours(profile)
    across = {n.iso3: n for n in profile.maritime_only}
    box = _view_box(home, [s for s in map(world.shape, land) if s is not None],
                    [s for s in map(world.shape, across) if s is not None])
    pad = BORDERS_CONTEXT_PADDING
    around = world.shapes_within((box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad))
    fill_opacity = 0.7 if tiles else 1.0
    properties = {}
    for country in around:
        iso3 = country.iso3 or ""
        style = {"fillColor": palette.NO_DATA, "fillOpacity": fill_opacity, **OUTLINE}
        if country is home:
            text = _("land borders {land}, coastline {coast}").format(
                land=format_km(profile.land_border_km), coast=format_km(profile.coastline_km))
            style.update(fillColor=palette.HIGHLIGHT, color=palette.TEXT, weight=1.5)
        elif iso3 in land:
            text = _land_neighbour_text(profile, land[iso3])
            style.update(fillColor=colours.get(iso3, palette.ZERO))
        elif iso3 in across:
            text = _maritime_text(across[iso3])
            style.update(color=palette.MARITIME_LINE, weight=2.5, dashArray="5 4")
        else:
            text = _("not a neighbour of {country}").format(country=profile.name)
        properties[country.key] = {"kind": "country", "iso3": iso3, "style": style,
                                   "tooltip": country_tooltip(_shown_name(country), text)}
    fmap = base_map(tiles)
    FeatureLayer(properties, url=geometry_url).add_to(fmap)
    MapExtras(title=_("Map of {country}'s borders: land neighbours by length of border, neighbours "
                      "across the sea dashed").format(country=profile.name)).add_to(fmap)
    fit_to_boxes(fmap, [box], max_zoom=7)
    return fmap


def _shown_name(country: CountryShape) -> str:
    """The country's name in the active language (the outline's own name in English)."""
    return localised_country_name(country.iso3, country.name) if country.iso3 else country.name


def _land_neighbour_text(profile: CountryProfile, neighbour: LandNeighbour) -> str:
    if neighbour.is_asymmetric:
        return _("{length} land border with {country} ({neighbour}'s own entry gives {their_length})").format(
            length=format_km(neighbour.length_km), country=profile.name, neighbour=neighbour.name,
            their_length=format_km(neighbour.their_length_km))
    return _("{length} land border with {country}").format(length=format_km(neighbour.length_km),
                                                           country=profile.name)


def _maritime_text(neighbour: MaritimeNeighbour) -> str:
    parts = [_("across the {sea}").format(sea=neighbour.sea) if neighbour.sea else _("across the sea")]
    if neighbour.status:
        parts.append(neighbour.status)
    return "; ".join(parts)


def _land_colours(profile: CountryProfile) -> dict[str, str]:
    """Each land neighbour of known length, coloured by it (the same colours as the bar chart)."""
    known = [n for n in profile.land_neighbours if n.length_km is not None]
    return dict(zip([n.iso3 for n in known], length_colours(n.length_km for n in known), strict=True))


def borders_legend_html(profile: CountryProfile) -> str:
    """Short: the lengths themselves are on the bar chart (same colours) and in each neighbour's
    tooltip. Drawn under the map by the page: inside it, the legend covered Arabia."""
    colours = _land_colours(profile)
    known = [n for n in profile.land_neighbours if n.iso3 in colours]
    rows = [legend_row(palette.HIGHLIGHT, profile.name)]
    if known:
        steps = [colours[n.iso3] for n in (known[0], known[-1])]
        rows.append(f'<div class="row"><span class="swatch" style="background:linear-gradient(90deg,'
                    f'{steps[-1]},{steps[0]})"></span><span>'
                    + html_text(_("Land neighbour: darker, longer border ({shortest} to {longest})").format(
                        shortest=format_km(known[-1].length_km), longest=format_km(known[0].length_km)))
                    + "</span></div>")
    else:
        note = _("{country} has no land neighbours in the data.").format(country=profile.name)
        rows.append(f'<div class="note">{html_text(note)}</div>')
    if profile.maritime_only:
        rows.append(legend_row("", _("Neighbour across the sea only"), "swatch dashed"))
    rows.append(legend_row(palette.NO_DATA, _("Other countries")))
    return legend_group(*rows)
