"""What text typed by a visitor may hold: plain functions, no ORM.

A name travels into event names, mail subjects and the Zoom topic; control
and format characters (bidirectional overrides such as U+202E, zero-width
spaces) and line or paragraph separators would hide or reorder what readers
see there, so names refuse them all. A note keeps its line breaks and tabs.
"""
import unicodedata

# Unicode general categories: control, format, line and paragraph separators.
FORBIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp"))
NOTE_WHITESPACE = frozenset("\n\r\t")


def forbidden_characters(text, multiline=False):
    """The characters of ``text`` that are not allowed, as 'U+202E' labels,
    each once, in order of appearance. ``multiline``: a note, whose line
    breaks and tabs are allowed."""
    found = []
    for char in text or "":
        if multiline and char in NOTE_WHITESPACE:
            continue
        if unicodedata.category(char) in FORBIDDEN_CATEGORIES:
            label = "U+%04X" % ord(char)
            if label not in found:
                found.append(label)
    return found
