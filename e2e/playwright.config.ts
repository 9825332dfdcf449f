import { defineConfig } from '@playwright/test';

// Debian's chromium, never a downloaded browser; one worker (2-core machines).
export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../target/e2e/results',
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3901',
    headless: true,
    locale: 'fr-FR',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
