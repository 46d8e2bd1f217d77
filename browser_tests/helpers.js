// Shared set-up of the browser tests: Debian's Chromium driven by
// playwright-core, the servers started by scripts/test-browser.sh (their
// addresses come in the environment), screenshots into artifacts/browser/
// (artifacts/browser17/ for 17.0). The web client's DOM differs between
// Odoo 11.0 and 17.0: the helpers that touch it follow ODOO_SERIES ('11.0'
// by default; browser_tests17/ sets '17.0' before requiring this file).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ODOO_URL = required('ODOO_URL');
const ZOOM_URL = required('ZOOM_URL');
const ARTIFACTS = process.env.ARTIFACTS || path.join(__dirname, '..', 'artifacts', 'browser');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium calls home at start,
// which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const VIEWPORT = { width: 1100, height: 720 };
const SERIES = process.env.ODOO_SERIES || '11.0';
const ODOO17 = SERIES === '17.0';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with 'make test-browser'`);
  return value.replace(/\/$/, '');
}

async function launch() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// A browser context of its own (cookies, timezone) for one person.
async function newPage(browser, { timezoneId = 'Europe/Brussels' } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId, locale: 'en-US' });
  context.setDefaultTimeout(30000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`  [page error] ${error.message}`));
  return page;
}

let shot = 0;
async function screenshot(page, name) {
  // Odoo's "Loading" badge, while an RPC runs, is no part of the picture.
  await page.waitForSelector('.o_loading', { state: 'hidden', timeout: 5000 }).catch(() => {});
  shot += 1;
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Logs in through Odoo's login form and waits for the web client.
async function login(page, login, password = login) {
  await page.goto(`${ODOO_URL}/web/login`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await waitForWebClient(page, 60000);
}

// The web client is up: the user menu shows (17.0 shows only the avatar).
async function waitForWebClient(page, timeout = 30000) {
  const selector = ODOO17 ? '.o_user_menu .o_user_avatar' : '.o_user_menu .oe_topbar_name';
  await page.waitForSelector(selector, { state: 'visible', timeout });
}

async function openPreferences(page) {
  if (ODOO17) {
    await page.click('.o_user_menu .dropdown-toggle');
    await page.click('.o_user_menu [data-menu=settings]');
  } else {
    await page.click('.o_user_menu > a');
    await page.click('.o_user_menu a[data-menu=settings]');
  }
  await page.waitForSelector('.modal .o_form_view', { state: 'visible' });
}

// Opens a menu by its XML id: an app (17.0: through the apps menu) or an
// entry of the app's menu bar (11.0: the top menu or the left-hand submenu).
async function openMenu(page, xmlid) {
  if (!ODOO17) {
    await page.click(`a[data-menu-xmlid="${xmlid}"]:visible`);
    return;
  }
  // An entry of the current app's menu bar (shown once the app is loaded),
  // else an app, from the apps menu.
  const entry = page.locator(`.o_main_navbar .o_menu_sections [data-menu-xmlid="${xmlid}"]`).first();
  try {
    await entry.waitFor({ state: 'visible', timeout: 3000 });
  } catch (error) {
    await page.click('.o_navbar_apps_menu .dropdown-toggle');
    await page.click(`.o_navbar_apps_menu [data-menu-xmlid="${xmlid}"]`);
    return;
  }
  await entry.click();
}

// The fake Zoom server's control API (fake_zoom/README.md).
async function fake(method, route, body) {
  const response = await fetch(`${ZOOM_URL}/_fake/${route}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`fake Zoom ${method} /_fake/${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

// 'MM/DD/YYYY HH:mm:ss', the en_US format of Odoo's datetime fields.
function odooDatetime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.month)}/${pad(date.day)}/${date.year} ${pad(date.hour)}:${pad(date.minute)}:00`;
}

// The next Monday at least two days from now, as {year, month, day} in
// Brussels: a working day the demo's calendars take bookings on.
function nextMonday() {
  const parts = (date) => Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Brussels', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  let date = new Date(Date.now() + 2 * 86400000);
  while (parts(date).weekday !== 'Mon') date = new Date(date.getTime() + 86400000);
  const p = parts(date);
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

module.exports = {
  ODOO_URL, ZOOM_URL, SERIES, launch, newPage, screenshot, login, waitForWebClient, openPreferences, openMenu,
  fake, odooDatetime, nextMonday,
};
