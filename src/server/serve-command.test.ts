import { createServer } from 'node:net';
import { mkdir, mkdtemp, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEventStream, rawRequest, type StreamItem } from './http-test-client';
import { runServeCommand } from './serve-command';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const SERVING_LINE =
  /^Accord Reader is serving (.+) at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})\n$/;

function post(title: string, date: string, body = '<p>Body.</p>'): string {
  return `---\ntitle: ${title}\ndate: ${date}\nlayout: post\n---\n${body}\n`;
}

let scratch: string;
let folder: string;
let cacheDir: string;
let stdout: string[];
let stderr: string[];

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'accord-serve-'));
  folder = join(scratch, 'posts');
  cacheDir = join(scratch, 'cache');
  await mkdir(join(folder, '_posts'), { recursive: true });
  await mkdir(join(folder, 'images'));
  await writeFile(
    join(folder, '_posts', '2024-11-20-first.md'),
    post('First Release', '2024-11-20', '<p><img src="/images/chart.png" alt="Chart"></p>'),
  );
  await writeFile(join(folder, 'images', 'chart.png'), PNG);
  await writeFile(join(scratch, 'outside.png'), PNG);
  await symlink(join(scratch, 'outside.png'), join(folder, 'images', 'escape.png'));
  // Unit tests run before the build: serve a stand-in page instead of `out/renderer`.
  const renderer = join(scratch, 'renderer');
  await mkdir(renderer);
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Accord Reader</title>');
  vi.stubEnv('ACCORD_RENDERER_DIR', renderer);
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  await rm(scratch, { recursive: true, force: true });
});

