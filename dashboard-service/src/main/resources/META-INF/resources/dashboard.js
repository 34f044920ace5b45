// The dashboard page: runs, the picked run's timeline as three epoch-synchronised uPlot charts (losses with D̃ and
// λ₁, the bifurcation density, instability signals), the server's descent findings drawn over them, live rows over
// server-sent events, zoom with more detail, overlays, exports and the start/cancel controls.
// Everything the charts show comes from the dashboard's REST API; window.observatory exposes what was drawn so the
// browser tests can check it against /summary.
'use strict';

const RUNS_REFRESH_MS = 3000;
const REDRAW_THROTTLE_MS = 250;
const SUMMARY_THROTTLE_MS = 1000;
const BIFURCATION_THROTTLE_MS = 2000;
const BIFURCATION_BINS = 100;
const PHASE_COLOURS = { order: 'rgba(60,120,220,0.13)', edge: 'rgba(240,190,20,0.30)', chaos: 'rgba(220,50,50,0.13)' };
const LEFT_AXIS = 70;
const RIGHT_AXIS = 60;
const OVERLAY_COLOURS = ['#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const state = {
  runs: [],
  picked: new URLSearchParams(location.search).get('run'),
  overlays: new Set(),
  timelines: new Map(),   // runId -> { rows: [...] by epoch, downsampled, rowsInRange }
  summary: null,
  bifurcation: null,
  zoom: null,             // [minEpoch, maxEpoch] while the user has zoomed in, else null
  smoothing: null,        // half-width h; null until the first summary tells the server's default
  control: { enabled: false },
  drawn: { bands: [], minima: [], transitions: [], changePoints: [], optimum: null },
  charts: { main: null, bifurcation: null, instability: null },
  syncing: false,
  ready: false,
  loadedOnce: false,
};

// ---------- helpers ----------
const $ = id => document.getElementById(id);
const enc = encodeURIComponent;
const fmt = (v, digits) => v === null || v === undefined ? '–' : Number(v).toFixed(digits);

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
  return response.json();
}

function showError(message) { $('error').textContent = message || ''; }

function throttle(fn, ms) {
  let timer = null;
  let again = false;
  return function run() {
    if (timer) { again = true; return; }
    fn();
    timer = setTimeout(() => { timer = null; if (again) { again = false; run(); } }, ms);
  };
}

/** Centred moving average with the window cut at the ends: the same rule as the server's Smoothing. */
function smooth(values, h) {
  if (!h) { return values.slice(); }
  const out = new Array(values.length).fill(null);
  // Over the non-null values only, by index, as the server smooths the epochs that have a test loss.
  const idx = [];
  values.forEach((v, i) => { if (v !== null && v !== undefined) { idx.push(i); } });
  const prefix = [0];
  idx.forEach((i, k) => prefix.push(prefix[k] + values[i]));
  idx.forEach((i, k) => {
    const from = Math.max(0, k - h);
    const to = Math.min(idx.length - 1, k + h);
    out[i] = (prefix[to + 1] - prefix[from]) / (to - from + 1);
  });
  return out;
}

function chartWidth() { return Math.max(600, document.documentElement.clientWidth - 60); }

// ---------- data ----------
function maxPoints() { return 2 * chartWidth(); }

async function loadTimeline(runId, range) {
  let path = '/api/runs/' + enc(runId) + '/timeline?maxPoints=' + maxPoints();
  if (range) { path += '&from=' + Math.floor(range[0]) + '&to=' + Math.ceil(range[1]); }
  const view = await getJson(path);
  state.timelines.set(runId, { rows: view.rows, downsampled: view.downsampled, rowsInRange: view.rowsInRange,
    range: range || null });
}

async function loadSummary() {
  if (!state.picked) { return; }
  let path = '/api/runs/' + enc(state.picked) + '/summary';
  if (state.smoothing !== null) { path += '?smoothing=' + state.smoothing; }
  state.summary = await getJson(path);
  if (state.smoothing === null) {
    state.smoothing = state.summary.findings.smoothingHalfWidth;
    $('smoothing').value = state.smoothing;
    $('smoothing-value').textContent = state.smoothing;
  }
  renderFindings();
}

