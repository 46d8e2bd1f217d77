// Odoo 17.0: the product as a person meets it. A member connects Zoom and
// books from Odoo's calendar, a visitor books on the public page. The tests
// run in order on one database (scripts/test-browser.sh --odoo17 makes it
// fresh each run): each builds on what the one before left.
'use strict';

process.env.ODOO_SERIES = '17.0';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const {
  ODOO_URL, ZOOM_URL, launch, newPage, screenshot, login, waitForWebClient, openPreferences, openMenu, fake,
  odooDatetime, nextMonday,
} = require('../browser_tests/helpers');

const BOOKING = 'Onboarding call with ACME';
const VISITOR = {
  name: 'Vera Visitor',
  email: 'vera.visitor@example.org',
  note: 'We would like to hear about the Zoom integration.',
};
const LOGINS = { 'Alice Archer': 'alice', 'Bob Baker': 'bob', 'Carol Cole': 'carol' };
// Wide enough for 17.0's view switcher buttons (shown from 1200 px).
const WIDE = { width: 1300, height: 760 };

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const text = async (page, selector) => (await page.textContent(selector)).trim();
const field = (name) => `.o_form_view .o_field_widget[name=${name}]`;

async function connectZoom(page, email) {
  await openPreferences(page);
  await page.click('.modal .o_zoom_connect');
  // Zoom's consent page (the fake's).
  await page.waitForSelector('#email');
  assert.ok(page.url().startsWith(`${ZOOM_URL}/oauth/authorize?`), page.url());
  await page.fill('#email', email);
}

// The Zoom link of the event form: 17.0's own videocall_location.
async function videocallUrl(page) {
  const value = await page.locator(field('videocall_location')).first().innerText();
  const match = value.match(/https?:\/\/\S+/);
  return match && match[0];
}

test('a member connects Zoom from Preferences', async () => {
  const page = await newPage(browser);
  await login(page, 'carol');
  await screenshot(page, 'carol-logged-in');
  await openPreferences(page);
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_state]'), 'Not connected');
  await screenshot(page, 'preferences-not-connected');
  await page.click('.modal .o_zoom_connect');
  await page.waitForSelector('#email');
  assert.ok(page.url().startsWith(`${ZOOM_URL}/oauth/authorize?`), page.url());
  await page.fill('#email', 'carol@example.com');
  await screenshot(page, 'zoom-consent-page');
  await page.click('#approve');
  await page.waitForSelector('.o_zoom_result_title');
  assert.ok(page.url().startsWith(`${ODOO_URL}/zoom/oauth/callback?`), page.url());
  assert.equal(await text(page, '.o_zoom_result_title'), 'Zoom connected');
  assert.match(await page.textContent('.o_zoom_result_message'), /carol@example\.com/);
  await screenshot(page, 'zoom-connected');
  await page.click('.o_zoom_back');
  await waitForWebClient(page);
  await openPreferences(page);
  await page.waitForSelector('.modal .o_zoom_disconnect', { state: 'visible' });
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_state]'), 'Connected');
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_email]'), 'carol@example.com');
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
  assert.equal(await text(page, '.o_zoom_result_title'), 'Zoom not connected');
  assert.match(await page.textContent('.o_zoom_result_message'), /already connected to another Odoo user/);
  await screenshot(page, 'same-zoom-account-refused');
  await page.context().close();
});

