"""Turn the bilingual demo story bodies into StreamField data and translation pairs.

Each block in ``data/stories.json`` carries Norwegian and English text side by
side. ``stream_data`` returns the Norwegian StreamField data together with the
(Norwegian, English) pairs the English translation is filled from.
"""

import uuid

IMAGE_ALT = {
    "coast": ("Kystlinje med hav og himmel", "A coastline with sea and sky"),
    "forest": ("Skog i et grenseområde", "Forest in a border region"),
    "harbour": ("Havn med båter", "A harbour with boats"),
    "bridge": ("Bru over en elv ved grensen", "A bridge over a river at the border"),
    "lab": (
        "Laboratorium med forskningsutstyr",
        "A laboratory with research equipment",
    ),
    "meeting": ("Prosjektpartnere i møte", "Project partners in a meeting"),
    "reindeer": ("Reinsdyr på vidda", "Reindeer on the mountain plateau"),
    "city": ("Bygater i en grenseby", "Streets in a border town"),
    "wind": ("Vindturbiner på en ås", "Wind turbines on a hill"),
    "snow": ("Snødekt landskap", "A snow-covered landscape"),
}


def list_items(values):
    """ListBlock data in the block format (with ids) that wagtail-localize needs."""
    return [
        {"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values
    ]


class BodyBuilder:
    def __init__(self, images):
        self.images = images
        self.pairs = []

    def text(self, value):
        """The Norwegian text of a {"nb", "en"} pair, remembering the pair."""
        if isinstance(value, str):
            return value
        self.pairs.append((value["nb"], value["en"]))
        return value["nb"]

    def image(self, name, alt=None, caption=None, credit=""):
        alt = alt or dict(zip(("nb", "en"), IMAGE_ALT[name], strict=True))
        return {
            "image": self.images[name].pk,
            "alt_text": self.text(alt),
            "caption": self.text(caption) if caption else "",
            "credit": credit,
        }

    def block(self, block):
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            return self.text(value)
        if kind == "heading":
            return {"text": self.text(value), "level": "h2"}
        if kind == "quote":
            return {
                "quote": self.text(value["quote"]),
                "attribution": self.text(value.get("attribution", "")),
            }
        if kind == "image":
            return self.image(
                value["image"],
                value.get("alt"),
                value.get("caption"),
                value.get("credit", ""),
            )
        if kind == "fact_box":
            return {
                "title": self.text(value["title"]),
                "body": self.text(value["body"]),
            }
        if kind == "key_figures":
            return {
                "title": self.text(value.get("title", "")),
                "figures": list_items(
                    {"value": figure["value"], "label": self.text(figure["label"])}
                    for figure in value["figures"]
                ),
            }
        if kind == "gallery":
            return {
                "title": "",
                "images": list_items(self.image(name) for name in value["images"]),
            }
        if kind == "video":
            return {
                "url": value["url"],
                "title": self.text(value["title"]),
                "poster": None,
                "caption": "",
            }
        if kind == "call_to_action":
            return {
                "text": self.text(value["text"]),
                "description": "",
                "page": None,
                "url": value["url"],
            }
        raise ValueError(f"Unknown demo block type: {kind}")

    def stream(self, blocks):
        return [{"type": block["type"], "value": self.block(block)} for block in blocks]


def stream_data(blocks, images):
    """(Norwegian StreamField data, [(nb, en) text pairs]) for a demo body."""
    builder = BodyBuilder(images)
    return builder.stream(blocks), builder.pairs