async function loadBifurcation() {
  if (!state.picked) { return; }
  let path = '/api/runs/' + enc(state.picked) + '/bifurcation?bins=' + BIFURCATION_BINS + '&columns='
      + Math.min(4000, chartWidth());
  if (state.zoom) { path += '&from=' + Math.floor(state.zoom[0]) + '&to=' + Math.ceil(state.zoom[1]); }
  state.bifurcation = await getJson(path);
}

/** Upserts a live row into the picked run's loaded rows, keeping them sorted by epoch. */
function upsertRow(runId, row) {
  const timeline = state.timelines.get(runId);
  if (!timeline) { return; }
  const rows = timeline.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (rows[mid].epoch < row.epoch) { lo = mid + 1; } else { hi = mid; } }
  if (lo < rows.length && rows[lo].epoch === row.epoch) { rows[lo] = row; } else { rows.splice(lo, 0, row); timeline.rowsInRange++; }
}

// ---------- chart data ----------
function mainData() {
  const picked = state.timelines.get(state.picked);
  const runs = [state.picked, ...[...state.overlays].filter(r => r !== state.picked && state.timelines.has(r))];
  const epochs = new Set();
  for (const r of runs) { for (const row of state.timelines.get(r)?.rows || []) { epochs.add(row.epoch); } }
  const x = [...epochs].sort((a, b) => a - b);
  const pos = new Map(x.map((e, i) => [e, i]));
  const column = (rows, f) => {
    const out = new Array(x.length).fill(null);
    for (const row of rows) { const v = f(row); out[pos.get(row.epoch)] = v === undefined ? null : v; }
    return out;
  };
  const rows = picked ? picked.rows : [];
  const testLoss = column(rows, r => r.testLoss);
  const data = [x,
    column(rows, r => r.trainLoss),
    testLoss,
    smooth(testLoss, state.smoothing || 0),
    column(rows, r => r.asymptoticDistance),
    column(rows, r => r.largestLyapunovExponent)];
  for (const r of runs.slice(1)) { data.push(smooth(column(state.timelines.get(r).rows, row => row.testLoss), state.smoothing || 0)); }
  return { data, overlays: runs.slice(1) };
}

function instabilityData() {
  const rows = state.timelines.get(state.picked)?.rows || [];
  return [rows.map(r => r.epoch), rows.map(r => r.maxBatchLoss), rows.map(r => r.maxGradientNorm),
    rows.map(r => r.meanGradientNorm), rows.map(r => r.weightNorms ? (r.weightNorms['1_RW'] ?? null) : null)];
}

function bifurcationData() {
  const columns = state.bifurcation?.columns || [];
  return [columns.map(c => (c.fromEpoch + c.toEpoch) / 2), columns.map(() => null)];
}

// ---------- drawing hooks ----------
function plotX(u, epoch) { return u.valToPos(epoch, 'x', true); }

function drawBands(u) {
  const findings = state.summary?.findings;
  state.drawn.bands = [];
  if (!findings) { return; }
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  ctx.save();
  ctx.beginPath(); ctx.rect(left, top, width, height); ctx.clip();
  for (const band of findings.phaseBands) {
    const x0 = plotX(u, band.fromEpoch - 0.5);
    const x1 = plotX(u, band.toEpoch + 0.5);
    ctx.fillStyle = PHASE_COLOURS[band.phase] || 'rgba(0,0,0,0.05)';
    ctx.fillRect(x0, top, x1 - x0, height);
    state.drawn.bands.push({ ...band, x0, x1 });
  }
  ctx.restore();
}

function vline(ctx, x, top, height, colour, dash) {
  ctx.strokeStyle = colour; ctx.setLineDash(dash); ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
}

