// Preferences tell a member what their Zoom account gives their attendees
// and warn when their meeting location needs a Zoom account they have not
// connected. Runs on the demo (scripts/test-browser.sh): dan is connected as
// a Basic Zoom user, admin is not connected and meets on Zoom by default.
'use strict';

const assert = require('node:assert/strict');
const { after, before, test } = require('node:test');

const { launch, newPage, screenshot, login, openPreferences } = require('./helpers');

let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

test('a Basic Zoom user sees their account type and the shared link in Preferences', async () => {
  const page = await newPage(browser);
  await login(page, 'dan');
  await openPreferences(page);
  assert.equal((await page.textContent('.modal .o_field_widget[name=zoom_state]')).trim(), 'Connected');
  assert.equal((await page.textContent('.modal .o_field_widget[name=zoom_user_type]')).trim(), 'Basic');
  await page.waitForSelector('.modal .o_zoom_basic_note', { state: 'visible' });
  assert.match(await page.textContent('.modal .o_zoom_basic_note'),
    /One link for all attendees: personal links need a licensed Zoom account/);
  assert.equal(await page.isVisible('.modal .o_zoom_location_warning'), false);
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
  await screenshot(page, 'preferences-zoom-location-warning');
  // Another location needs no Zoom: the warning goes as soon as it is chosen.
  await page.selectOption('.modal select[name=meeting_location]', { label: 'Phone call' });
  await page.waitForSelector('.modal .o_zoom_location_warning', { state: 'hidden' });
  await page.selectOption('.modal select[name=meeting_location]', { label: 'Zoom' });
  await page.waitForSelector('.modal .o_zoom_location_warning', { state: 'visible' });
  await page.context().close();
});
