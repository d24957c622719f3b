/** Test helpers: temporary folders that clean up after themselves, and waiting without sleeps. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempFolder {
  readonly path: string;
  /** Writes `content` at `relativePath` (forward slashes), creating folders. */
  write(relativePath: string, content: string | Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export async function createTempFolder(prefix = 'accord-test-'): Promise<TempFolder> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    async write(relativePath, content) {
      const target = join(path, ...relativePath.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      return target;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A post file in the shape of the bundled sample. */
export function postText(fields: {
  title: string;
  date?: string;
  permalink?: string;
  body?: string;
  extra?: string;
}): string {
  const lines = ['---', `title: ${fields.title}`];
  if (fields.date) lines.push(`date: ${fields.date}`);
  if (fields.permalink) lines.push(`permalink: ${fields.permalink}`);
  lines.push('layout: post');
  if (fields.extra) lines.push(fields.extra);
  lines.push('---');
  lines.push(fields.body ?? `<p>${fields.title}. Both parties agree to cooperate.</p>`);
  return `${lines.join('\n')}\n`;
}
