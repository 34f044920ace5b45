// Drives the dashboard page in the machine's headless Chromium and checks it against the dashboard's own API.
// Started by DashboardBrowserTest (mode "check") and DashboardScaleBenchmark (mode "bench"), which run the
// dashboard against a real Kafka broker and publish the run's events. Talks to its starter through stdout:
//   "PUBLISH-LIVE"    asks the starter to publish one more epoch now (the page must show it without reload)
//   "RESULT <json>"   the measured figures
// Exits non-zero with the reason on the first failed check.
// Environment: BASE_URL, RUN_ID, OUT_DIR (screenshots, downloads), MODE, CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const BASE_URL = process.env.BASE_URL;
const RUN_ID = process.env.RUN_ID;
const OUT_DIR = process.env.OUT_DIR;
const MODE = process.env.MODE || 'check';
const TIMEOUT_MS = 30_000;

const stdinLines = createInterface({ input: process.stdin });
const acks = [];
stdinLines.on('line', line => { const waiter = acks.shift(); if (waiter) { waiter(line); } });
const ask = message => new Promise(resolve => { acks.push(resolve); console.log(message); });

function check(condition, message) {
  if (!condition) { throw new Error('CHECK FAILED: ' + message); }
  console.log('ok - ' + message);
}

async function api(path) {
  const response = await fetch(BASE_URL + path);
  if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
  return response.json();
}

