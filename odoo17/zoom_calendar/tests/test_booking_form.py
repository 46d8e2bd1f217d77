"""The public booking form as a browser parses it, on a plain GET, in 17.0's
frontend layout."""
import lxml.html

from .common import ZoomHttpCase
from .test_booking_page import next_monday, utc


class TestBookingForm(ZoomHttpCase):

    def test_first_form_has_every_field_and_the_submit_button(self):
        self.connect(self.alice)
        self.round_robin.booking_public = True
        self.round_robin.tz = "Europe/Brussels"
        slot = utc(next_monday(), 10).strftime("%Y-%m-%dT%H:%MZ")
        response = self.url_open("/book/%s/slot?slot=%s&tz=Europe/Brussels" % (self.round_robin.id, slot))
        self.assertEqual(response.status_code, 200, response.text[:2000])
        # Parsed as a browser does: a self-closed <textarea/> would swallow
        # the rest of the page as the note's text.
        form = lxml.html.fromstring(response.text).xpath(
            "//form[contains(concat(' ', @class, ' '), ' o_booking_form ')]")[0]
        names = {field.name for field in form.inputs if field.get("type") != "hidden"}
        self.assertLessEqual({"email", "name", "note"}, names)
        note = form.xpath(".//textarea[@id='o_booking_note']")[0]
        self.assertEqual(note.text_content(), "")
        self.assertTrue(form.xpath(".//button[contains(concat(' ', @class, ' '), ' o_booking_submit ')]"))
        # The page is one of 17.0's frontend pages (its layout, header and footer).
        page = lxml.html.fromstring(response.text)
        self.assertTrue(page.xpath("//div[@id='wrapwrap']"), "not in the frontend layout")
