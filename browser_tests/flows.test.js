// The product as a person meets it: a member connects Zoom and books from
// Odoo's calendar, a visitor books on the public page. The tests run in
// order on one database (scripts/test-browser.sh makes it fresh each run):
// each builds on what the one before left.
'use strict';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const {
  ODOO_URL, ZOOM_URL, launch, newPage, screenshot, login, openPreferences, openMenu, fake,
  odooDatetime, nextMonday,
} = require('./helpers');

const BOOKING = 'Onboarding call with ACME';
const VISITOR = {
  name: 'Vera Visitor',
  email: 'vera.visitor@example.org',
  note: 'We would like to hear about the Zoom integration.',
};
const LOGINS = { 'Alice Archer': 'alice', 'Bob Baker': 'bob', 'Carol Cole': 'carol' };

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

async function connectZoom(page, email) {
  await openPreferences(page);
  await page.click('.modal .o_zoom_connect');
  // Zoom's consent page (the fake's).
  await page.waitForSelector('#email');
  assert.ok(page.url().startsWith(`${ZOOM_URL}/oauth/authorize?`), page.url());
  await page.fill('#email', email);
}

test('a member connects Zoom from Preferences', async () => {
  const page = await newPage(browser);
  await login(page, 'carol');
  await screenshot(page, 'carol-logged-in');
  await openPreferences(page);
  assert.equal((await page.textContent('.modal .o_field_widget[name=zoom_state]')).trim(), 'Not connected');
  await screenshot(page, 'preferences-not-connected');
  await page.click('.modal .o_zoom_connect');
  await page.waitForSelector('#email');
  await page.fill('#email', 'carol@example.com');
  await screenshot(page, 'zoom-consent-page');
  await page.click('#approve');
  await page.waitForSelector('.o_zoom_result_title');
  assert.ok(page.url().startsWith(`${ODOO_URL}/zoom/oauth/callback?`), page.url());
  assert.equal(await page.textContent('.o_zoom_result_title'), 'Zoom connected');
  assert.match(await page.textContent('.o_zoom_result_message'), /carol@example\.com/);
  await screenshot(page, 'zoom-connected');
  await page.click('.o_zoom_back');
  await page.waitForSelector('.o_user_menu .oe_topbar_name', { state: 'visible' });
  await openPreferences(page);
  await page.waitForSelector('.modal .o_zoom_disconnect', { state: 'visible' });
  assert.equal((await page.textContent('.modal .o_field_widget[name=zoom_state]')).trim(), 'Connected');
  assert.equal((await page.textContent('.modal .o_field_widget[name=zoom_email]')).trim(), 'carol@example.com');
  assert.equal(await page.isVisible('.modal .o_zoom_connect'), false);
  await screenshot(page, 'preferences-connected');
  await page.context().close();
});

test('a second user connecting the same Zoom account is refused', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin');
  await connectZoom(page, 'carol@example.com');
  await page.click('#approve');
  await page.waitForSelector('.o_zoom_result_title');
  assert.equal(await page.textContent('.o_zoom_result_title'), 'Zoom not connected');
  assert.match(await page.textContent('.o_zoom_result_message'), /already connected to another Odoo user/);
  await screenshot(page, 'same-zoom-account-refused');
  await page.context().close();
});