mkdirSync(OUT_DIR, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = {};
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', m => { if (m.type() === 'error') { consoleErrors.push(m.text()); } });
  page.on('pageerror', e => consoleErrors.push(String(e)));

  // ---- page usable: from navigation start to the first full render with data ----
  const started = Date.now();
  await page.goto(BASE_URL + '/?run=' + encodeURIComponent(RUN_ID));
  await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT_MS }).catch(async e => {
    throw new Error('the page never became ready: ' + e.message + '\nconsole: ' + consoleErrors.join(' | ')
        + '\n#error: ' + await page.textContent('#error'));
  });
  result.pageUsableMs = Date.now() - started;
  result.readyMark = await page.evaluate(() => performance.getEntriesByName('observatory-ready')[0].startTime);
  console.log('page usable after ' + result.pageUsableMs + ' ms (performance mark ' + Math.round(result.readyMark) + ' ms)');

  // ---- points: every epoch, or the min/max thinning the API says it served ----
  const overview = await api('/api/runs/' + encodeURIComponent(RUN_ID) + '/timeline?maxPoints='
      + await page.evaluate(() => 2 * Math.max(600, document.documentElement.clientWidth - 60)));
  const points = await page.evaluate(() => window.observatory.pointsDrawn());
  result.points = points;
  result.rowsInRange = overview.rowsInRange;
  check(points === overview.rows.length, `chart has the ${overview.rows.length} points the API served (drew ${points})`);
  const detailText = await page.textContent('#detail');
  if (overview.downsampled) {
    check(detailText.includes('of ' + overview.rowsInRange), 'the page says it shows a thinned view: ' + detailText);
  } else {
    check(detailText.includes('all ' + overview.rowsInRange), 'the page says it shows every epoch: ' + detailText);
  }

  // ---- bands and markers where the summary says ----
  const summary = await api('/api/runs/' + encodeURIComponent(RUN_ID) + '/summary?smoothing='
      + await page.evaluate(() => window.observatory.state.smoothing));
  const findings = summary.findings;
  const drawn = await page.evaluate(() => window.observatory.drawn());
  check(JSON.stringify(drawn.bands.map(b => [b.phase, b.fromEpoch, b.toEpoch]))
      === JSON.stringify(findings.phaseBands.map(b => [b.phase, b.fromEpoch, b.toEpoch])),
      `the ${findings.phaseBands.length} phase bands drawn are the summary's`);
  check(JSON.stringify(drawn.transitions.map(t => [t.epoch, t.from, t.to]))
      === JSON.stringify(findings.transitions.map(t => [t.epoch, t.from, t.to])),
      `transition markers at the summary's epochs ${findings.transitions.map(t => t.epoch)}`);
  check(JSON.stringify(drawn.minima.map(m => m.epoch)) === JSON.stringify(findings.minima.map(m => m.epoch)),
      `minimum markers at the summary's epochs ${findings.minima.map(m => m.epoch)}`);
  check(drawn.optimum && drawn.optimum.epoch === findings.globalOptimumEpoch,
      `global optimum marker at epoch ${findings.globalOptimumEpoch}`);
  // The markers sit where the x axis puts their epochs, in epoch order.
  const xs = drawn.minima.map(m => m.x);
  check(xs.every((x, i) => i === 0 || x > xs[i - 1]), 'minimum markers are left to right in epoch order');
  if (MODE === 'check') {
    // Pixels: down the middle of the widest chaos band the canvas background is tinted red, of an order band blue
    // (light pixels only: curves and markers crossing the column are not the band).
    const widest = phase => drawn.bands.filter(b => b.phase === phase).sort((a, b) => (b.x1 - b.x0) - (a.x1 - a.x0))[0];
    for (const [phase, redder] of [['chaos', true], ['order', false]]) {
      const band = widest(phase);
      check(band !== undefined, 'there is a ' + phase + ' band to look at');
      const pixels = [];
      for (let k = 1; k < 20; k++) {
        pixels.push(await page.evaluate(([x, f]) => window.observatory.pixel(x, f), [(band.x0 + band.x1) / 2, k / 20]));
      }
      // The canvas is transparent over the white page: composite each RGBA pixel over white first.
      const light = pixels.map(([r, g, b, a]) => [r, g, b].map(c => c * a / 255 + 255 * (1 - a / 255)))
        .filter(([r, g, b]) => r + g + b > 600);
      const tinted = light.filter(([r, , b]) => redder ? r > b + 10 : b > r + 10);
      check(light.length >= 10 && tinted.length === light.length,
        `the ${phase} band is painted: ${tinted.length} of ${light.length} background pixels down its middle tinted`);
    }
  }
  const findingsText = await page.textContent('#claim');
  check(findingsText.includes(findings.globalOptimumVsFirstOrderToChaos.atTransition === null ? 'cannot tell'
      : findings.globalOptimumVsFirstOrderToChaos.atTransition ? 'yes' : 'no'), 'the optimum-at-transition claim is shown: ' + findingsText);

  // ---- zoom, then a live event: the new row arrives without reload and the zoom stays ----
  const over = await page.locator('#chart-main .u-over').boundingBox();
  await page.mouse.move(over.x + over.width * 0.25, over.y + over.height / 2);
  await page.mouse.down();
  await page.mouse.move(over.x + over.width * 0.5, over.y + over.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => window.observatory.state.zoom !== null, null, { timeout: TIMEOUT_MS });
  const zoom = await page.evaluate(() => window.observatory.state.zoom);
  check(zoom[0] > 0 && zoom[1] > zoom[0], `zoomed by dragging to epochs ${zoom.map(Math.round)}`);
  if (MODE === 'bench') {
    await page.waitForFunction(() => !document.getElementById('detail').textContent.includes('of '), null, { timeout: TIMEOUT_MS })
      .catch(() => {});
    result.zoomDetail = await page.textContent('#detail');
    console.log('zoomed detail: ' + result.zoomDetail);
  }
  const epochsBefore = await page.evaluate(() => window.observatory.state.timelines.get(window.observatory.state.picked).rows.at(-1).epoch);
  const liveEpoch = Number(await ask('PUBLISH-LIVE'));
  check(liveEpoch > epochsBefore, `the starter published epoch ${liveEpoch}`);
  await page.waitForFunction(e => window.observatory.state.timelines.get(window.observatory.state.picked).rows.some(r => r.epoch === e && r.asymptoticDistance !== null),
    liveEpoch, { timeout: TIMEOUT_MS });
  const xScale = await page.evaluate(() => { const s = window.observatory.state.charts.main.scales.x; return [s.min, s.max]; });
  check(Math.abs(xScale[0] - zoom[0]) < 1e-6 && Math.abs(xScale[1] - zoom[1]) < 1e-6,
    `live epoch ${liveEpoch} arrived without reload and the zoom stayed at ${xScale.map(Math.round)}`);
  check(await page.evaluate(() => document.getElementById('live').classList.contains('on')), 'the live indicator is on');

  // ---- reset zoom, then exports ----
  await page.click('#reset-zoom');
  // The chart's x scale follows the reloaded data a frame later than the state: wait for it, then check it.
  await page.waitForFunction(([first, last]) => {
    const x = window.observatory.state.charts.main.scales.x;
    return window.observatory.state.zoom === null && document.getElementById('chart-main').dataset.loadedRange === 'all'
      && x.min <= first && x.max >= last;
  }, [overview.rows[0].epoch, liveEpoch], { timeout: TIMEOUT_MS }).catch(() => {});
  const resetScale = await page.evaluate(() => { const s = window.observatory.state.charts.main.scales.x; return [s.min, s.max]; });
  check(resetScale[0] <= overview.rows[0].epoch && resetScale[1] >= liveEpoch,
    `reset zoom shows the whole run again (epochs ${resetScale.map(Math.round)})`);
  const screenshot = join(OUT_DIR, 'dashboard.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log('screenshot ' + screenshot);

  const [png] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT_MS }), page.click('#export-png')]);
  const pngPath = join(OUT_DIR, png.suggestedFilename());
  await png.saveAs(pngPath);
  const pngBytes = readFileSync(pngPath);
  check(pngBytes.subarray(1, 4).toString() === 'PNG' && pngBytes.length > 10_000,
    `exported PNG ${png.suggestedFilename()} (${pngBytes.length} bytes)`);

  const [csv] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT_MS }), page.click('#export-csv')]);
  const csvPath = join(OUT_DIR, csv.suggestedFilename());
  await csv.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trim().split(/\r\n/);
  const all = await api('/api/runs/' + encodeURIComponent(RUN_ID) + '/timeline');
  check(lines[0].startsWith('epoch,trainLoss,testLoss') && lines.length === all.rows.length + 1,
    `exported CSV ${csv.suggestedFilename()} has a header and all ${all.rows.length} rows`);
  check(lines.at(-1).startsWith(String(all.rows.at(-1).epoch) + ','), 'the CSV ends with the live epoch');

  check(consoleErrors.length === 0, 'no errors in the browser console' + (consoleErrors.length ? ': ' + consoleErrors.join(' | ') : ''));
  writeFileSync(join(OUT_DIR, 'result.json'), JSON.stringify(result, null, 2));
  console.log('RESULT ' + JSON.stringify(result));
} finally {
  await browser.close();
  stdinLines.close();
}
