// Prints the benchmark's tables from the JSON lines that debrief-load,
// debrief-storage-bench and debrief-disk-floor appended (one line per run).
// Each network scenario ran against relay, durable and debrief in turn, once
// per pair; a column holds a target's figures, pair by pair, and the ratios
// are debrief / relay and debrief / durable per pair, then their median over
// the pairs. Saturation's debrief-2t run (Debrief with --threads 2) has rows
// of its own, set in the debrief column. The disk floor (append +
// fdatasync) has its own small table below, and the host scenario, which has
// no peer, its own table of variants (0, 1 and 3 host consoles, measured in
// turn in one run).
//
// Usage: node bench/table.mjs results.jsonl

import fs from 'node:fs';

const file = process.argv[2];
const runs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
for (const r of runs) if (r.target === 'peer') r.target = 'relay';  // result files from before the durable peer

const w = (r) => r.window ?? {};
const runsOf = (scenario, target) => runs.filter((r) => r.scenario === scenario && r.target === target);
const diskRuns = runsOf('disk', 'disk');
const fromFloor = (value) => (r, p) => {
  const floor = diskRuns[p]?.fdatasync_ms?.p99;
  return Number.isFinite(value(r)) && Number.isFinite(floor) ? value(r) - floor : undefined;
};

// [scenario, label, value(run, pair), which way is better ('low' | 'high' | 'none': no ratio), target,
//  options: {of: the run's target in the debrief column, only: the targets that have this figure}]
// Labels stay within 16 characters so that three pairs fit in 110 columns.
const lostSteps = (r) => (r.steps ?? []).reduce((n, s) => n + s.lost, 0);
const metrics = [
  ['load', 'deliver p50 ms', (r) => w(r).deliver_ms?.p50, 'low', ''],
  ['load', 'deliver p99 ms', (r) => w(r).deliver_ms?.p99, 'low', '≤1.0× durable'],
  ['load', 'p99 - disk p99', fromFloor((r) => w(r).deliver_ms?.p99), 'none', '≤2 ms',
   { only: ['durable', 'debrief'] }],
  ['load', 'deliver p99.9 ms', (r) => w(r).deliver_ms?.p999, 'low', ''],
  ['load', 'p99.9 ÷ p99', (r) => w(r).deliver_ms?.p999 / w(r).deliver_ms?.p99, 'none', '≤3'],
  ['load', 'deliver max ms', (r) => w(r).deliver_ms?.max, 'low', ''],
  ['load', 'ack p99 ms', (r) => w(r).ack_ms?.p99, 'low', ''],
  ['load', 'CPU µs/event', (r) => w(r).server_cpu_us_per_event, 'low', '≤0.8× durable'],
  ['load', 'delivered/s', (r) => w(r).delivered_per_s, 'high', ''],
  ['load', 'RSS B/conn', (r) => r.rss_per_connection_bytes, 'low', ''],
  ['load', 'lost', (r) => w(r).lost, 'none', '0'],
  ['load', 'generator CPU', (r) => w(r).generator_cpu_share, 'none', '<0.9'],
  ['saturate', 'cmd/s p99≤100ms', (r) => r.held_rate, 'high', ''],
  ['saturate', 'held delivered/s', (r) => r.held_delivered_per_s, 'high', ''],
  ['saturate', 'cmd/s p99≤50ms', (r) => r.held_rate_50ms, 'high', '≥1.5× durable'],
  ['saturate', 'lost', lostSteps, 'none', '0'],
  ['saturate', '2t cmd/s p99≤100', (r) => r.held_rate, 'high', '', { of: 'debrief-2t' }],
  ['saturate', '2t cmd/s p99≤50', (r) => r.held_rate_50ms, 'high', '≥1.5× durable', { of: 'debrief-2t' }],
  ['saturate', '2t lost', lostSteps, 'none', '0', { of: 'debrief-2t' }],
  ['idle', 'RSS B/conn', (r) => r.rss_per_connection_bytes, 'low', '≤6144 B'],
  ['burst', 'all have it, ms', (r) => r.burst_max_ms, 'low', ''],
  ['burst', 'deliver p99 ms', (r) => w(r).deliver_ms?.p99, 'low', ''],
  ['burst', 'lost', (r) => w(r).lost, 'none', '0'],
];
const storageModes = [
  ['single', 'commits/s 1/txn', ''],
  ['grouped', 'events/s grouped', '≥100k/s'],
  ['writer', 'events/s writer', ''],
];
const titles = { load: 'PD day', saturate: 'saturation', idle: 'idle', burst: 'burst', storage: 'storage' };

