import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rawRequest } from '../src/server/http-test-client';
import { countPostFiles, makeTempDir, removeDir } from './support/corpus';
import { SAMPLE } from './support/sample-posts';
import { browserShellOnly, expect, test } from './reader-test';

test.describe('accord serve refuses', () => {
  test.beforeEach(({ shell }) => browserShellOnly(shell));

  test('API calls without the token or with a wrong one', async ({ server }) => {
    const { port, token } = server!;
    const call = (headers: Record<string, string>) =>
      rawRequest(port, {
        method: 'POST',
        path: '/api/getStatus',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
    expect((await call({})).status).toBe(401);
    expect((await call({ 'x-accord-token': 'A'.repeat(43) })).status).toBe(401);
    expect((await rawRequest(port, { path: '/api/events' })).status).toBe(401);
    expect((await call({ 'x-accord-token': token })).status).toBe(200);
  });

  test('a foreign Host header', async ({ server }) => {
    const response = await rawRequest(server!.port, {
      path: '/',
      headers: { host: `rebound.example:${server!.port}` },
    });
    expect(response.status).toBe(421);
    expect(response.body).not.toContain('<script');
  });

  test('image paths that try to leave the folder', async ({
    server,
    postsFolder,
    expectedFolderChanges,
  }) => {
    const outside = await makeTempDir('outside');
    try {
      await writeFile(join(outside, 'secret.png'), 'not for the page');
      // A symlink planted in the folder that points out of it.
      expectedFolderChanges.add('images/escape.png');
      await symlink(join(outside, 'secret.png'), join(postsFolder, 'images', 'escape.png'));
      const asset = (src: string) =>
        rawRequest(server!.port, {
          path: `/api/asset?${new URLSearchParams({ post: SAMPLE.image.id, src, token: server!.token })}`,
        });
      // The image is served once the first index knows its post.
      await expect.poll(async () => (await asset(SAMPLE.image.src)).status).toBe(200);
      for (const src of [
        '../../../../../../etc/passwd',
        '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '..%2f..%2f..%2f..%2fetc%2fpasswd',
        '/images%2f..%2f..%2fetc%2fpasswd',
        '..\\..\\..\\..\\etc\\passwd',
        '/etc/passwd',
        join(outside, 'secret.png'),
        `file://${join(outside, 'secret.png')}`,
        '/images/escape.png',
      ]) {
        const response = await asset(src);
        expect(response.status, src).toBe(404);
        expect(response.body, src).not.toContain('not for the page');
        expect(response.body, src).not.toContain('root:');
      }
    } finally {
      await removeDir(outside);
    }
  });

  test('methods other than GET, HEAD and API POSTs', async ({ server }) => {
    for (const method of ['PUT', 'DELETE']) {
      const response = await rawRequest(server!.port, {
        method,
        path: '/api/getStatus',
        headers: { 'x-accord-token': server!.token },
      });
      expect(response.status, method).toBe(405);
    }
  });

  test('every page carries the strict content security policy', async ({ server, app }) => {
    const response = await app.page.request.get(`${server!.origin}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-frame-options']).toBe('DENY');
  });

  test('to show the token in the address, yet a reload still works', async ({
    app,
    postsFolder,
  }) => {
    expect(app.page.url()).not.toContain('token=');
    await app.page.reload();
    await app.waitUntilReady();
    // The page kept the token in sessionStorage, so the reloaded page still reads the folder.
    await app.expectPostCount(await countPostFiles(postsFolder));
  });
});
