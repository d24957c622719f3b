/**
 * Hardening (issue 7): `accord serve` under a small concurrent load of hostile requests (no token,
 * a wrong token, a foreign Host, paths out of the folder and out of the page) mixed with ordinary
 * ones. Loopback only, bounded: 2,000 requests at concurrency 50. Every refusal must be a 4xx,
 * never a 5xx; the server must keep answering; sockets must return to their baseline and memory
 * must not keep growing from one batch to the next.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../core/library';
import type { LibraryService } from '../core/library-service';
import { rawRequest, type RawRequest } from './http-test-client';
import { startReaderServer, type ReaderServer } from './reader-server';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const POST_ID = '_posts/2024-11-20-sample.md';
const BATCH = 1_000;
const CONCURRENCY = 50;

let scratch: string;
let library: LibraryService;
let server: ReaderServer;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'accord-serve-load-'));
  const folder = join(scratch, 'posts');
  const renderer = join(scratch, 'renderer');
  await mkdir(join(folder, '_posts'), { recursive: true });
  await mkdir(join(folder, 'images'), { recursive: true });
  await mkdir(renderer, { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Accord Reader</title>');
  await writeFile(
    join(folder, POST_ID),
    '---\ntitle: Sample agreement\ndate: 2024-11-20\n---\n<p>Text <img src="/images/chart.png"></p>\n',
  );
  await writeFile(join(folder, 'images', 'chart.png'), PNG);
  await writeFile(join(folder, '.env'), 'SECRET=1');
  await writeFile(join(scratch, 'outside.png'), PNG);
  await symlink(join(scratch, 'outside.png'), join(folder, 'images', 'escape.png'));
  library = await openLibrary({ folder, cacheDir: null, watch: false });
  await library.whenReady();
  server = await startReaderServer({ library, port: 0, rendererDir: renderer });
});

afterAll(async () => {
  await server.close();
  await library.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Probe {
  readonly name: string;
  readonly request: () => RawRequest;
  /** Status the server must answer with. */
  readonly expect: number | ((status: number) => boolean);
}

function assetPath(src: string, token: string | null = server.token): string {
  const query = new URLSearchParams({ post: POST_ID, src, ...(token ? { token } : {}) });
  return `/api/asset?${query}`;
}

const api = (token: string | null, host?: string): RawRequest => ({
  method: 'POST',
  path: '/api/getStatus',
  headers: {
    'content-type': 'application/json',
    ...(token ? { 'x-accord-token': token } : {}),
    ...(host ? { host } : {}),
  },
  body: '{}',
});

const refusedAsset = (status: number) => status >= 400 && status < 500;

/** The hostile mix, plus ordinary requests that must keep succeeding under the same load. */
function probes(): Probe[] {
  const wrongToken = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
  return [
    { name: 'no token', request: () => api(null), expect: 401 },
    { name: 'wrong token', request: () => api(wrongToken), expect: 401 },
    { name: 'foreign Host', request: () => api(server.token, 'evil.example'), expect: 421 },
    {
      name: 'rebinding Host with port',
      request: () => api(server.token, `attacker.example:${server.port}`),
      expect: 421,
    },
    {
      name: 'asset without token',
      request: () => ({ path: assetPath('/images/chart.png', null) }),
      expect: 401,
    },
    {
      name: 'asset ../',
      request: () => ({ path: assetPath('../../outside.png') }),
      expect: refusedAsset,
    },
    {
      name: 'asset %2e%2e',
      request: () => ({ path: assetPath('/%2e%2e/outside.png') }),
      expect: refusedAsset,
    },
    {
      name: 'asset absolute',
      request: () => ({ path: assetPath(join(scratch, 'outside.png')) }),
      expect: refusedAsset,
    },
    {
      name: 'asset symlink out',
      request: () => ({ path: assetPath('/images/escape.png') }),
      expect: refusedAsset,
    },
    { name: 'asset dot-file', request: () => ({ path: assetPath('/.env') }), expect: refusedAsset },
    { name: 'page ../', request: () => ({ path: '/../posts/.env' }), expect: 404 },
    { name: 'page %2e%2e', request: () => ({ path: '/%2e%2e/%2e%2e/etc/passwd' }), expect: 404 },
    { name: 'ok: page', request: () => ({ path: '/' }), expect: 200 },
    { name: 'ok: status', request: () => api(server.token), expect: 200 },
    { name: 'ok: image', request: () => ({ path: assetPath('/images/chart.png') }), expect: 200 },
  ];
}

/** Runs `count` requests, `CONCURRENCY` at a time; returns the failures, at most 20 of them. */
async function runBatch(count: number): Promise<string[]> {
  const mix = probes();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const probe = mix[next++ % mix.length]!;
      try {
        const response = await rawRequest(server.port, probe.request());
        const ok =
          typeof probe.expect === 'number'
            ? response.status === probe.expect
            : probe.expect(response.status);
        if (!ok || response.status >= 500) failures.push(`${probe.name}: ${response.status}`);
        if (probe.name.startsWith('asset') && response.status < 300) {
          failures.push(`${probe.name}: served a file`);
        }
      } catch (error) {
        failures.push(`${probe.name}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failures.slice(0, 20);
}

/** Open TCP handles of this process (client and server sockets). */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

async function waitForSockets(baseline: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const count = openSockets();
    if (count <= baseline || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Heap in use after a full garbage collection. */
function settledHeap(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('accord serve under concurrent hostile load', () => {
  it(`refuses ${BATCH * 2} mixed requests at concurrency ${CONCURRENCY} without errors or leaks`, async () => {
    const baseline = openSockets();
    expect(await runBatch(BATCH), 'first batch').toEqual([]);
    expect(await waitForSockets(baseline), 'sockets after the first batch').toBeLessThanOrEqual(
      baseline,
    );
    const heapAfterFirst = settledHeap();

    expect(await runBatch(BATCH), 'second batch').toEqual([]);
    expect(await waitForSockets(baseline), 'sockets after the second batch').toBeLessThanOrEqual(
      baseline,
    );
    // A leak of even a few hundred bytes per request would show as megabytes here.
    expect(settledHeap() - heapAfterFirst).toBeLessThan(8 * 1024 * 1024);

    // Bound to loopback only, and it still answers.
    expect(server.host).toBe('127.0.0.1');
    expect((await rawRequest(server.port, api(server.token))).status).toBe(200);
    expect(server.openStreams).toBe(0);
  }, 120_000);
});
