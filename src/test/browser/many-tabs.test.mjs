// The demo page in many tabs of one real Chromium over HTTPS: every tab connects and counts.
//
//   node many-tabs.test.mjs https://localhost:8443/ 10
//
// Over HTTP/1.1 a browser holds at most six connections per host, and each tab's EventSource keeps
// one, so a seventh tab never loads; over HTTP/2 every tab's stream shares one connection. The hub's
// certificate is the test's own self-signed one, so certificate errors are ignored. Prints
// "browser: 1 passed, 0 failed" and exits 0 on success; prints what went wrong and exits 1 otherwise.

import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 20_000;
const HARD_TIMEOUT_MS = 100_000;

const base = process.argv[2];
const tabs = Number.parseInt(process.argv[3] ?? '10', 10);
if (!base || !(tabs > 0)) {
  console.error('usage: node many-tabs.test.mjs <https-base-url> <tabs>');
  process.exit(2);
}

let context = null;
let userDataDir = null;

async function cleanUp() {
  if (context) {
    const closing = context.close().catch(() => {});
    context = null;
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  if (userDataDir) {
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    userDataDir = null;
  }
}

async function fail(message) {
  console.error(`browser: FAILED: ${message}`);
  console.log('browser: 0 passed, 1 failed');
  await cleanUp();
  process.exit(1);
}

const hardTimeout = setTimeout(() => fail(`the test did not finish within ${HARD_TIMEOUT_MS / 1000} s`), HARD_TIMEOUT_MS);

const readCounter = () => {
  const value = Number.parseInt(document.getElementById('counter').textContent, 10);
  return Number.isFinite(value) ? value : null;
};

async function waitInPage(page, tab, description, fn, arg) {
  try {
    const handle = await page.waitForFunction(fn, arg, { timeout: WAIT_MS, polling: 100 });
    return await handle.jsonValue();
  } catch (e) {
    const status = await page.evaluate(() => document.getElementById('status')?.textContent).catch(() => '?');
    throw new Error(`tab ${tab}: timed out waiting for ${description}; status "${status}"`);
  }
}

async function run() {
  userDataDir = await mkdtemp(join(tmpdir(), 'ssehub-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT_MS,
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
  });
  context.setDefaultTimeout(WAIT_MS);
  const pages = [context.pages()[0] ?? (await context.newPage())];
  while (pages.length < tabs) pages.push(await context.newPage());

  // Every tab loads the page and connects while the others stay connected.
  for (const [i, page] of pages.entries()) {
    const response = await page.goto(base, { waitUntil: 'load' });
    if (!response || !response.ok()) throw new Error(`tab ${i + 1}: GET ${base} answered ${response ? response.status() : 'nothing'}`);
    const protocol = await page.evaluate(() => performance.getEntriesByType('navigation')[0].nextHopProtocol);
    if (protocol !== 'h2') throw new Error(`tab ${i + 1}: the page came over ${protocol}, not h2`);
    await page.click('#connect');
    await waitInPage(page, i + 1, 'status "connected"', () => document.getElementById('status').textContent.trim() === 'connected');
  }

  // All of them receive: each tab's counter moves on while every tab is open.
  const firsts = await Promise.all(pages.map((page, i) => waitInPage(page, i + 1, 'a number in #counter', readCounter)));
  await Promise.all(pages.map((page, i) => waitInPage(page, i + 1, `#counter to reach ${firsts[i] + 2}`, (target) => {
    const value = Number.parseInt(document.getElementById('counter').textContent, 10);
    return Number.isFinite(value) && value >= target;
  }, firsts[i] + 2)));
  const still = await Promise.all(pages.map((page) => page.evaluate(() => document.getElementById('status').textContent.trim())));
  const dropped = still.map((status, i) => [i + 1, status]).filter(([, status]) => status !== 'connected');
  if (dropped.length) throw new Error(`tabs not connected at the end: ${JSON.stringify(dropped)}`);
  console.log(`browser: ${tabs} tabs connected over h2 and counting`);
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
