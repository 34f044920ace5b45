// Drives the dashboard's controls in the machine's headless Chromium against a whole running observatory (real
// trainer behind the dashboard): a wrong token is refused; starts a run from the page, cancels it from its row,
// starts a second one and overlays it on the first's chart; the smoothing slider re-computes the findings.
// Started by e2e-tests' DashboardControlBrowserTest. Exits non-zero with the reason on the first failed check.
// Environment: BASE_URL (the dashboard), TOKEN (the trainer's API token), OUT_DIR (screenshot), CHROMIUM (default
// /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE_URL = process.env.BASE_URL;
const OUT_DIR = process.env.OUT_DIR;
const TOKEN = process.env.TOKEN;
const PATIENCE_MS = 120_000;

function check(condition, message) {
  if (!condition) { throw new Error('CHECK FAILED: ' + message); }
  console.log('ok - ' + message);
}

async function run(runId) {
  const response = await fetch(BASE_URL + '/api/runs/' + encodeURIComponent(runId));
  return response.ok ? response.json() : null;
}

/** Starts a run from the form; returns its id from the trainer's answer shown on the page. */
async function clickStart(page) {
  await page.evaluate(() => { document.querySelector('#control-answer').textContent = ''; });
  await page.click('#start');
  await page.waitForFunction(() => /^\d{3} /.test(document.querySelector('#control-answer').textContent),
      null, { timeout: PATIENCE_MS });
  return page.textContent('#control-answer');
}

async function startFromPage(page, epochs, seed) {
  await page.fill('#spec-epochs', String(epochs));
  await page.fill('#spec-seed', String(seed));
  const answer = await clickStart(page);
  check(/^20[12] /.test(answer), 'the trainer accepted the run started from the page: ' + answer.slice(0, 80));
  return JSON.parse(answer.slice(4)).runId;
}

const rowStatus = (page, runId) => page.textContent(`#runs tr[data-run="${runId}"] td:nth-child(3)`);

mkdirSync(OUT_DIR, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  await page.goto(BASE_URL + '/');
  await page.waitForFunction(() => document.querySelector('#control-state').textContent.startsWith('(trainer '),
      null, { timeout: PATIENCE_MS });
  check(!(await page.isDisabled('#start')), 'the start control is enabled: the dashboard knows its trainer');
  await page.click('#control summary');

  // ---- the trainer's token guards starting ----
  await page.fill('#token', 'not-the-token');
  const refused = await clickStart(page);
  check(refused.startsWith('401 '), 'a wrong token is refused by the trainer: ' + refused.slice(0, 60));
  await page.fill('#token', TOKEN);

  // ---- start, then cancel from the run's row ----
  const cancelled = await startFromPage(page, 500, 7);
  await page.waitForSelector(`#runs tr[data-run="${cancelled}"] button.cancel:not([hidden])`, { timeout: PATIENCE_MS });
  check(true, `run ${cancelled} is listed as RUNNING with a Cancel button`);
  await page.click(`#runs tr[data-run="${cancelled}"] button.cancel`);
  await page.waitForFunction(id => document.querySelector(`#runs tr[data-run="${id}"] td:nth-child(3)`)
      ?.textContent.startsWith('CANCELLED'), cancelled, { timeout: PATIENCE_MS });
  check((await rowStatus(page, cancelled)).startsWith('CANCELLED'), 'the page shows the run CANCELLED');
  check((await run(cancelled))?.status === 'CANCELLED', 'the dashboard API has it CANCELLED (from the run-ended event)');

  // ---- a second run, overlaid on the first's chart ----
  const second = await startFromPage(page, 1, 8);
  await page.waitForFunction(id => document.querySelector(`#runs tr[data-run="${id}"] td:nth-child(3)`)
      ?.textContent.startsWith('COMPLETED'), second, { timeout: PATIENCE_MS });
  check(true, `run ${second} completed`);
  await page.click(`#runs tr[data-run="${cancelled}"] td:nth-child(2)`);
  await page.waitForFunction(id => document.querySelector('#run-title').textContent === id, cancelled);
  await page.click(`#runs tr[data-run="${second}"] input.overlay`);
  await page.waitForFunction(id => document.querySelector('#chart-main').textContent.includes('test loss ' + id),
      second, { timeout: PATIENCE_MS });
  check(true, `the chart of ${cancelled} overlays the test loss of ${second}`);

  // ---- the smoothing slider asks the server for findings at the new half-width ----
  await page.$eval('#smoothing', slider => { slider.value = '3'; slider.dispatchEvent(new Event('input')); });
  await page.waitForFunction(() => document.querySelector('#findings').textContent.includes('Smoothing h = 3,'),
      null, { timeout: PATIENCE_MS });
  check((await page.textContent('#smoothing-value')) === '3', 'the smoothing slider re-computed the findings at h = 3');
  await page.screenshot({ path: join(OUT_DIR, 'dashboard-controls.png'), fullPage: true });
} finally {
  await browser.close();
}