function drawMarkers(u) {
  const findings = state.summary?.findings;
  state.drawn.minima = []; state.drawn.transitions = []; state.drawn.changePoints = []; state.drawn.optimum = null;
  if (!findings) { return; }
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  const r = 5 * devicePixelRatio;
  ctx.save();
  ctx.beginPath(); ctx.rect(left, top, width, height); ctx.clip();
  for (const t of findings.transitions) {
    const x = plotX(u, t.epoch);
    vline(ctx, x, top, height, t.from === 'order' ? '#d62728' : '#1f5fbf', [6 * devicePixelRatio, 4 * devicePixelRatio]);
    state.drawn.transitions.push({ ...t, x });
  }
  ctx.setLineDash([]);
  for (const c of findings.changePoints) {
    const x = plotX(u, c.epoch);
    ctx.fillStyle = '#6a3d9a';
    ctx.beginPath();
    if (c.direction === 'rise') { ctx.moveTo(x, top); ctx.lineTo(x - r, top + 2 * r); ctx.lineTo(x + r, top + 2 * r); } else { ctx.moveTo(x, top + 2 * r); ctx.lineTo(x - r, top); ctx.lineTo(x + r, top); }
    ctx.fill();
    state.drawn.changePoints.push({ ...c, x });
  }
  for (const m of findings.minima) {
    const x = plotX(u, m.epoch);
    const y = u.valToPos(m.smoothedTestLoss, 'loss', true);
    ctx.fillStyle = '#ff7f0e'; ctx.strokeStyle = '#000'; ctx.lineWidth = devicePixelRatio;
    ctx.beginPath(); ctx.moveTo(x, y + r); ctx.lineTo(x - r, y - r); ctx.lineTo(x + r, y - r); ctx.closePath();
    ctx.fill(); ctx.stroke();
    state.drawn.minima.push({ epoch: m.epoch, x, y });
  }
  if (findings.globalOptimumEpoch !== null) {
    const x = plotX(u, findings.globalOptimumEpoch);
    vline(ctx, x, top, height, '#2ca02c', []);
    ctx.fillStyle = '#2ca02c'; ctx.font = (12 * devicePixelRatio) + 'px sans-serif';
    ctx.fillText('★ optimum ' + findings.globalOptimumEpoch, x + 4 * devicePixelRatio, top + 30 * devicePixelRatio);
    state.drawn.optimum = { epoch: findings.globalOptimumEpoch, x };
  }
  ctx.restore();
}

function drawDensity(u) {
  const grid = state.bifurcation;
  if (!grid || grid.columns.length === 0) { return; }
  const ctx = u.ctx;
  const { top, height, left, width } = u.bbox;
  let max = 1;
  for (const c of grid.columns) { for (const n of c.counts) { if (n > max) { max = n; } } }
  const binHeight = (grid.maxReadout - grid.minReadout) / grid.bins;
  ctx.save();
  ctx.beginPath(); ctx.rect(left, top, width, height); ctx.clip();
  for (const c of grid.columns) {
    const x0 = plotX(u, c.fromEpoch - 0.5);
    const x1 = Math.max(x0 + 1, plotX(u, c.toEpoch + 0.5));
    c.counts.forEach((n, b) => {
      if (n === 0) { return; }
      const y0 = u.valToPos(grid.minReadout + b * binHeight, 'y', true);
      const y1 = u.valToPos(grid.minReadout + (b + 1) * binHeight, 'y', true);
      ctx.fillStyle = 'rgba(30,30,110,' + (0.15 + 0.85 * Math.log1p(n) / Math.log1p(max)).toFixed(3) + ')';
      ctx.fillRect(x0, Math.min(y0, y1), x1 - x0, Math.max(1, Math.abs(y1 - y0)));
    });
  }
  ctx.restore();
}

// ---------- charts ----------
function syncX(source) {
  return [(u, key) => {
    if (key !== 'x' || state.syncing) { return; }
    const { min, max } = u.scales.x;
    state.syncing = true;
    for (const chart of Object.values(state.charts)) { if (chart && chart !== u) { chart.setScale('x', { min, max }); } }
    state.syncing = false;
    if (source === 'user') { onUserZoom(min, max); }
  }];
}

function baseOptions(height) {
  return {
    width: chartWidth(), height,
    cursor: { sync: { key: 'epochs' }, drag: { x: true, y: false } },
    legend: { live: true },
    scales: { x: { time: false } },
  };
}

