import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/find-chromium';
import type { ShellOption } from './e2e/reader-test';
import { findElectronBinary } from './src/cli/electron-binary';

let executablePath: string;
try {
  executablePath = findChromium();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}

// The list reporter shows skipped tests without their reason: say it once, on one line.
// (Workers load this file again and inherit the flag, so the line appears once.)
if (!findElectronBinary() && !process.env.ACCORD_E2E_ELECTRON_NOTICE) {
  process.env.ACCORD_E2E_ELECTRON_NOTICE = 'shown';
  process.stderr.write(
    'e2e: electron project skipped: the Electron binary is not installed (npx install-electron)\n',
  );
}

/** What every page sees unless a spec says otherwise: the screenshot size, no device scaling. */
const viewport = { width: 1280, height: 800 };

export default defineConfig<ShellOption>({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { trace: 'off', viewport, deviceScaleFactor: 1, locale: 'en-GB' },
  projects: [
    {
      // Chromium against `accord serve --port 0`, one server and one temp copy per test.
      name: 'browser',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /.*\.electron\.spec\.ts$/,
      use: {
        shell: 'browser',
        browserName: 'chromium',
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
    {
      // The desktop shell; every test skips itself when the Electron binary is not installed.
      name: 'electron',
      testMatch: /.*\.spec\.ts$/,
      testIgnore: /screenshots\.spec\.ts$/,
      // Chromium is configured too: the shared fixture always has a (here unused) browser page.
      use: {
        shell: 'electron',
        browserName: 'chromium',
        launchOptions: { executablePath, args: CHROMIUM_ARGS },
      },
    },
  ],
});