test('a booking made in Odoo gets its Zoom meeting; a webhook marks it started', async () => {
  const page = await newPage(browser);
  await login(page, 'bob');
  await openMenu(page, 'calendar.mail_menu_calendar');
  await page.waitForSelector('.o_calendar_view');
  await page.click('.o_cp_switch_list');
  await page.waitForSelector('.o_list_view');
  await page.click('.o_list_button_add');
  await page.waitForSelector('.o_form_view.o_form_editable');
  await page.fill('.o_form_view input[name=name]', BOOKING);
  await page.fill('.o_form_view div[name=group_calendar_id] input', 'Sales Round');
  await page.click('.ui-autocomplete a:has-text("Sales Round Robin")');
  // The calendar's duration comes with it (onchange).
  await page.waitForFunction(() => document.querySelector('.o_form_view input[name=duration]').value === '00:30');
  const monday = nextMonday();
  await page.fill('.o_form_view input[name=start_datetime]', odooDatetime({ ...monday, hour: 10, minute: 0 }));
  await page.keyboard.press('Tab');
  await screenshot(page, 'booking-form-filled');
  await page.click('.o_form_button_save');
  await page.waitForSelector('.o_form_view.o_form_readonly');
  // The booking's host (bob: the high priority of Sales Round Robin's
  // demo data) sees the Zoom link and his start link.
  const join = page.locator('.o_form_view a[name=zoom_join_url]');
  await join.waitFor();
  const joinUrl = await join.getAttribute('href');
  assert.ok(joinUrl.startsWith(`${ZOOM_URL}/j/`), joinUrl);
  assert.equal((await join.textContent()).trim(), joinUrl);
  const start = page.locator('.o_form_view a[name=zoom_start_url]');
  assert.ok(await start.isVisible(), 'the host sees the start link');
  assert.ok((await start.getAttribute('href')).startsWith(`${ZOOM_URL}/s/`));
  assert.equal((await page.textContent('.o_form_view span[name=zoom_meeting_status]')).trim(), 'Scheduled');
  await screenshot(page, 'booking-with-zoom-link');
  const eventUrl = page.url();

  // Another member sees the join link, not the host's start link.
  const alicePage = await newPage(browser);
  await login(alicePage, 'alice');
  await alicePage.goto(eventUrl);
  await alicePage.waitForSelector('.o_form_view a[name=zoom_join_url]');
  assert.equal(await alicePage.getAttribute('.o_form_view a[name=zoom_join_url]', 'href'), joinUrl);
  assert.equal(await alicePage.isVisible('.o_form_view a[name=zoom_start_url]'), false);
  await screenshot(alicePage, 'booking-seen-by-another-member');
  await alicePage.context().close();

  // Calendar > Zoom Meetings lists it, scheduled (wide: the status is the
  // last column, after the join link).
  await page.setViewportSize({ width: 1500, height: 620 });
  await openMenu(page, 'zoom_calendar.zoom_meeting_menu');
  const row = page.locator(`.o_list_view tr.o_data_row:has-text("${BOOKING}")`);
  await row.waitFor();
  assert.match(await row.textContent(), /Scheduled/);
  await screenshot(page, 'zoom-meetings-scheduled');

  // Zoom says the meeting started (a signed webhook from the fake).
  const meeting = (await fake('GET', 'meetings')).meetings.find((m) => m.topic === BOOKING);
  assert.ok(meeting, 'the fake Zoom holds the meeting');
  const sent = await fake('POST', 'webhooks', {
    url: `${ODOO_URL}/zoom/webhook`, event: 'meeting.started', meeting_id: meeting.id,
  });
  assert.equal(sent.status, 200, JSON.stringify(sent));
  await page.reload();
  await row.waitFor();
  assert.match(await row.textContent(), /Started/);
  await screenshot(page, 'zoom-meetings-started');
  await page.context().close();
});

