// Bundles the client into dist/: index.html, app.js, app.css (minified).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const outdir = 'dist';
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await build({
  entryPoints: { app: 'src/main.tsx' },
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: process.env.SOURCEMAP ? 'external' : false,
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile('src/index.html', `${outdir}/index.html`);

let total = 0;
let totalGz = 0;
for (const name of ['index.html', 'app.js', 'app.css']) {
  const bytes = await readFile(`${outdir}/${name}`);
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGz += gz;
  console.log(`${outdir}/${name.padEnd(11)} ${String(bytes.length).padStart(7)} B  ${String(gz).padStart(6)} B gzip`);
}
console.log(`${'total'.padEnd(16)} ${String(total).padStart(7)} B  ${String(totalGz).padStart(6)} B gzip`);
