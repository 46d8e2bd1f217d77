// Odoo 17.0: Preferences tell a member what their Zoom account gives their
// attendees and warn when their meeting location needs a Zoom account they
// have not connected. Runs on the demo (scripts/test-browser.sh --odoo17):
// dan is connected as a Basic Zoom user, admin is not connected and meets on
// Zoom by default.
'use strict';

process.env.ODOO_SERIES = '17.0';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const { launch, newPage, screenshot, login, openPreferences } = require('../browser_tests/helpers');

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

const text = async (page, selector) => (await page.textContent(selector)).trim();

test('a Basic Zoom user sees their account type and the shared link in Preferences', async () => {
  const page = await newPage(browser);
  await login(page, 'dan');
  await openPreferences(page);
  // Native 17.0 Preferences: the Zoom group sits in the Preferences tab.
  await page.waitForSelector('.modal .o_notebook .o_group:has(.o_zoom_connect, .o_zoom_disconnect)');
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_state]'), 'Connected');
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_user_type]'), 'Basic');
  await page.waitForSelector('.modal .o_zoom_basic_note', { state: 'visible' });
  assert.match(await page.textContent('.modal .o_zoom_basic_note'),
    /One link for all attendees: personal links need a licensed Zoom account/);
  assert.equal(await page.isVisible('.modal .o_zoom_location_warning'), false);
  assert.equal(await page.isVisible('.modal .o_zoom_connect'), false);
  assert.equal(await page.isVisible('.modal .o_zoom_disconnect'), true);
  await screenshot(page, 'preferences-basic-zoom-account');
  await page.context().close();
});

test('a user meeting on Zoom without a Zoom account is warned at once', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin');
  await openPreferences(page);
  await page.waitForSelector('.modal .o_zoom_location_warning', { state: 'visible' });
  assert.match(await page.textContent('.modal .o_zoom_location_warning'), /Connect Zoom/);
  assert.equal(await page.isVisible('.modal .o_zoom_connect'), true);
  assert.equal(await text(page, '.modal .o_field_widget[name=zoom_state]'), 'Not connected');
  await screenshot(page, 'preferences-zoom-location-warning');
  // Another location needs no Zoom: the warning goes as soon as it is chosen.
  const location = '.modal .o_field_widget[name=meeting_location] select';
  await page.selectOption(location, { label: 'Phone call' });
  await page.waitForSelector('.modal .o_zoom_location_warning', { state: 'hidden' });
  await page.selectOption(location, { label: 'Zoom' });
  await page.waitForSelector('.modal .o_zoom_location_warning', { state: 'visible' });
  // A custom location asks for its text.
  await page.selectOption(location, { label: 'Custom' });
  await page.waitForSelector('.modal .o_field_widget[name=meeting_location_custom] input', { state: 'visible' });
  await page.context().close();
});
