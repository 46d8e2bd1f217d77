"""webhooks.body_too_large: the webhook's size limit, checked on the WSGI
environ before any framework reads the body (both addons call it)."""
import io

from zoom_scheduling.zoom_api import webhooks

LIMIT = webhooks.MAX_BODY_BYTES


class Unreadable(io.RawIOBase):
    """A body that must not be read: announcing its length is enough."""

    def read(self, *args):
        raise AssertionError("the body was read")


def test_a_body_announced_over_the_limit_is_refused_unread():
    environ = {"CONTENT_LENGTH": str(100 * 1024 * 1024), "wsgi.input": Unreadable()}
    assert webhooks.body_too_large(environ)


def test_a_body_announced_at_the_limit_is_left_to_the_framework():
    environ = {"CONTENT_LENGTH": str(LIMIT), "wsgi.input": Unreadable()}
    assert not webhooks.body_too_large(environ)


def test_a_length_that_is_no_number_counts_as_none():
    assert not webhooks.body_too_large({"CONTENT_LENGTH": "12x", "wsgi.input": Unreadable()})


def test_a_chunked_body_is_read_one_byte_past_the_limit_at_most():
    stream = io.BytesIO(b"x" * (10 * LIMIT))
    environ = {"wsgi.input_terminated": True, "wsgi.input": stream}
    assert webhooks.body_too_large(environ)
    assert stream.tell() == LIMIT + 1


def test_a_chunked_body_within_the_limit_is_kept_for_the_framework():
    environ = {"wsgi.input_terminated": True, "wsgi.input": io.BytesIO(b"y" * LIMIT)}
    assert not webhooks.body_too_large(environ)
    assert environ["wsgi.input"].read() == b"y" * LIMIT
