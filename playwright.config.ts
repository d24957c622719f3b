import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/find-chromium';

let executablePath: string;
try {
  executablePath = findChromium();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  use: { trace: 'off' },
  projects: [
    {
      name: 'browser',
      testMatch: /.*\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: CHROMIUM_ARGS } },
    },
  ],
});
