"""Reading a page as a user would: its visible text, and the part of it between two phrases."""

import html
import re


def text(response):
    """The page's visible text: tags stripped, characters unescaped, white space folded."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def between(page, start, end):
    """The text from the first `start` up to the next `end` after it."""
    first = page.index(start)
    return page[first : page.index(end, first)]