test('a visitor books on the public page and the host sees it in Odoo', async () => {
  // The team finds the calendar's public link on its form.
  const admin = await newPage(browser);
  await login(admin, 'admin', 'admin');
  await openMenu(admin, 'calendar.mail_menu_calendar');
  await openMenu(admin, 'zoom_calendar.calendar_group_menu');
  await admin.click('.o_list_view tr.o_data_row:has-text("Sales Round Robin")');
  const link = admin.locator('.o_form_view a[name=booking_url]');
  await link.waitFor();
  const bookingUrl = await link.getAttribute('href');
  // The demo gives the calendar a readable address.
  assert.equal(bookingUrl, `${ODOO_URL}/book/sales`);
  assert.match(await admin.textContent('.o_form_view'), /Working Hours\s*Booking hours Mon-Fri 09:00-17:00/);
  await screenshot(admin, 'group-calendar-booking-link');
  await admin.context().close();

  // The visitor is in New York: the page shows its times there.
  const page = await newPage(browser, { timezoneId: 'America/New_York' });
  await page.goto(bookingUrl);
  await page.waitForURL(/[?&]tz=America%2FNew_York/);
  assert.equal(await page.textContent('.o_booking_title'), 'Sales Round Robin');
  assert.equal(await page.textContent('.o_booking_tz'), 'America/New York');
  assert.equal(await page.textContent('.o_booking_duration'), '30 minutes');
  await screenshot(page, 'visitor-booking-page');
  const slot = page.locator('a.o_booking_slot').first();
  const slotKey = await slot.getAttribute('data-slot');
  await slot.click();
  await page.waitForSelector('form.o_booking_form');
  const formOpened = Date.now();
  // Every field of the first form is filled (the note's <textarea> once
  // went missing until a failed submit). A bad email gets a clear message,
  // and the form keeps what was typed.
  await page.fill('#o_booking_name', VISITOR.name);
  await page.fill('#o_booking_email', 'vera at example');
  await page.fill('#o_booking_note', VISITOR.note);
  await page.evaluate(() => { document.querySelector('#o_booking_email').type = 'text'; });
  await page.click('.o_booking_submit');
  await page.waitForSelector('.o_field_message');
  assert.match(await page.textContent('.o_field_message'), /does not look like an email address/);
  assert.equal(await page.inputValue('#o_booking_name'), VISITOR.name);
  assert.equal(await page.inputValue('#o_booking_note'), VISITOR.note);
  await screenshot(page, 'visitor-form-error');
  await page.fill('#o_booking_email', VISITOR.email);
  await screenshot(page, 'visitor-form-filled');
  // A person takes a few seconds over the form: the page refuses forms sent
  // faster than the calendar's minimum fill time (3 s by default).
  await page.waitForTimeout(Math.max(0, 3500 - (Date.now() - formOpened)));
  await page.click('.o_booking_submit');
  await page.waitForSelector('.o_booking_title.o_booking_ok');
  assert.equal(await page.textContent('.o_booking_title'), 'You are booked');
  const joinUrl = await page.getAttribute('a.o_booking_join_url', 'href');
  assert.ok(joinUrl.startsWith(`${ZOOM_URL}/`), joinUrl);
  const meeting = (await fake('GET', 'meetings')).meetings.find((m) => m.topic === `Sales Round Robin: ${VISITOR.name}`);
  assert.ok(meeting, 'the fake Zoom holds the meeting');
  const registrant = (meeting.registrants || []).find((r) => r.email === VISITOR.email);
  assert.ok(registrant, 'the visitor is registered in Zoom');
  assert.equal(joinUrl, registrant.join_url, 'the confirmation shows the visitor\'s own link');
  assert.notEqual(joinUrl, meeting.join_url);
  const hostName = (await page.textContent('.o_booking_host')).trim();
  await screenshot(page, 'visitor-booking-confirmed');
  await page.context().close();

  // The host finds the booking in their calendar.
  const host = LOGINS[hostName];
  assert.ok(host, `the host is a demo user: ${hostName}`);
  const hostPage = await newPage(browser);
  await login(hostPage, host);
  await openMenu(hostPage, 'calendar.mail_menu_calendar');
  await hostPage.waitForSelector('.o_calendar_view .fc-view');
  const event = hostPage.locator(`.o_calendar_view .fc-event:has-text("${VISITOR.name}")`);
  for (let week = 0; week < 3 && !(await event.count()); week += 1) {
    await hostPage.click('.o_calendar_button_next');
    await hostPage.waitForTimeout(700);
  }
  assert.ok(await event.count(), `the booking of ${slotKey} is in ${hostName}'s calendar`);
  await event.first().scrollIntoViewIfNeeded();
  await screenshot(hostPage, 'host-calendar-shows-booking');
  await event.first().click();
  await hostPage.waitForSelector('.modal .o_form_view');
  assert.match(await hostPage.textContent('.modal'), new RegExp(`Sales Round Robin: ${VISITOR.name}`));
  assert.match(await hostPage.textContent('.modal .o_form_view'), new RegExp(VISITOR.name));
  await screenshot(hostPage, 'host-opens-booking');
  await hostPage.context().close();
});
