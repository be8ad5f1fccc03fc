// The screen capture (screens.capture.ts) with the browser suite's settings and server;
// the suite itself never runs it. See screens.capture.ts.

import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /\.capture\.ts$/,
  outputDir: '../../test-results/screens',
  globalTeardown: '../global-teardown.ts',
  reporter: [['list']],
});
