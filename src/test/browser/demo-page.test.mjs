// End-to-end test of the demo page in a real Chromium.
//
//   node demo-page.test.mjs http://127.0.0.1:8080/
//
// The hub must run with the demo on. Prints "browser: 1 passed, 0 failed" and exits 0 on success;
// prints what went wrong and exits 1 otherwise.

import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 15_000;
const HARD_TIMEOUT_MS = 60_000;
const QUIET_MS = 2_500;

const base = process.argv[2];
if (!base) {
  console.error('usage: node demo-page.test.mjs <base-url>');
  process.exit(2);
}

let context = null;
let userDataDir = null;
let step = 'start';
const pageLog = [];

async function cleanUp() {
  if (context) {
    const closing = context.close().catch(() => {});
    context = null;
    await Promise.race([closing, sleep(5_000)]);
  }
  if (userDataDir) {
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    userDataDir = null;
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function fail(message) {
  console.error(`browser: FAILED at step "${step}": ${message}`);
  if (pageLog.length) {
    console.error('page log:');
    for (const line of pageLog.slice(-20)) console.error('  ' + line);
  }
  console.log('browser: 0 passed, 1 failed');
  await cleanUp();
  process.exit(1);
}

const hardTimeout = setTimeout(() => {
  fail(`the test did not finish within ${HARD_TIMEOUT_MS / 1000} s`);
}, HARD_TIMEOUT_MS);

/** Waits until fn (run in the page) returns a truthy value, and returns that value. */
async function waitInPage(page, description, fn, arg) {
  try {
    const handle = await page.waitForFunction(fn, arg, { timeout: WAIT_MS, polling: 100 });
    return await handle.jsonValue();
  } catch (e) {
    if (e && e.name === 'TimeoutError') {
      const snapshot = await page.evaluate(() => ({
        status: document.getElementById('status')?.textContent,
        counter: document.getElementById('counter')?.textContent,
        price: document.getElementById('price')?.textContent,
        error: document.getElementById('notify-error')?.textContent,
      })).catch(() => ({}));
      throw new Error(`timed out after ${WAIT_MS / 1000} s waiting for ${description}; page shows ${JSON.stringify(snapshot)}`);
    }
    throw e;
  }
}

const readCounter = () => {
  const value = Number.parseInt(document.getElementById('counter').textContent, 10);
  return Number.isFinite(value) ? value : null;
};

async function run() {
  step = 'launch chromium';
  userDataDir = await mkdtemp(join(tmpdir(), 'ssehub-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: WAIT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageLog.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageLog.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Closing the EventSource aborts its request; that is expected.
    if (!request.url().includes('/.well-known/mercure')) {
      pageLog.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
    }
  });

  step = 'open the page';
  const response = await page.goto(base, { waitUntil: 'load' });
  if (!response || !response.ok()) {
    throw new Error(`GET ${base} answered ${response ? response.status() : 'nothing'}`);
  }
  const title = await page.title();
  if (title !== 'ssehub demo') throw new Error(`the title is "${title}", expected "ssehub demo"`);
  const initial = await page.locator('#status').textContent();
  if (initial.trim() !== 'disconnected') throw new Error(`the status is "${initial}" before Connect, expected "disconnected"`);
  if (!(await page.locator('#stop').isDisabled())) throw new Error('Stop is enabled while disconnected');

  step = 'connect';
  await page.click('#connect');
  await waitInPage(page, 'status "connected"', () => document.getElementById('status').textContent.trim() === 'connected');
  if (!(await page.locator('#connect').isDisabled())) throw new Error('Connect is still enabled while connected');

  step = 'counter advances';
  const first = await waitInPage(page, 'a number in #counter', readCounter);
  await waitInPage(page, `#counter to reach ${first + 2}`, (target) => {
    const value = Number.parseInt(document.getElementById('counter').textContent, 10);
    return Number.isFinite(value) && value >= target;
  }, first + 2);

  step = 'ticker price';
  const price = await waitInPage(page, 'a number in #price', () => {
    const text = document.getElementById('price').textContent.trim();
    return /^-?\d+(\.\d+)?$/.test(text) && Number.isFinite(Number(text)) ? text : null;
  });
  if (!(Number(price) > 0)) throw new Error(`#price shows "${price}", expected a positive number`);

  step = 'publish a notification';
  const text = `browser test ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await page.fill('#notify-text', text);
  await page.click('#notify-form [type="submit"]');
  const outcome = await waitInPage(page, `a notification "${text}" in #notifications`, (expected) => {
    const items = Array.from(document.querySelectorAll('#notifications > li'));
    if (items.some((li) => li.textContent === expected)) return { ok: true };
    const error = document.getElementById('notify-error').textContent.trim();
    return error ? { ok: false, error } : null;
  }, text);
  if (!outcome.ok) throw new Error(`the page reported "${outcome.error}"`);

  step = 'stop';
  await page.click('#stop');
  await waitInPage(page, 'status "disconnected"', () => document.getElementById('status').textContent.trim() === 'disconnected');
  if (await page.locator('#connect').isDisabled()) throw new Error('Connect is still disabled after Stop');
  if (!(await page.locator('#stop').isDisabled())) throw new Error('Stop is still enabled after Stop');
  const stopped = await page.evaluate(readCounter);
  await sleep(QUIET_MS);
  const later = await page.evaluate(readCounter);
  if (later !== stopped) throw new Error(`the counter went on from ${stopped} to ${later} after Stop`);
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