function createMain() {
  const { data, overlays } = mainData();
  const opts = baseOptions(360);
  opts.title = 'Losses (log), D̃ and λ₁';
  opts.scales.loss = { distr: 3 };
  opts.scales.dt = {};
  opts.scales.lyap = {};
  opts.axes = [{ label: 'epoch' }, { scale: 'loss', label: 'loss (log scale)', size: LEFT_AXIS },
    { scale: 'dt', side: 1, label: 'D̃', grid: { show: false }, stroke: '#555', size: RIGHT_AXIS },
    { scale: 'lyap', side: 1, label: 'λ₁ per step', grid: { show: false }, stroke: '#8c564b', size: RIGHT_AXIS }];
  opts.series = [{ label: 'epoch' },
    { label: 'train loss', scale: 'loss', stroke: '#1f77b4', width: 1 },
    { label: 'test loss (raw)', scale: 'loss', stroke: 'rgba(255,127,14,0.45)', width: 1 },
    { label: 'test loss (smoothed)', scale: 'loss', stroke: '#ff7f0e', width: 2 },
    { label: 'D̃', scale: 'dt', stroke: '#333', width: 1, dash: [4, 3] },
    { label: 'λ₁', scale: 'lyap', stroke: '#8c564b', width: 1 },
    ...overlays.map((r, i) => ({ label: 'test loss ' + r, scale: 'loss', stroke: OVERLAY_COLOURS[i % OVERLAY_COLOURS.length], width: 1.5 }))];
  opts.hooks = { drawClear: [drawBands], draw: [drawMarkers], setScale: syncX('user') };
  state.charts.main = new uPlot(opts, data, $('chart-main'));
  state.charts.main.overlays = overlays;
}

function createInstability() {
  const opts = baseOptions(200);
  opts.title = 'Training instability';
  opts.scales.batch = { distr: 3 };
  opts.scales.grad = { distr: 3 };
  opts.scales.norm = {};
  opts.axes = [{ label: 'epoch' }, { scale: 'batch', label: 'max batch loss (log)', size: LEFT_AXIS },
    { scale: 'grad', side: 1, label: 'gradient norm (log)', grid: { show: false }, size: RIGHT_AXIS },
    { scale: 'norm', side: 1, label: '‖RW‖', grid: { show: false }, size: RIGHT_AXIS }];
  opts.series = [{ label: 'epoch' },
    { label: 'max batch loss', scale: 'batch', stroke: '#d62728', width: 1 },
    { label: 'max gradient norm', scale: 'grad', stroke: '#2ca02c', width: 1 },
    { label: 'mean gradient norm', scale: 'grad', stroke: 'rgba(44,160,44,0.5)', width: 1 },
    { label: 'weight norm 1_RW', scale: 'norm', stroke: '#9467bd', width: 1 }];
  opts.hooks = { setScale: syncX('user') };
  state.charts.instability = new uPlot(opts, instabilityData(), $('chart-instability'));
}

function createBifurcation() {
  const opts = baseOptions(200);
  opts.title = 'Bifurcation: per-probe Σ h_T (centred per epoch), density';
  opts.scales.y = { auto: false, range: () => bifurcationRange() };
  // Two blank right axes, so the plot area lines up with the other charts' epochs.
  const blank = { scale: 'y', side: 1, size: RIGHT_AXIS, label: ' ', values: () => [], grid: { show: false }, ticks: { show: false } };
  opts.axes = [{ label: 'epoch' }, { scale: 'y', label: 'Σ h_T − mean', size: LEFT_AXIS }, blank, { ...blank }];
  opts.series = [{ label: 'epoch' }, { label: 'probes', scale: 'y', stroke: 'rgba(30,30,110,0.8)', points: { show: false } }];
  opts.hooks = { draw: [drawDensity], setScale: syncX('user') };
  state.charts.bifurcation = new uPlot(opts, bifurcationData(), $('chart-bifurcation'));
}

