"""The palette checked by simulation, not by eye: categorical colours stay apart for viewers with
the common colour-vision deficiencies, the sequential scale keeps its order, text is readable.

Simulation: Machado, Oliveira & Fernandes (2009) via colorspacious, at severity 100 (the
strongest form: deuteranopia, protanopia, tritanopia); distances in CAM02-UCS, where about 1 is
a just-noticeable difference and 10 or more is easy to tell apart at a glance.
"""

from __future__ import annotations

from itertools import combinations, pairwise

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from crossings.figures import palette

VISION = {
    "normal": None,
    "deuteranomaly": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanomaly": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
    "tritanomaly": {"name": "sRGB1+CVD", "cvd_type": "tritanomaly", "severity": 100},
}
MIN_DISTANCE = 10  # between any two of the first SAFE_CATEGORIES colours, in every vision
MIN_DISTANCE_FIRST_THREE = 20  # the colours most charts use (two funders, three instruments)


def as_rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255


def seen_as(colour: str, vision: str) -> np.ndarray:
    space = VISION[vision]
    rgb = as_rgb(colour)
    return rgb if space is None else np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def distance(first: str, second: str, vision: str) -> float:
    return float(deltaE(seen_as(first, vision), seen_as(second, vision), input_space="sRGB1",
                        uniform_space="CAM02-UCS"))


def closest_pair(colours, vision: str) -> tuple[float, str, str]:
    return min((distance(a, b, vision), a, b) for a, b in combinations(colours, 2))


def lightness(colour: str, vision: str) -> float:
    return float(cspace_convert(seen_as(colour, vision), "sRGB1", "CAM02-UCS")[0])


@pytest.mark.parametrize("vision", VISION)
def test_first_categorical_colours_stay_apart(vision):
    safe = palette.CATEGORICAL[:palette.SAFE_CATEGORIES]
    gap, first, second = closest_pair(safe, vision)
    assert gap >= MIN_DISTANCE, f"{first} and {second} are only {gap:.1f} apart ({vision})"
    gap, first, second = closest_pair(safe[:3], vision)
    assert gap >= MIN_DISTANCE_FIRST_THREE, f"{first} and {second} only {gap:.1f} apart ({vision})"


def test_the_check_catches_a_red_green_palette():
    """The same measure fails the classic red/green pair for deuteranomaly: the test can fail."""
    red_green = ("#D62728", "#2CA02C")
    assert closest_pair(red_green, "normal")[0] >= MIN_DISTANCE
    assert closest_pair(red_green, "deuteranomaly")[0] < MIN_DISTANCE


def test_categorical_colours_are_distinct_and_cycle():
    assert len(set(palette.CATEGORICAL)) == len(palette.CATEGORICAL) == 8
    assert palette.categorical(10)[8:] == list(palette.CATEGORICAL[:2])
    assert palette.colour_map(["EU", "GOV-JPN"]) == {"EU": "#0072B2", "GOV-JPN": "#E69F00"}


@pytest.mark.parametrize("vision", VISION)
def test_sequential_scale_keeps_its_order(vision):
    """Light to dark in every vision, each step visibly darker than the last."""
    steps = [lightness(colour, vision) for colour in palette.SEQUENTIAL]
    gaps = [before - after for before, after in pairwise(steps)]
    assert min(gaps) >= 5, f"steps {np.round(steps, 1)} ({vision})"


@pytest.mark.parametrize("vision", VISION)
def test_no_data_never_reads_as_a_value(vision):
    """Missing is not zero, nor any other step of the scale, nor the highlight."""
    for step in palette.SEQUENTIAL:
        assert distance(palette.NO_DATA, step, vision) >= MIN_DISTANCE, step
    assert distance(palette.HIGHLIGHT, palette.NO_DATA, vision) >= MIN_DISTANCE


@pytest.mark.parametrize("colour_name", ["TEXT", "MUTED_TEXT"])
@pytest.mark.parametrize("background", ["#FFFFFF", "#F2F5F9"])  # page and secondary background
def test_text_contrast_meets_wcag_aa(colour_name, background):
    assert palette.contrast_ratio(getattr(palette, colour_name), background) >= 4.5


def test_lines_and_highlight_meet_non_text_contrast():
    """WCAG 1.4.11: marks that carry meaning need 3:1 against what they are drawn on."""
    for colour in (palette.HIGHLIGHT, palette.BORDER_LINE, palette.SEQUENTIAL[-1]):
        assert palette.contrast_ratio(colour) >= 3
    for ground in (palette.NO_DATA, palette.LAND):
        assert palette.contrast_ratio(palette.MARITIME_LINE, ground) >= 3


def test_contrast_ratio_matches_wcag_reference_values():
    assert palette.contrast_ratio("#000000") == pytest.approx(21)
    assert palette.contrast_ratio("#FFFFFF") == pytest.approx(1)
    assert palette.contrast_ratio("#777777") == pytest.approx(4.48, abs=0.01)  # the classic near-miss


def test_label_colour_on_dark_and_light_fills():
    assert palette.text_colour_on(palette.SEQUENTIAL[-1]) == "#FFFFFF"
    assert palette.text_colour_on(palette.SEQUENTIAL[0]) == palette.TEXT
