// End-to-end test of the orders example (src/example), which embeds the hub, in a real Chromium.
//
//   node orders-page.test.mjs http://127.0.0.1:9080/
//
// Two pages of one customer and one page of another: an order placed in one page shows in both of
// its customer's pages and in no other; an order that rolls back shows nowhere. Prints
// "browser: 1 passed, 0 failed" and exits 0 on success; prints what went wrong and exits 1 otherwise.

import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 15_000;
const HARD_TIMEOUT_MS = 75_000;
const QUIET_MS = 2_000;

const base = process.argv[2];
if (!base) {
  console.error('usage: node orders-page.test.mjs <base-url>');
  process.exit(2);
}

let browser = null;
let step = 'start';
const pageLog = [];

async function cleanUp() {
  if (browser) {
    const closing = browser.close().catch(() => {});
    browser = null;
    await Promise.race([closing, sleep(5_000)]);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function fail(message) {
  console.error(`browser: FAILED at step "${step}": ${message}`);
  for (const line of pageLog.slice(-20)) console.error('  ' + line);
  console.log('browser: 0 passed, 1 failed');
  await cleanUp();
  process.exit(1);
}

const hardTimeout = setTimeout(() => fail(`the test did not finish within ${HARD_TIMEOUT_MS / 1000} s`), HARD_TIMEOUT_MS);

/** The rows of a page's order table, as {id, item, quantity, status}. */
const rowsOf = (page) => page.evaluate(() => Array.from(document.querySelectorAll('#orders tr')).map((row) => ({
  id: row.cells[0].textContent,
  item: row.querySelector('.item').textContent,
  quantity: row.querySelector('.quantity').textContent,
  status: row.querySelector('.status').textContent,
})));

async function waitForRow(page, name, item, status) {
  try {
    await page.waitForFunction(([item, status]) => Array.from(document.querySelectorAll('#orders tr'))
      .some((row) => row.querySelector('.item').textContent === item && row.querySelector('.status').textContent === status),
    [item, status], { timeout: WAIT_MS, polling: 100 });
  } catch (e) {
    throw new Error(`${name} did not show ${item} as ${status} within ${WAIT_MS / 1000} s; it shows ${JSON.stringify(await rowsOf(page))}`);
  }
}

async function openAs(context, name, customer) {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') pageLog.push(`${name} console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageLog.push(`${name} page error: ${error.message}`));
  const response = await page.goto(base, { waitUntil: 'load' });
  if (!response || !response.ok()) throw new Error(`GET ${base} answered ${response ? response.status() : 'nothing'}`);
  await page.fill('#login [name="customer"]', customer);
  await page.click('#login button');
  await page.waitForFunction(() => document.getElementById('connection').textContent === 'connected', null, { timeout: WAIT_MS });
  return page;
}

async function order(page, item, quantity) {
  await page.fill('#place [name="item"]', item);
  await page.fill('#place [name="quantity"]', String(quantity));
  await page.click('#place button');
}

async function run() {
  step = 'launch chromium';
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const alice = `alice${tag.replace(/[^a-z]/g, '')}`.slice(0, 32);
  const bob = `bob${tag.replace(/[^a-z]/g, '')}`.slice(0, 32);

  step = 'log in: two pages of one customer, one of another';
  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const aliceFirst = await openAs(aliceContext, 'alice page 1', alice);
  const aliceSecond = await openAs(aliceContext, 'alice page 2', alice);
  const bobPage = await openAs(bobContext, 'bob page', bob);

  step = 'an order commits: it shows in every page of its customer';
  await order(aliceFirst, `tea ${tag}`, 2);
  await waitForRow(aliceFirst, 'alice page 1', `tea ${tag}`, 'placed');
  await waitForRow(aliceSecond, 'alice page 2', `tea ${tag}`, 'placed');

  step = 'an order rolls back: the page says why and no page shows it';
  await order(aliceFirst, `gold ${tag}`, 50);
  await aliceFirst.waitForFunction(() => document.getElementById('message').textContent.includes('only 10'), null, { timeout: WAIT_MS })
    .catch(async () => { throw new Error(`the page's message is "${await aliceFirst.textContent('#message')}", expected the refusal`); });
  // A later order that commits arrives after anything published before it: once it shows, the
  // rolled-back one would have shown too.
  await order(aliceFirst, `coffee ${tag}`, 1);
  await waitForRow(aliceSecond, 'alice page 2', `coffee ${tag}`, 'placed');
  for (const [name, page] of [['alice page 1', aliceFirst], ['alice page 2', aliceSecond], ['bob page', bobPage]]) {
    if ((await rowsOf(page)).some((row) => row.item === `gold ${tag}`)) throw new Error(`${name} shows the rolled-back order`);
  }

  step = 'a change commits: every page of the customer shows it';
  await aliceSecond.click(`#orders tr:has(td.item:text-is("tea ${tag}")) button.ship`);
  await waitForRow(aliceFirst, 'alice page 1', `tea ${tag}`, 'shipped');

  step = "another customer's orders stay theirs";
  await order(bobPage, `cocoa ${tag}`, 3);
  await waitForRow(bobPage, 'bob page', `cocoa ${tag}`, 'placed');
  await sleep(QUIET_MS);
  if ((await rowsOf(aliceFirst)).some((row) => row.item === `cocoa ${tag}`)) throw new Error("alice's page shows bob's order");
  if ((await rowsOf(bobPage)).some((row) => row.item.startsWith('tea') || row.item.startsWith('coffee'))) {
    throw new Error("bob's page shows alice's orders");
  }
}

try {
  await run();
  clearTimeout(hardTimeout);
  await cleanUp();
  console.log('browser: 1 passed, 0 failed');
  process.exit(0);
} catch (e) {
  clearTimeout(hardTimeout);
  await fail(e && e.message ? e.message : String(e));
}