function bifurcationRange() {
  const g = state.bifurcation;
  return g && g.columns.length ? [g.minReadout, g.maxReadout] : [-1, 1];
}

function fullRange() {
  const x = state.charts.main?.data[0] || [];
  return x.length ? [x[0], x[x.length - 1]] : null;
}

function applyRange() {
  const range = state.zoom || fullRange();
  if (!range) { return; }
  state.syncing = true;
  for (const chart of Object.values(state.charts)) { if (chart) { chart.setScale('x', { min: range[0], max: Math.max(range[1], range[0] + 1) }); } }
  state.syncing = false;
}

function render() {
  const { data, overlays } = mainData();
  const main = state.charts.main;
  if (!main || main.overlays.join() !== overlays.join()) {
    for (const chart of Object.values(state.charts)) { if (chart) { chart.destroy(); } }
    createMain(); createBifurcation(); createInstability();
  } else {
    main.setData(data, false);
    state.charts.instability.setData(instabilityData(), false);
    state.charts.bifurcation.setData(bifurcationData(), false);
  }
  applyRange();
  const timeline = state.timelines.get(state.picked);
  $('chart-main').dataset.points = String(state.charts.main.data[0].length);
  // What the picked run's loaded rows cover: "all" epochs (possibly thinned) or the zoomed range fetched in detail.
  $('chart-main').dataset.loadedRange = timeline && timeline.range ? timeline.range.map(Math.round).join('-') : 'all';
  $('detail').textContent = timeline ? (timeline.downsampled
      ? 'showing ' + timeline.rows.length + ' of ' + timeline.rowsInRange + ' epochs (min/max per bucket, zoom for detail)'
      : 'all ' + timeline.rows.length + ' epochs') : '';
}

const redraw = throttle(render, REDRAW_THROTTLE_MS);

// ---------- zoom ----------
async function onUserZoom(min, max) {
  const full = fullRangeOfRun();
  if (full && min <= full[0] && max >= full[1]) { return; }
  state.zoom = [min, max];
  try {
    const timeline = state.timelines.get(state.picked);
    if (timeline && (timeline.downsampled || timeline.range)) {
      await loadTimeline(state.picked, state.zoom);
    }
    await loadBifurcation();
    render();
  } catch (e) { showError('Zoom: ' + e.message); }
}

function fullRangeOfRun() {
  const run = state.runs.find(r => r.runId === state.picked);
  return run ? [1, Math.max(1, run.epochsTrained, run.epochsAnalysed)] : null;
}

async function resetZoom() {
  state.zoom = null;
  await loadPicked();
}

// ---------- live ----------
let source = null;
function subscribe(runId) {
  if (source) { source.close(); }
  source = new EventSource('/api/runs/' + enc(runId) + '/stream');
  source.onopen = () => $('live').className = 'live on';
  source.onerror = () => $('live').className = 'live off';
  source.onmessage = event => {
    const row = JSON.parse(event.data);
    upsertRow(runId, row);
    redraw();
    refreshSummary();
    if (row.analysedAt) { refreshBifurcation(); }
  };
}

const refreshSummary = throttle(() => loadSummary().then(redraw).catch(e => showError(e.message)), SUMMARY_THROTTLE_MS);
const refreshBifurcation = throttle(() => loadBifurcation().then(redraw).catch(e => showError(e.message)), BIFURCATION_THROTTLE_MS);

// ---------- runs, overlays, controls ----------
async function refreshRuns() {
  state.runs = await getJson('/api/runs');
  if (!state.loadedOnce) {
    const wanted = state.picked && state.runs.some(r => r.runId === state.picked) ? state.picked : state.runs[0]?.runId;
    if (wanted) { state.loadedOnce = true; await pick(wanted); }
  }
  const body = document.querySelector('#runs tbody');
  body.replaceChildren(...state.runs.map(runRow));
}

