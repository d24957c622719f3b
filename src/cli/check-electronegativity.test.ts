import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const checker = resolve('src/cli/check-electronegativity.ts');
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'accord-eng-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Runs the gate over `folder` the way `npm run lint:electron` runs it over `src`. */
function runGate(): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', checker, folder], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the Electronegativity gate', () => {
  it('fails on a window that turns context isolation off', async () => {
    await writeFile(
      join(folder, 'window.ts'),
      "import { BrowserWindow } from 'electron';\n" +
        'export const window = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n',
    );
    const { status, stdout } = runGate();
    expect(stdout).toMatch(/HIGH\/\w+\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(status).toBe(1);
  }, 60_000);

  it('fails when it cannot parse a file, since that file went unchecked', async () => {
    await writeFile(join(folder, 'broken.ts'), 'export const x = 1;\nconst y = ;\n');
    const { status, stderr } = runGate();
    expect(stderr).toContain('could not parse');
    expect(status).toBe(1);
  }, 60_000);
});
