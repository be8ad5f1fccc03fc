// Runs the client's unit tests (unit/*.test.ts) with node's built-in test
// runner: each file is bundled with esbuild into a temporary directory first,
// since node does not run TypeScript that imports the app's modules as they are.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = import.meta.dirname;
const tests = readdirSync(here).filter((f) => f.endsWith('.test.ts'));
const outdir = mkdtempSync(join(tmpdir(), 'debrief-unit-'));
try {
  await build({
    entryPoints: tests.map((f) => join(here, f)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ['node20'],
    packages: 'external',
    logLevel: 'warning',
  });
  const bundles = tests.map((f) => join(outdir, f.replace(/\.ts$/, '.mjs')));
  // The golden files live beside the C++ tests that write them.
  const env = { ...process.env, DEBRIEF_GOLDEN_DIR: resolve(here, '../../tests/golden') };
  const run = spawnSync(process.execPath, ['--test', ...bundles], { stdio: 'inherit', env });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