test('a booking made in Odoo gets its Zoom meeting as its video call; a webhook marks it started', async () => {
  const page = await newPage(browser);
  await page.setViewportSize(WIDE);
  await login(page, 'bob');
  await openMenu(page, 'calendar.mail_menu_calendar');
  await page.waitForSelector('.o_calendar_view');
  await page.click('.o_switch_view.o_list');
  await page.waitForSelector('.o_list_view');
  await page.click('.o_list_button_add:visible');
  await page.waitForSelector('.o_form_view .o_form_editable');
  await page.fill(`${field('name')} input`, BOOKING);
  const monday = nextMonday();
  const start = page.locator(`${field('start')} input`).first();
  await start.fill(odooDatetime({ ...monday, hour: 10, minute: 0 }));
  await start.press('Enter');
  await page.fill(`${field('group_calendar_id')} input`, 'Sales Round');
  await page.click('.o-autocomplete--dropdown-item:has-text("Sales Round Robin")');
  // The calendar's duration comes with it (onchange).
  await page.waitForFunction((selector) => document.querySelector(selector).value === '00:30',
    `${field('duration')} input`);
  // A booking on a Zoom calendar is not offered Discuss's video call.
  assert.equal(await page.isVisible('.o_form_view button[name=set_discuss_videocall_location]'), false);
  await screenshot(page, 'booking-form-filled');
  await page.click('.o_form_button_save');
  await page.waitForFunction(() => /[#&]id=\d+/.test(window.location.hash));
  // The Zoom meeting is made once the booking is committed, after the save's
  // answer: the form reads the booking again and shows it, no reload needed.
  // The save's own answer (read before the commit) says Pending: wait for
  // that re-read to render, rather than reading the badge at once (a race
  // that a loaded machine lost).
  const badge = `${field('zoom_meeting_status')} .badge`;
  await page.waitForSelector(badge);
  await page.waitForFunction((selector) => document.querySelector(selector).textContent.trim() === 'Scheduled',
    badge, { timeout: 10000 }).catch(() => {});
  assert.equal(await text(page, badge), 'Scheduled');
  // The booking's host (bob: the high priority of Sales Round Robin's demo
  // data) sees the Zoom link as the event's video call, Odoo's own "Join
  // video call" button, and his start link.
  const joinUrl = await videocallUrl(page);
  assert.ok(joinUrl && joinUrl.startsWith(`${ZOOM_URL}/j/`), joinUrl);
  assert.ok(await page.isVisible('.o_form_view button[name=action_join_video_call]'));
  assert.equal(await page.isVisible('.o_form_view button[name=clear_videocall_location]'), false);
  const startLink = page.locator(`${field('zoom_start_url')} a`);
  assert.ok(await startLink.isVisible(), 'the host sees the start link');
  assert.ok((await startLink.getAttribute('href')).startsWith(`${ZOOM_URL}/s/`));
  assert.ok(await page.isVisible('.o_form_view button.o_zoom_start'));
  assert.ok(await page.isVisible('.o_form_view .o_zoom_reassign button'));
  await screenshot(page, 'booking-with-zoom-link');
  const eventUrl = page.url();
  // Reassign opens its wizard: the next member by the calendar's rules, or
  // one chosen (none is, here: Cancel).
  await page.click('.o_form_view .o_zoom_reassign button');
  await page.waitForSelector('.modal .o_form_view .o_field_widget[name=user_id]');
  assert.match(await text(page, '.modal .o_field_widget[name=current_user_id]'), /Bob Baker/);
  await screenshot(page, 'booking-reassign-wizard');
  await page.click('.modal .modal-footer button:has-text("Cancel")');
  await page.waitForSelector('.modal', { state: 'detached' });

  // Another member sees the join link, not the host's start link.
  const alicePage = await newPage(browser);
  await login(alicePage, 'alice');
  await alicePage.goto(eventUrl);
  await alicePage.waitForSelector(field('videocall_location'));
  assert.equal(await videocallUrl(alicePage), joinUrl);
  assert.equal(await alicePage.isVisible(`${field('zoom_start_url')} a`), false);
  assert.equal(await alicePage.isVisible('.o_form_view button.o_zoom_start'), false);
  await screenshot(alicePage, 'booking-seen-by-another-member');
  await alicePage.context().close();

  // Calendar > Zoom Meetings lists it, scheduled.
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

  // The graph: meetings per host and week.
  await page.click('.o_switch_view.o_graph');
  await page.waitForSelector('.o_graph_renderer canvas');
  await screenshot(page, 'zoom-meetings-graph');
  await page.context().close();
});

test('a visitor books on the public page and the host sees it in Odoo', async () => {
  // The team finds the calendar's public link on its form.
  const admin = await newPage(browser);
  await admin.setViewportSize(WIDE);
  await login(admin, 'admin', 'admin');
  await openMenu(admin, 'calendar.mail_menu_calendar');
  await openMenu(admin, 'zoom_calendar.calendar_group_menu');
  await admin.click('.o_list_view tr.o_data_row:has-text("Sales Round Robin")');
  const link = admin.locator(`${field('booking_url')} a`);
  await link.waitFor();
  const bookingUrl = await link.getAttribute('href');
  // The demo gives the calendar a readable address.
  assert.equal(bookingUrl, `${ODOO_URL}/book/sales`);
  // The members, their share of the bookings against their weight's.
  await admin.waitForSelector('.o_field_widget[name=member_line_ids] .o_data_row');
  assert.equal(await admin.locator('.o_field_widget[name=member_line_ids] .o_data_row').count(), 3);
  await screenshot(admin, 'group-calendar-members');
  await admin.click('.o_notebook .nav-link:has-text("Public booking page")');
  assert.equal(await admin.inputValue(`${field('resource_calendar_id')} input`), 'Booking hours Mon-Fri 09:00-17:00');
  await screenshot(admin, 'group-calendar-booking-page');
  await admin.context().close();

  // The visitor is in New York: the page shows its times there.
  const page = await newPage(browser, { timezoneId: 'America/New_York' });
  await page.goto(bookingUrl);
  await page.waitForURL(/[?&]tz=America%2FNew_York/);
  assert.equal(await text(page, '.o_booking_title'), 'Sales Round Robin');
  assert.equal(await text(page, '.o_booking_tz'), 'America/New York');
  assert.equal(await text(page, '.o_booking_duration'), '30 minutes');
  // 17.0's frontend layout: the company's logo above, the page's own card.
  assert.ok(await page.isVisible('header#top img[src="/web/binary/company_logo"]'));
  await screenshot(page, 'visitor-booking-page');
  const slot = page.locator('a.o_booking_slot').first();
  const slotKey = await slot.getAttribute('data-slot');
  await slot.click();
  await page.waitForSelector('form.o_booking_form');
  const formOpened = Date.now();
  // A bad email gets a clear message, and the form keeps what was typed.
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
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/booked/')),
    page.click('.o_booking_submit'),
  ]);
  // The confirmation's address holds its secret: no Referer, no cache.
  assert.equal(response.headers()['referrer-policy'], 'no-referrer');
  assert.equal(response.headers()['cache-control'], 'no-store');
  await page.waitForSelector('.o_booking_title.o_booking_ok');
  assert.equal(await text(page, '.o_booking_title'), 'You are booked');
  const joinUrl = await page.getAttribute('a.o_booking_join_url', 'href');
  assert.ok(joinUrl.startsWith(`${ZOOM_URL}/`), joinUrl);
  const meeting = (await fake('GET', 'meetings')).meetings
    .find((m) => m.topic === `Sales Round Robin: ${VISITOR.name}`);
  assert.ok(meeting, 'the fake Zoom holds the meeting');
  const registrant = (meeting.registrants || []).find((r) => r.email === VISITOR.email);
  assert.ok(registrant, 'the visitor is registered in Zoom');
  assert.equal(joinUrl, registrant.join_url, 'the confirmation shows the visitor\'s own link');
  assert.notEqual(joinUrl, meeting.join_url);
  const hostName = await text(page, '.o_booking_host');
  await screenshot(page, 'visitor-booking-confirmed');
  await page.context().close();

  // The host finds the booking in their calendar; its popover holds the
  // Zoom link as Odoo's own "Join Video Call".
  const host = LOGINS[hostName];
  assert.ok(host, `the host is a demo user: ${hostName}`);
  const hostPage = await newPage(browser);
  await hostPage.setViewportSize(WIDE);
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
  const join = hostPage.locator(`.o_popover a[href="${meeting.join_url}"]`);
  await join.waitFor();
  assert.match(await join.textContent(), /Join Video Call/);
  await screenshot(hostPage, 'host-booking-popover');
  await hostPage.click('.o_popover .o_cw_popover_edit');
  await hostPage.waitForSelector(field('name'));
  assert.equal(await hostPage.inputValue(`${field('name')} input`), `Sales Round Robin: ${VISITOR.name}`);
  assert.equal(await videocallUrl(hostPage), meeting.join_url);
  await screenshot(hostPage, 'host-opens-booking');
  await hostPage.context().close();
});
