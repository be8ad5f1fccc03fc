// Prints the benchmark's one table from the JSON lines that debrief-load and
// debrief-storage-bench appended (one line per run). Peer and project runs
// of a scenario are paired in the order they ran (A B A B ...); the ratio is
// project / peer for each pair, then the median of the ratios. The host
// scenario has no peer: its own table sets its variants (0, 1 and 3 host
// consoles, measured in turn in one run) side by side.
//
// Usage: node bench/table.mjs results.jsonl

import fs from 'node:fs';

const file = process.argv[2];
const runs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

const w = (r) => r.window ?? {};
// [scenario, label, value(run), which way is better ('low' | 'high' | 'none': no ratio), target]
const metrics = [
  ['load', 'deliver p50 ms', (r) => w(r).deliver_ms?.p50, 'low', ''],
  ['load', 'deliver p99 ms', (r) => w(r).deliver_ms?.p99, 'low', 'ratio <= 1.5'],
  ['load', 'deliver p99.9 ms', (r) => w(r).deliver_ms?.p999, 'low', ''],
  ['load', 'deliver max ms', (r) => w(r).deliver_ms?.max, 'low', ''],
  ['load', 'ack p99 ms', (r) => w(r).ack_ms?.p99, 'low', ''],
  ['load', 'server CPU us/event', (r) => w(r).server_cpu_us_per_event, 'low', 'ratio <= 1.0'],
  ['load', 'delivered events/s', (r) => w(r).delivered_per_s, 'high', ''],
  ['load', 'server RSS B/conn', (r) => r.rss_per_connection_bytes, 'low', ''],
  ['load', 'lost', (r) => w(r).lost, 'none', '0'],
  ['load', 'generator CPU share', (r) => w(r).generator_cpu_share, 'none', '< 0.9'],
  ['saturate', 'held cmd/s (p99<=100ms)', (r) => r.held_rate, 'high', ''],
  ['saturate', 'events/s at held rate', (r) => r.held_delivered_per_s, 'high', ''],
  ['saturate', 'held cmd/s (p99<=50ms)', (r) => r.held_rate_50ms, 'high', 'ratio >= 1.0'],
  ['saturate', 'lost', (r) => (r.steps ?? []).reduce((n, s) => n + s.lost, 0), 'none', '0'],
  ['idle', 'server RSS B/conn', (r) => r.rss_per_connection_bytes, 'low', '<= 8192 B'],
  ['burst', 'last client has it, ms', (r) => r.burst_max_ms, 'low', ''],
  ['burst', 'deliver p99 ms', (r) => w(r).deliver_ms?.p99, 'low', ''],
  ['burst', 'lost', (r) => w(r).lost, 'none', '0'],
];
const storageModes = [
  ['single', 'commits/s, 1 event/txn', ''],
  ['grouped', 'events/s, grouped txn', '>= 100000/s'],
  ['writer', 'events/s, writer thread', ''],
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
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const by = (scenario, target) => runs.filter((r) => r.scenario === scenario && r.target === target);
const pairs = Math.max(1, ...['load', 'saturate', 'idle', 'burst'].map((s) => by(s, 'debrief').length));

const header = ['scenario', 'metric'];
for (let p = 1; p <= pairs; p++) header.push(`peer #${p}`, `debrief #${p}`, `ratio #${p}`);
header.push('median ratio', 'target');
const rows = [header];

for (const [scenario, label, get, better, target] of metrics) {
  const peer = by(scenario, 'peer');
  const ours = by(scenario, 'debrief');
  if (peer.length === 0 && ours.length === 0) continue;
  const row = [titles[scenario], label];
  const ratios = [];
  for (let p = 0; p < pairs; p++) {
    const a = peer[p] ? get(peer[p]) : undefined;
    const b = ours[p] ? get(ours[p]) : undefined;
    const mark = (r) => {
      if (!r) return '';
      if (r.exit_code) return ' FAIL';
      if (r.valid === false) return ' !';
      return scenario === 'saturate' && r.capped_by_room_rate && label.startsWith('held') ? '+' : '';
    };
    const ratio = better !== 'none' && Number.isFinite(a) && Number.isFinite(b) && a !== 0 ? b / a : undefined;
    if (ratio !== undefined) ratios.push(ratio);
    row.push(fmt(a) + mark(peer[p]), fmt(b) + mark(ours[p]), ratio === undefined ? '-' : ratio.toFixed(2));
  }
  const m = median(ratios);
  row.push(m === undefined ? '-' : m.toFixed(2), target);
  rows.push(row);
}
const storage = runs.filter((r) => r.scenario === 'storage');
for (const [mode, label, target] of storageModes) {
  const values = storage.filter((r) => r.mode === mode).map((r) => r.events_per_s);
  if (values.length === 0) continue;
  const row = [titles.storage, label];
  for (let p = 0; p < pairs; p++) row.push('-', fmt(values[p]), '-');
  row.push(`median ${fmt(median(values))}`, target);
  rows.push(row);
}

function print(table, labelColumns) {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i] ?? '').length)));
  const line = (r) =>
    r.map((c, i) => (i < labelColumns ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(table[0]));
  console.log(widths.map((n) => '-'.repeat(n)).join('  '));
  let last = '';
  for (const r of table.slice(1)) {
    const shown = r[0] === last ? ['', ...r.slice(1)] : r;
    last = r[0];
    console.log(line(shown));
  }
}

if (rows.length > 1) {
  print(rows, 2);
  console.log('ratio = debrief / peer, per pair (peer run first). "!" = INVALID (the generator used more than 90% of a');
  console.log('core); FAIL = that run lost, refused or broke something (see its log above); "+" = saturation stopped at');
  console.log('the per-room rate cap (--max-room-rate), so the held rate is a lower bound. Targets: bench/README.md.');
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
      const mark = r.exit_code ? ' FAIL' : r.valid === false ? ' !' : '';
      for (const n of counts) {
        const v = (r.variants ?? []).find((x) => x.hosts === n);
        row.push(v ? fmt(get(v)) + mark : '-');
      }
    }
    table.push(row);
  }
  if (rows.length > 1) console.log('');
  print(table, 2);
  console.log('host update = from the moment a room\'s first member has an event to the moment a host console has the');
  console.log('room summary naming its seq (summaries are coalesced: at most one message a second per console). Each');
  console.log('variant runs in turn in the same run and server; "each" = per host console. FAIL/! as above.');
}