/** Starts the command and waits for its one line; returns the port, token and exit promise. */
async function serve(extraArgs: readonly string[] = []) {
  const exit = runServeCommand([
    '--folder',
    folder,
    '--port',
    '0',
    '--cache-dir',
    cacheDir,
    ...extraArgs,
  ]);
  await expect.poll(() => stdout.length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(stdout).toHaveLength(1);
  const match = SERVING_LINE.exec(stdout[0] ?? '');
  expect(match, stdout[0]).not.toBeNull();
  const [, servedFolder, port, token] = match as unknown as [string, string, string, string];
  return { servedFolder, port: Number(port), token, exit };
}

function stop(): void {
  process.emit('SIGTERM');
}

describe('accord serve', () => {
  it('prints exactly one line with its loopback address, then serves the folder', async () => {
    const { servedFolder, port, token, exit } = await serve();
    expect(servedFolder).toBe(folder);
    const query = () =>
      rawRequest(port, {
        method: 'POST',
        path: '/api/query',
        headers: { 'content-type': 'application/json', 'x-accord-token': token },
        body: JSON.stringify({ filter: {} }),
      });
    // The first index runs in the background; the answer fills in once it is done.
    await expect
      .poll(async () => JSON.parse((await query()).body).total, { timeout: 15_000 })
      .toBe(1);
    expect(JSON.parse((await query()).body)).toMatchObject({
      entries: [{ title: 'First Release' }],
    });
    stop();
    expect(await exit).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')(
    'with --open, sends the browser to the address through a private page, never the token on a command line',
    async () => {
      // A stand-in `xdg-open` first on PATH records what it is asked to open.
      const bin = join(scratch, 'bin');
      const opened = join(scratch, 'opened.txt');
      await mkdir(bin);
      await writeFile(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`, {
        mode: 0o755,
      });
      vi.stubEnv('PATH', `${bin}:${process.env.PATH ?? ''}`);
      const { port, token, exit } = await serve(['--open']);
      await expect
        .poll(() => readFile(opened, 'utf8').catch(() => ''), { timeout: 10_000 })
        .not.toBe('');
      // Other users can read a command line: it holds a file address, not the token.
      const argument = await readFile(opened, 'utf8');
      expect(argument).toMatch(/^file:\/\/\/.*\/open\.html$/);
      expect(argument).not.toContain(token);
      const page = fileURLToPath(argument);
      // The page, readable by this user only, sends the browser on to the printed address.
      expect((await stat(page)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(page))).mode & 0o777).toBe(0o700);
      expect(await readFile(page, 'utf8')).toContain(
        `<meta http-equiv="refresh" content="0;url=http://127.0.0.1:${port}/#token=${token}">`,
      );
      stop();
      expect(await exit).toBe(0);
      // And it is gone once the server has stopped.
      await expect(stat(page)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('maps area names through a user alias table given with --aliases', async () => {
    await writeFile(
      join(folder, '_posts', '2024-11-21-second.md'),
      '---\ntitle: Second Release\ndate: 2024-11-21\nareas: [Cyber Sec]\n---\n<p>Body.</p>\n',
    );
    const aliases = join(scratch, 'aliases.json');
    await writeFile(aliases, JSON.stringify({ 'cyber sec': 'Cybersecurity' }));
    const { port, token, exit } = await serve(['--aliases', aliases]);
    const areas = async () =>
      (
        JSON.parse(
          (
            await rawRequest(port, {
              method: 'POST',
              path: '/api/query',
              headers: { 'content-type': 'application/json', 'x-accord-token': token },
              body: JSON.stringify({ filter: {} }),
            })
          ).body,
        ) as { areas: { name: string }[] }
      ).areas.map((area) => area.name);
    await expect.poll(areas, { timeout: 15_000 }).toEqual(['Cybersecurity']);
    stop();
    expect(await exit).toBe(0);
  });

  it('streams a change event after a file is added to the folder', async () => {
    const { port, token, exit } = await serve();
    const stream = await openEventStream(port, `/api/events?token=${token}`);
    const first = await stream.next((item) => item.kind === 'event' && item.name === 'status');
    const generation = (first as Extract<StreamItem, { kind: 'event' }>).data as {
      generation: number;
    };

    // An atomic save, like an editor's: write a temp file elsewhere, then rename it in.
    await writeFile(join(scratch, 'incoming.md'), post('Second Release', '2025-01-05'));
    await rename(join(scratch, 'incoming.md'), join(folder, '_posts', '2025-01-05-second.md'));
    const change = await stream.next(
      (item) =>
        item.kind === 'event' &&
        item.name === 'posts' &&
        (item.data as { added: string[] }).added.includes('_posts/2025-01-05-second.md'),
      15_000,
    );
    expect((change as { data: { generation: number } }).data.generation).toBeGreaterThan(
      generation.generation,
    );
    stop();
    expect(await exit).toBe(0);
    await stream.ended;
  });

  it('serves a post image through the library and refuses paths that leave the folder', async () => {
    const { port, token, exit } = await serve();
    const asset = (src: string) =>
      rawRequest(port, {
        path: `/api/asset?${new URLSearchParams({ post: '_posts/2024-11-20-first.md', src, token })}`,
      });
    // The post is known once the first index is done.
    await expect
      .poll(async () => (await asset('/images/chart.png')).status, { timeout: 15_000 })
      .toBe(200);
    const image = await asset('/images/chart.png');
    expect(image.headers['content-type']).toBe('image/png');
    for (const src of [
      '../outside.png',
      '../../outside.png',
      '%2e%2e/%2e%2e/outside.png',
      '..%2f..%2foutside.png',
      '..%5c..%5coutside.png',
      join(scratch, 'outside.png'),
      `file://${join(scratch, 'outside.png')}`,
      '/images/escape.png',
    ]) {
      expect((await asset(src)).status, src).toBe(404);
    }
    stop();
    expect(await exit).toBe(0);
  });

  it('says in one line that the port is taken and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as { port: number };
    try {
      const code = await runServeCommand([
        '--folder',
        folder,
        '--port',
        String(port),
        '--cache-dir',
        cacheDir,
      ]);
      expect(code).toBe(1);
      expect(stdout).toEqual([]);
      expect(stderr.join('')).toMatch(new RegExp(`^serve: .*port ${port} is already in use.*\\n$`));
    } finally {
      blocker.close();
    }
  });

  it('refuses unknown options with exit code 2', async () => {
    expect(await runServeCommand(['--prot', '80'])).toBe(2);
    expect(await runServeCommand(['--port', 'eighty'])).toBe(2);
    expect(stderr.join('')).toMatch(/^serve: /);
  });

  it('warns on stderr when told to listen beyond loopback', async () => {
    const { exit } = await serve(['--host', '0.0.0.0']);
    expect(stderr.join('')).toMatch(/warning: listening on 0\.0\.0\.0/);
    stop();
    expect(await exit).toBe(0);
  });
});