function runRow(run) {
  const tr = document.createElement('tr');
  tr.dataset.run = run.runId;
  if (run.runId === state.picked) { tr.className = 'picked'; }
  const overlay = document.createElement('input');
  overlay.type = 'checkbox';
  overlay.className = 'overlay';
  overlay.checked = state.overlays.has(run.runId);
  overlay.disabled = run.runId === state.picked;
  overlay.addEventListener('click', e => { e.stopPropagation(); toggleOverlay(run.runId, overlay.checked); });
  const status = document.createElement('span');
  status.className = run.status;
  status.textContent = run.status + (run.reason ? ' (' + run.reason + ')' : '');
  const progress = document.createElement('progress');
  progress.max = run.epochsPlanned || 1;
  progress.value = run.epochsTrained;
  const progressCell = document.createElement('span');
  progressCell.append(progress, ' ' + run.epochsTrained + ' / ' + (run.epochsPlanned ?? '–'));
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  cancel.className = 'cancel';
  cancel.hidden = !(state.control.enabled && run.status === 'RUNNING');
  cancel.addEventListener('click', e => { e.stopPropagation(); cancelRun(run.runId); });
  const cells = [overlay, run.runId, status, run.startedAt ?? '–', progressCell, String(run.epochsAnalysed), fmt(run.latestTestLoss, 4), cancel];
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell; }
    tr.appendChild(td);
  }
  tr.addEventListener('click', () => pick(run.runId));
  return tr;
}

async function toggleOverlay(runId, on) {
  if (on) { await loadTimeline(runId, null); state.overlays.add(runId); } else { state.overlays.delete(runId); state.timelines.delete(runId); }
  render();
}

async function pick(runId) {
  state.picked = runId;
  state.overlays.delete(runId);
  state.zoom = null;
  history.replaceState(null, '', '?run=' + enc(runId));
  subscribe(runId);
  await loadPicked();
  document.querySelectorAll('#runs tbody tr').forEach(tr => tr.classList.toggle('picked', tr.dataset.run === runId));
}

async function loadPicked() {
  const runId = state.picked;
  $('run-title').textContent = runId;
  $('export-csv').href = '/api/runs/' + enc(runId) + '/timeline?format=csv';
  $('export-csv').download = runId + '-timeline.csv';
  await Promise.all([loadTimeline(runId, null), loadSummary(), loadBifurcation()]);
  render();
  if (!state.ready) {
    state.ready = true;
    document.body.dataset.ready = 'true';
    performance.mark('observatory-ready');
  }
}

async function refreshControl() {
  try { state.control = await getJson('/api/control'); } catch (e) { state.control = { enabled: false }; }
  $('control-state').textContent = state.control.enabled ? '(trainer ' + state.control.trainerUrl + ')' : '(read-only: no trainer configured)';
  $('start').disabled = !state.control.enabled;
}

function authorization() { return { Authorization: 'Bearer ' + $('token').value.trim() }; }

async function controlCall(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...authorization() }, body });
  const text = await response.text();
  $('control-answer').textContent = response.status + ' ' + text;
  return response;
}

async function startRun(event) {
  event.preventDefault();
  const spec = { epochs: Number($('spec-epochs').value), seed: Number($('spec-seed').value),
    labelNoise: Number($('spec-noise').value), architecture: $('spec-arch').value };
  await controlCall('/api/control/runs', JSON.stringify(spec));
}

async function cancelRun(runId) { await controlCall('/api/control/runs/' + enc(runId) + '/cancel', ''); }

