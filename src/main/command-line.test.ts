import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFromCommandLine } from './command-line-folder';
import { parseExternalUrl } from './external-url';

describe('folderFromCommandLine', () => {
  it('takes the folder after the app, resolved against the launch directory', () => {
    expect(
      folderFromCommandLine(['/opt/accord/accord', 'posts'], {
        appPath: '/opt/accord/app.asar',
        cwd: '/home/r',
      }),
    ).toBe(resolve('/home/r/posts'));
    expect(
      folderFromCommandLine(['electron', '/src/app', '/data/posts'], {
        appPath: '/src/app',
        cwd: '/x',
      }),
    ).toBe('/data/posts');
  });

  it('ignores switches in any position and the app directory of an unpackaged app', () => {
    const options = { appPath: '/src/app', cwd: '/src/app' };
    expect(
      folderFromCommandLine(['electron', '--inspect=0', '.', '--remote-debugging-port=0'], options),
    ).toBeNull();
    expect(
      folderFromCommandLine(['electron', '--no-sandbox', '.', 'posts', '--flag'], options),
    ).toBe(resolve('/src/app/posts'));
    expect(folderFromCommandLine(['/opt/accord/accord'], options)).toBeNull();
  });
});

describe('parseExternalUrl', () => {
  it('accepts web and mail addresses, normalised', () => {
    expect(parseExternalUrl('HTTPS://Example.org/a b'.replace(' ', '%20'))).toBe(
      'https://example.org/a%20b',
    );
    expect(parseExternalUrl('mailto:press@example.gov')).toBe('mailto:press@example.gov');
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://u:p@evil.example/',
    'https://a.example/\nb',
    'mailto:',
    '',
    42,
    'x'.repeat(3000),
  ])('refuses %j', (url) => {
    expect(parseExternalUrl(url)).toBeNull();
  });
});
