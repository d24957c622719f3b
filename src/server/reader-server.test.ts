import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '@shared/post';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEventStream, rawRequest } from './http-test-client';
import { LibraryTestDouble } from './library-test-double';
import { startReaderServer, type ReaderServer } from './reader-server';
import { CONTENT_SECURITY_POLICY } from './security-headers';

/** The smallest valid PNG (1×1, transparent). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const SAMPLE_POST: Post = {
  id: '_posts/2024-11-20-sample.md',
  path: '_posts/2024-11-20-sample.md',
  title: 'Sample',
  date: '2024-11-20',
  areas: ['Information Exchange'],
  category: null,
  permalink: '/sample/',
  layout: 'post',
  external: null,
  description: '',
  warnings: [],
  readingMinutes: 1,
  body: '<p>Hello</p>',
  areaDetails: [],
  image: null,
  variant: null,
  mtimeMs: 0,
  plainTextReason: null,
};

let scratch: string;
let folder: string;
let library: LibraryTestDouble;
let server: ReaderServer;

function api(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = init.token === undefined ? server.token : init.token;
  if (token !== null) headers['x-accord-token'] = token;
  return rawRequest(server.port, {
    method: init.method ?? 'POST',
    path,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

function asset(src: string, post = SAMPLE_POST.id) {
  const query = new URLSearchParams({ post, src, token: server.token });
  return rawRequest(server.port, { path: `/api/asset?${query}` });
}

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'accord-server-'));
  folder = join(scratch, 'posts');
  const renderer = join(scratch, 'renderer');
  await mkdir(join(folder, 'images'), { recursive: true });
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Accord Reader</title>');
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(renderer, '.secret'), 'hidden');
  await writeFile(join(folder, 'images', 'chart.png'), PNG);
  await writeFile(join(folder, 'images', 'logo.svg'), '<svg onload="alert(1)"/>');
  await writeFile(join(folder, '.env'), 'SECRET=1');
  await writeFile(join(scratch, 'outside.png'), PNG);
  await symlink(join(scratch, 'outside.png'), join(folder, 'images', 'escape.png'));
  library = new LibraryTestDouble(folder, [SAMPLE_POST]);
  server = await startReaderServer({ library, port: 0, rendererDir: renderer, heartbeatMs: 50 });
});

afterEach(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('startReaderServer', () => {
  it('prints a loopback address carrying a 32-byte base64url token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page with the strict CSP and the other security headers', async () => {
    const response = await rawRequest(server.port, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('Accord Reader');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('puts the security headers on errors too', async () => {
    const response = await api('/api/getStatus', { token: null });
    expect(response.status).toBe(401);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves only files of the built page, never dot-files, directories or anything above', async () => {
    expect((await rawRequest(server.port, { path: '/assets/app.js' })).status).toBe(200);
    for (const path of [
      '/.secret',
      '/assets',
      '/assets/',
      '/../posts/images/chart.png',
      '/%2e%2e/posts/images/chart.png',
      '/assets%2f..%2f.secret',
      '/assets%5c..%5cindex.html',
      '/nope.html',
    ]) {
      expect((await rawRequest(server.port, { path })).status, path).toBe(404);
    }
  });

  describe('access token', () => {
    it('refuses API calls without a token', async () => {
      const response = await api('/api/getStatus', { body: {}, token: null });
      expect(response.status).toBe(401);
      expect(JSON.parse(response.body)).toEqual({ error: expect.stringMatching(/^serve: /) });
    });

    it('refuses API calls with a wrong token, even one of the right length', async () => {
      const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
      expect((await api('/api/getStatus', { body: {}, token: wrong })).status).toBe(401);
    });

    it('refuses the event stream and images without the token in the query', async () => {
      expect((await rawRequest(server.port, { path: '/api/events' })).status).toBe(401);
      const query = new URLSearchParams({ post: SAMPLE_POST.id, src: 'images/chart.png' });
      expect((await rawRequest(server.port, { path: `/api/asset?${query}` })).status).toBe(401);
    });

    it('answers with the token in the X-Accord-Token header', async () => {
      const response = await api('/api/getStatus', { body: {} });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ folder, state: 'ready' });
    });
  });

  describe('Host header', () => {
    it('refuses a foreign Host (DNS rebinding)', async () => {
      for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1']) {
        const response = await rawRequest(server.port, { path: '/', headers: { host } });
        expect(response.status, host).toBe(421);
      }
    });

    it('answers to 127.0.0.1, localhost and [::1] on its port', async () => {
      for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
        const host = `${name}:${server.port}`;
        expect((await rawRequest(server.port, { path: '/', headers: { host } })).status).toBe(200);
      }
    });
  });

  describe('methods', () => {
    it('answers PUT and DELETE with 405 everywhere', async () => {
      for (const method of ['PUT', 'DELETE', 'PATCH']) {
        for (const path of ['/', '/api/getStatus', '/api/events', '/api/asset']) {
          const response = await api(path, { method });
          expect(response.status, `${method} ${path}`).toBe(405);
          expect(response.headers.allow).toBeTruthy();
        }
      }
    });

    it('takes API calls as POST only, and the page as GET or HEAD only', async () => {
      expect((await api('/api/getStatus', { method: 'GET' })).status).toBe(405);
      expect((await rawRequest(server.port, { method: 'POST', path: '/' })).status).toBe(405);
      const head = await rawRequest(server.port, { method: 'HEAD', path: '/' });
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    });
  });

  describe('JSON API', () => {
    it('passes a validated filter to the library and returns its answer', async () => {
      const filter = { areas: ['Information Exchange'], match: 'all', query: 'ai' };
      const response = await api('/api/query', { body: { filter } });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ total: 1, entries: [{ title: 'Sample' }] });
      expect(library.queries).toEqual([filter]);
    });

    it('passes a validated window to the library and answers with only those rows', async () => {
      const window = { offset: 0, limit: 1 };
      const response = await api('/api/query', { body: { filter: {}, window } });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({
        offset: 0,
        entries: [{ title: 'Sample' }],
      });
      expect(library.windows).toEqual([window]);
    });

    it('refuses a window that is not whole rows from the start, or too large a page', async () => {
      for (const window of [
        { offset: -1, limit: 10 },
        { offset: 0, limit: 1001 },
        { offset: 0.5, limit: 10 },
        { offset: '0', limit: 10 },
        { limit: 10 },
        { offset: 0, limit: 10, extra: true },
      ]) {
        const response = await api('/api/query', { body: { filter: {}, window } });
        expect(response.status, JSON.stringify(window)).toBe(400);
        expect((JSON.parse(response.body) as { error: string }).error).toMatch(
          /^serve: query: window/,
        );
      }
      expect(library.queries).toEqual([]);
    });

    it('returns a post, null for an unknown one, and resolves permalinks', async () => {
      const found = await api('/api/getPost', { body: { id: SAMPLE_POST.id } });
      expect(JSON.parse(found.body)).toMatchObject({ title: 'Sample', body: '<p>Hello</p>' });
      const missing = await api('/api/getPost', { body: { id: 'nope.md' } });
      expect(missing.status).toBe(200);
      expect(JSON.parse(missing.body)).toBeNull();
      const permalink = await api('/api/findByPermalink', { body: { permalink: '/sample/' } });
      expect(JSON.parse(permalink.body)).toBe(SAMPLE_POST.id);
    });

    it('answers a malformed body with 400 and one line saying what is wrong', async () => {
      for (const body of [
        { filter: { areas: 'Information Exchange' } },
        { filter: { match: 'some' } },
        { filter: { from: '20 Nov 2024' } },
        { filter: { injected: true } },
        {},
      ]) {
        const response = await api('/api/query', { body });
        expect(response.status, JSON.stringify(body)).toBe(400);
        const { error } = JSON.parse(response.body) as { error: string };
        expect(error).toMatch(/^serve: query: /);
        expect(error).not.toContain('\n');
      }
      const notJson = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/getPost',
        headers: { 'content-type': 'application/json', 'x-accord-token': server.token },
        body: '{"id":',
      });
      expect(notJson.status).toBe(400);
      expect(library.queries).toEqual([]);
    });

    it('takes only application/json bodies (so plain HTML forms cannot post)', async () => {
      const response = await rawRequest(server.port, {
        method: 'POST',
        path: '/api/getStatus',
        headers: { 'content-type': 'text/plain', 'x-accord-token': server.token },
        body: '{}',
      });
      expect(response.status).toBe(415);
    });

    it('answers unknown API routes with 404', async () => {
      const response = await api('/api/deleteEverything', { method: 'GET' });
      expect(response.status).toBe(404);
    });
  });

  describe('images', () => {
    it('serves a PNG inside the folder with its type and nosniff', async () => {
      const response = await asset('images/chart.png');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(response.headers['content-length'])).toBe(PNG.length);
    });

    it('never serves SVG as an image: it answers as if there were none', async () => {
      const response = await asset('images/logo.svg');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).not.toContain('svg');
    });

    it('refuses every path that leaves the folder or names a dot-file', async () => {
      for (const src of [
        '../outside.png',
        'images/../../outside.png',
        '%2e%2e/outside.png',
        '..%2foutside.png',
        '..%5coutside.png',
        '..\\outside.png',
        join(scratch, 'outside.png'),
        'images/escape.png',
        '.env',
        'images',
        'https://tracker.example/pixel.png',
        '//tracker.example/pixel.png',
      ]) {
        const response = await asset(src);
        expect(response.status, src).toBeGreaterThanOrEqual(400);
        expect(response.headers['content-type'], src).not.toBe('image/png');
      }
    });

    it('requires both the post and the image', async () => {
      const query = new URLSearchParams({ src: 'images/chart.png', token: server.token });
      expect((await rawRequest(server.port, { path: `/api/asset?${query}` })).status).toBe(400);
    });
  });

  describe('event stream', () => {
    it('sends the status at once, then each change as a named event', async () => {
      const stream = await openEventStream(server.port, `/api/events?token=${server.token}`);
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toContain('text/event-stream');
      const first = await stream.next((item) => item.kind === 'event');
      expect(first).toMatchObject({ kind: 'event', name: 'status', data: { generation: 1 } });

      library.emitChange({ added: ['_posts/new.md'], updated: [], removed: [] });
      const posts = await stream.next((item) => item.kind === 'event' && item.name === 'posts');
      expect(posts).toMatchObject({ data: { generation: 2, added: ['_posts/new.md'] } });
      const status = await stream.next((item) => item.kind === 'event' && item.name === 'status');
      expect(status).toMatchObject({ data: { generation: 2 } });
      stream.close();
    });

    it('sends heartbeat comments while idle', async () => {
      const stream = await openEventStream(server.port, `/api/events?token=${server.token}`);
      const heartbeat = await stream.next((item) => item.kind === 'comment');
      expect(heartbeat).toEqual({ kind: 'comment', text: 'heartbeat' });
      stream.close();
    });

    it('forgets a stream once the browser disconnects', async () => {
      const stream = await openEventStream(server.port, `/api/events?token=${server.token}`);
      await stream.next((item) => item.kind === 'event');
      expect(server.openStreams).toBe(1);
      stream.close();
      await stream.ended;
      await expect.poll(() => server.openStreams).toBe(0);
    });
  });

  describe('close', () => {
    it('ends open event streams, stops listening and lets go of the library', async () => {
      const stream = await openEventStream(server.port, `/api/events?token=${server.token}`);
      await stream.next((item) => item.kind === 'event');
      expect(library.listenerCount).toBe(2);
      await server.close();
      await stream.ended;
      expect(library.listenerCount).toBe(0);
      await expect(rawRequest(server.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    });
  });
});