// ---------- findings ----------
function renderFindings() {
  const f = state.summary.findings;
  const claim = f.globalOptimumVsFirstOrderToChaos;
  const list = (items, show) => items.length ? '<ul>' + items.map(i => '<li>' + show(i) + '</li>').join('') + '</ul>' : ' none';
  const dist = d => d === null ? '–' : (d > 0 ? '+' : '') + d;
  $('findings').innerHTML =
    '<p>Smoothing h = ' + f.smoothingHalfWidth + ', ' + f.checkpointsUsed + ' checkpoints, ' + f.epochsAnalysed
    + ' analysed (phases from ' + (f.phaseSource ?? '–') + '). Global optimum: epoch ' + (f.globalOptimumEpoch ?? '–')
    + '; overfitting from epoch ' + (f.overfittingEpoch ?? '–') + '.</p>'
    + '<p class="claim" id="claim">Global optimum at the first order→chaos transition: '
    + (claim.atTransition === null ? 'cannot tell (no such transition yet)' : (claim.atTransition ? 'yes' : 'no')
      + ' (transition at ' + claim.firstOrderToChaosEpoch + ', ' + dist(claim.epochsApart) + ' epochs, tolerance ' + claim.toleranceEpochs + ')')
    + '</p>'
    + '<div>Local minima:' + list(f.minima, m => 'epoch ' + m.epoch + ' (prominence ' + fmt(m.prominence, 4) + '): transition '
      + dist(m.epochsToNearestTransition) + ', D̃ change point ' + dist(m.epochsToNearestChangePoint) + ', training-loss spike '
      + dist(m.epochsToNearestSpike) + ' epochs') + '</div>'
    + '<div>Descent cycles:' + list(f.descentCycles, c => c.startEpoch + ' → peak ' + c.peakEpoch + ' → ' + c.endEpoch
      + ' (up ' + fmt(c.ascent, 4) + ', down ' + fmt(c.descent, 4) + ')') + '</div>'
    + '<div>Transitions:' + list(f.transitions, t => t.from + '→' + t.to + ' at ' + t.epoch) + '</div>'
    + '<div>D̃ change points:' + list(f.changePoints, c => c.direction + ' at ' + c.epoch + ' (ΔD̃ ' + fmt(c.delta, 2) + ')') + '</div>'
    + '<div>Edge-of-chaos windows:' + list(f.edgeWindows, w => w.fromEpoch + '–' + w.toEpoch + ' (' + w.width + ' epochs)') + '</div>'
    + '<div>Training-loss spikes:' + list(f.trainingLossSpikes, s => 'epoch ' + s.epoch + ' (' + fmt(s.before, 4) + ' → ' + fmt(s.after, 4) + ')') + '</div>';
}

// ---------- export ----------
function exportPng() {
  const charts = Object.values(state.charts).filter(Boolean);
  const canvases = charts.map(c => c.ctx.canvas);
  const title = 28 * devicePixelRatio;
  const out = document.createElement('canvas');
  out.width = Math.max(...canvases.map(c => c.width));
  out.height = title + canvases.reduce((h, c) => h + c.height, 0);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#222'; ctx.font = (14 * devicePixelRatio) + 'px sans-serif';
  ctx.fillText('Descent Observatory – ' + state.picked + (state.zoom ? ' (epochs ' + Math.round(state.zoom[0]) + '–' + Math.round(state.zoom[1]) + ')' : ''), 8, 20 * devicePixelRatio);
  let y = title;
  for (const c of canvases) { ctx.drawImage(c, 0, y); y += c.height; }
  out.toBlob(blob => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = state.picked + '.png';
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }, 'image/png');
}

// ---------- start ----------
window.observatory = {
  state,
  pointsDrawn: () => state.charts.main ? state.charts.main.data[0].length : 0,
  drawn: () => JSON.parse(JSON.stringify(state.drawn)),
  /** RGBA of the main chart's canvas at CSS-pixel offset (x, y) from the plot area's top-left corner. */
  pixel: (xCanvas, yFraction) => {
    const u = state.charts.main;
    const y = u.bbox.top + yFraction * u.bbox.height;
    return Array.from(u.ctx.getImageData(Math.round(xCanvas), Math.round(y), 1, 1).data);
  },
};

$('smoothing').addEventListener('input', () => {
  state.smoothing = Number($('smoothing').value);
  $('smoothing-value').textContent = state.smoothing;
  redraw();
  refreshSummary();
});
$('reset-zoom').addEventListener('click', () => resetZoom().catch(e => showError(e.message)));
$('export-png').addEventListener('click', exportPng);
$('start-form').addEventListener('submit', e => startRun(e).catch(err => showError(err.message)));

async function tick() {
  try { await refreshRuns(); showError(''); } catch (e) { showError('Cannot refresh: ' + e.message); }
}
refreshControl().then(tick);
setInterval(tick, RUNS_REFRESH_MS);