function fmt(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toString();
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  if (Number.isInteger(v)) return v.toString();
  return v.toFixed(2);
}
// At most five characters: 12345 is 12.3k.
function short(v) {
  if (Number.isFinite(v) && Math.abs(v) >= 100000) return `${Math.round(v / 1000)}k`;
  if (Number.isFinite(v) && Math.abs(v) >= 10000) return `${(v / 1000).toFixed(1)}k`;
  return fmt(v);
}
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : undefined);

const networkTargets = ['relay', 'durable', 'debrief', 'debrief-2t'];
const networkRuns = ['load', 'saturate', 'idle', 'burst'].flatMap((s) => networkTargets.map((t) => runsOf(s, t)));
const pairs = Math.max(1, diskRuns.length, ...networkRuns.map((list) => list.length));

// A run's mark after its figure: it failed, was invalid, or hit the rate cap.
function mark(scenario, label, r) {
  if (!r) return '';
  if (r.exit_code) return '✗';
  if (r.valid === false) return '!';
  return scenario === 'saturate' && r.capped_by_room_rate && label.includes('cmd/s') ? '+' : '';
}

// The three target columns hold one figure per pair (an array, aligned per
// pair by print).
const rows = [['', 'relay', 'durable', 'debrief', '÷relay', '÷durable', 'target']];
let section = '';
for (const [scenario, label, get, better, target, options = {}] of metrics) {
  const columns = { relay: 'relay', durable: 'durable', debrief: options.of ?? 'debrief' };
  const of = Object.fromEntries(Object.entries(columns).map(([column, t]) => [column, runsOf(scenario, t)]));
  if (options.of ? of.debrief.length === 0 : Object.values(of).every((list) => list.length === 0)) continue;
  if (titles[scenario] !== section) {
    section = titles[scenario];
    rows.push([section]);
  }
  const row = [` ${label}`];
  const values = {};
  for (const [column, t] of Object.entries(columns)) {
    const shown = !options.only || options.only.includes(t);
    const runOf = (p) => (shown ? of[column][p] : undefined);
    values[column] = Array.from({ length: pairs }, (_, p) => (runOf(p) ? get(runOf(p), p) : undefined));
    row.push(values[column].map((v, p) => [short(v), shown ? mark(scenario, label, of[column][p]) : '']));
  }
  for (const peer of ['relay', 'durable']) {
    const m = better === 'none' ? undefined : median(values.debrief.map((v, p) => ratio(v, values[peer][p])));
    row.push(m === undefined ? '-' : m.toFixed(2));
  }
  row.push(target);
  rows.push(row);
}
const storage = runs.filter((r) => r.scenario === 'storage');
const none = Array.from({ length: pairs }, () => ['-', '']);
if (storage.length > 0) rows.push([titles.storage]);
for (const [mode, label, target] of storageModes) {
  const values = storage.filter((r) => r.mode === mode).map((r) => r.events_per_s);
  if (values.length === 0) continue;
  rows.push([` ${label}`, none, none, none.map((_, p) => [short(values[p]), '']), '-', '-', target]);
}

