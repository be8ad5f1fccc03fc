// Bundles the client into dist/: index.html, favicon.svg, app.js, app.css (every view's sheet) and the chunks
// loaded later (the presenter's transcript importer, the QR code), minified.
// Prints each file's size and the first-load total (what every person downloads).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const outdir = 'dist';
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const result = await build({
  entryPoints: { app: 'src/main.tsx' },
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: process.env.SOURCEMAP ? 'external' : false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// What the first screen needs: the page, the styles, app.js and the chunks it imports statically.
const outputs = result.metafile.outputs;
// Views import their sheets beside them. esbuild joins every sheet reachable from app.js (through
// dynamic import() too) into app.css, which index.html links, and also writes a chunk-*.css per
// lazy chunk repeating part of it, which nothing loads: drop those, and fail if one ever holds a
// sheet that app.css lacks (it would never reach the page).
const appSheet = outputs[`${outdir}/app.css`];
for (const [file, output] of Object.entries(outputs)) {
  if (!file.endsWith('.css') || output === appSheet) continue;
  const missing = Object.keys(output.inputs).filter((input) => !appSheet?.inputs[input]);
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')}: in ${file} but not in app.css, so never on the page`);
  }
  await rm(file);
  delete outputs[file];
}
const first = new Set(['index.html', 'app.css']);
const visit = (file) => {
  if (first.has(basename(file))) return;
  first.add(basename(file));
  for (const i of outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
};
visit(`${outdir}/app.js`);
// Static chunks are preloaded so that a slow link does not wait for app.js before asking for them.
const preloads = [...first]
  .filter((n) => n.startsWith('chunk-'))
  .map((n) => `    <link rel="modulepreload" href="/${n}" />\n`)
  .join('');
const html = await readFile('src/index.html', 'utf8');
await writeFile(
  `${outdir}/index.html`,
  html.replace('    <script type="module"', `${preloads}    <script type="module"`),
);
// Files served as they are (the tab's icon).
const statics = ['favicon.svg'];
for (const name of statics) await copyFile(`src/${name}`, `${outdir}/${name}`);
const all = [
  'index.html',
  ...statics,
  ...Object.keys(outputs)
    .filter((f) => !f.endsWith('.map'))
    .map((f) => basename(f)),
];

const size = async (name) => {
  const bytes = await readFile(`${outdir}/${name}`);
  return [bytes.length, gzipSync(bytes, { level: 9 }).length];
};
const row = (label, raw, gz) => `${label.padEnd(34)} ${String(raw).padStart(7)} B  ${String(gz).padStart(6)} B gzip`;
const totals = { first: [0, 0], all: [0, 0] };
for (const name of [...new Set(all)].sort()) {
  const [raw, gz] = await size(name);
  const when = first.has(name) ? 'first load' : 'on demand';
  console.log(row(`${outdir}/${name} (${when})`, raw, gz));
  for (const key of first.has(name) ? ['first', 'all'] : ['all']) {
    totals[key][0] += raw;
    totals[key][1] += gz;
  }
}
console.log(row('first load', ...totals.first));
console.log(row('everything', ...totals.all));
