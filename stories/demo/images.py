"""A small pool of demo pictures, drawn with Pillow so no network is needed."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from .bodies import IMAGE_ALT

WIDTH, HEIGHT = 1600, 900

# name: (sky top, sky bottom, ground, accent)
PALETTES = {
    "coast": ("#6fa8dc", "#d9ecf7", "#1f5f8b", "#f4e3b5"),
    "forest": ("#a7c7e7", "#e8f1e4", "#2e5e3a", "#1d3b25"),
    "harbour": ("#f6b26b", "#fde9d2", "#274e6d", "#c0392b"),
    "bridge": ("#8fb3d9", "#eef3f8", "#35618a", "#5b5b5b"),
    "lab": ("#dfe7ef", "#ffffff", "#b8c4cf", "#3d85c6"),
    "meeting": ("#e6d5c3", "#fbf6f0", "#8e6f52", "#003399"),
    "reindeer": ("#c9daf8", "#ffffff", "#e9eef2", "#5d4037"),
    "city": ("#9fc5e8", "#f3f6fa", "#57606f", "#ffcc00"),
    "wind": ("#76a5af", "#e0f0f3", "#6aa84f", "#ffffff"),
    "snow": ("#b4c7dc", "#f7fbff", "#ffffff", "#7f93a8"),
}


def draw_picture(name):
    """A 1600×900 JPEG landscape in the palette called `name`, as bytes."""
    top, bottom, ground, accent = PALETTES[name]
    rng = random.Random(name)  # noqa: S311 - decoration, not security
    image = PILImage.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(image)
    top_rgb, bottom_rgb = _rgb(top), _rgb(bottom)
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(
                round(a + (b - a) * t) for a, b in zip(top_rgb, bottom_rgb, strict=True)
            ),
        )
    horizon = rng.randint(480, 620)
    hills = [(0, HEIGHT), (0, horizon)]
    for x in range(0, WIDTH + 100, 100):
        hills.append((x, horizon + rng.randint(-60, 40)))
    hills.append((WIDTH, HEIGHT))
    draw.polygon(hills, fill=ground)
    for _ in range(rng.randint(4, 9)):
        x = rng.randint(0, WIDTH)
        y = rng.randint(horizon - 200, horizon + 150)
        size = rng.randint(30, 120)
        draw.ellipse([x, y, x + size, y + size * 0.6], fill=accent)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def image_pool():
    """The demo images by name, created the first time.

    Each image's description (Wagtail's default alt text) is what it shows, in
    Norwegian; pages give the alt text in each language (``IMAGE_ALT``).
    """
    Image = get_image_model()
    pool = {}
    for name in PALETTES:
        title = f"Demo: {name}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, description=IMAGE_ALT[name][0])
            image.file = ImageFile(io.BytesIO(draw_picture(name)), name=f"{name}.jpg")
            image.save()
        pool[name] = image
    return pool
