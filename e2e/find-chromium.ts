import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The Chromium the end-to-end suite drives, in order of preference: `ACCORD_CHROMIUM`, Playwright's
 * own download, then a system Chromium or Chrome. Throws one line saying how to get one.
 */
export function findChromium(): string {
  const override = process.env.ACCORD_CHROMIUM;
  if (override) {
    if (existsSync(override)) return override;
    throw new Error(`e2e: ACCORD_CHROMIUM points at ${override}, which does not exist`);
  }
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here; fall through to the system's.
  }
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'e2e: no Chromium found; install one (Debian/Ubuntu: sudo apt-get install chromium) or set ACCORD_CHROMIUM=/path/to/chrome',
  );
}

/** Flags for a machine without network: nothing in the browser may phone home. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  // Root in a container has no user namespace for the sandbox.
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];