// Label columns (the first labelColumns, and the last with lastIsLabel) are
// aligned left, figures right; a cell that is an array holds one [figure,
// mark] per pair, each figure aligned with the same pair's in the rows above
// and below, its mark after it; a row of one cell is a section's title.
function print(table, labelColumns, lastIsLabel = false) {
  const cells = table.filter((r) => r.length > 1);
  const parts = table[0].map((_, i) => {
    const lists = cells.map((r) => r[i]).filter(Array.isArray);
    if (lists.length === 0) return null;
    const widest = (p, k) => Math.max(...lists.map((l) => l[p][k].length));
    return Array.from(lists[0], (_, p) => [widest(p, 0), widest(p, 1)]);
  });
  const text = (c, i) =>
    Array.isArray(c)
      ? c.map(([figure, m], p) => figure.padStart(parts[i][p][0]) + m.padEnd(parts[i][p][1])).join(' ')
      : String(c ?? '');
  const widths = table[0].map((_, i) => Math.max(...cells.map((r) => text(r[i], i).length)));
  const left = (i) => i < labelColumns || (lastIsLabel && i === widths.length - 1);
  const line = (r) =>
    r.map((c, i) => (left(i) ? text(c, i).padEnd(widths[i]) : text(c, i).padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(table[0]));
  console.log(widths.map((n) => '-'.repeat(n)).join('  '));
  let last = '';
  for (const r of table.slice(1)) {
    if (r.length === 1) {
      console.log(r[0]);
      continue;
    }
    const shown = r[0] === last ? ['', ...r.slice(1)] : r;
    last = r[0];
    console.log(line(shown));
  }
}

let printed = false;
if (rows.length > 1) {
  print(rows, 1, true);
  const order = pairs === 1 ? 'of the one pair' : `of pairs 1${pairs > 2 ? '…' : ' and '}${pairs}, left to right`;
  console.log(`relay, durable, debrief: that target's figures ${order} (each pair runs them in turn).`);
  console.log('÷relay, ÷durable: the median over the pairs of debrief ÷ that peer. 2t: Debrief with --threads 2, in');
  console.log('the debrief column. p99 - disk p99: deliver p99 minus the same pair\'s disk fdatasync p99 (below), in');
  console.log('ms. ✗: that run lost, refused or broke something (see its log above). !: INVALID, the generator used');
  console.log('more than 90% of a core. +: saturation stopped at the per-room rate cap, so the held rate is a lower');
  console.log('bound. Targets (issue 19) are shown, never asserted: bench/README.md.');
  printed = true;
}

// ---- the disk's floor: one measurement per pair ----
if (diskRuns.length > 0) {
  const floor = [['disk floor (append + fdatasync)', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'syncs/s']];
  diskRuns.forEach((r, p) => {
    const ms = r.fdatasync_ms ?? {};
    floor.push([`pair ${p + 1}: ${r.records} x ${r.record_bytes} B`, fmt(ms.p50), fmt(ms.p99), fmt(ms.p999),
                fmt(ms.max), fmt(r.syncs_per_s)]);
  });
  if (printed) console.log('');
  print(floor, 1);
  printed = true;
  console.log('in the folder the databases and the durable peer\'s log use, just before each pair\'s PD day.');
}

// ---- host consoles: one run per pair, its variants side by side ----
const hostRuns = runs.filter((r) => r.scenario === 'host' && r.target === 'debrief');
const hostMetrics = [
  ['rooms: deliver p50 ms', (v) => v.deliver_ms?.p50],
  ['rooms: deliver p99 ms', (v) => v.deliver_ms?.p99],
  ['rooms: deliver p99.9 ms', (v) => v.deliver_ms?.p999],
  ['rooms: deliver max ms', (v) => v.deliver_ms?.max],
  ['rooms: server CPU us/event', (v) => v.server_cpu_us_per_event],
  ['rooms: lost', (v) => v.lost],
  ['host update p50 ms', (v) => v.host_latency_ms?.p50],
  ['host update p99 ms', (v) => v.host_latency_ms?.p99],
  ['host update max ms', (v) => v.host_latency_ms?.max],
  ['host messages/s (each)', (v) => v.host_messages_per_s],
  ['host bytes/s (each)', (v) => v.host_bytes_per_s],
  ['host summaries/s (each)', (v) => v.host_summaries_per_s],
  ['rooms not caught up', (v) => v.stale_rooms],
  ['generator: consoles\' thread CPU', (v) => v.hosts_thread_cpu_share],
];
if (hostRuns.length > 0) {
  const counts = [...new Set(hostRuns.flatMap((r) => (r.variants ?? []).map((v) => v.hosts)))].sort((a, b) => a - b);
  const head = ['host consoles', 'metric'];
  hostRuns.forEach((r, p) => {
    for (const n of counts) head.push(`${n} host${n === 1 ? '' : 's'}${hostRuns.length > 1 ? ` #${p + 1}` : ''}`);
  });
  const table = [head];
  for (const [label, get] of hostMetrics) {
    const row = [`${hostRuns[0].rooms} rooms x ${hostRuns[0].clients}`, label];
    for (const r of hostRuns) {
      const m = r.exit_code ? ' FAIL' : r.valid === false ? ' !' : '';
      for (const n of counts) {
        const v = (r.variants ?? []).find((x) => x.hosts === n);
        row.push(v ? fmt(get(v)) + m : '-');
      }
    }
    table.push(row);
  }
  if (printed) console.log('');
  print(table, 2);
  console.log('host update = from the moment a room\'s first member has an event to the moment a host console has the');
  console.log('room summary naming its seq (summaries are coalesced: at most one message a second per console). Each');
  console.log('variant runs in turn in the same run and server; "each" = per host console. FAIL: that run lost, refused or');
  console.log('broke something; !: INVALID, as above.');
}
