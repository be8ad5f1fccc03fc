// Browser tests against the real debrief-server binary, started fresh on a
// loopback port with an empty database for every run.

import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = import.meta.dirname;
const port = Number(process.env.DEBRIEF_TEST_PORT ?? 18080);
// DEBRIEF_SERVER may point at another build of the server binary.
const server = resolve(here, process.env.DEBRIEF_SERVER ?? '../build/debrief-server');
const dist = resolve(here, 'dist');

// The config is evaluated again in every worker; they inherit the runner's
// environment, so the temporary directory is made once per run.
if (!process.env.DEBRIEF_TEST_DB_DIR) {
  process.env.DEBRIEF_TEST_DB_DIR = mkdtempSync(join(tmpdir(), 'debrief-browser-'));
}
const dbPath = join(process.env.DEBRIEF_TEST_DB_DIR, 'test.db');

if (!existsSync(join(dist, 'index.html'))) {
  throw new Error(`No client build in ${dist}: run "npm run build" first.`);
}
if (!existsSync(server)) {
  throw new Error(`No server binary at ${server}: build the C++ server first.`);
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  globalTeardown: './tests/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // Every browser of every test comes from 127.0.0.1: lift the per-address
    // limits on creating sessions and on messages before joining.
    command:
      `"${server}" --port ${port} --bind 127.0.0.1 --db "${dbPath}" --static-dir ./dist` +
      ' --create-burst 100000 --create-per-minute 100000 --unjoined-burst 100000 --unjoined-per-second 100000',
    cwd: here,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
