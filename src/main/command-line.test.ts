import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aliasesFileFromCommandLine } from './command-line-aliases';
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

describe('--aliases on the desktop command line', () => {
  const options = { appPath: '/src/app', cwd: '/home/r' };

  it('reads the alias file in either spelling, resolved against the launch directory', () => {
    expect(aliasesFileFromCommandLine(['accord', '--aliases', 'mine.json'], options)).toBe(
      resolve('/home/r/mine.json'),
    );
    expect(aliasesFileFromCommandLine(['accord', '--aliases=/etc/areas.json'], options)).toBe(
      '/etc/areas.json',
    );
    expect(
      aliasesFileFromCommandLine(['accord', '--aliases', 'a.json', '--aliases', 'b.json'], options),
    ).toBe(resolve('/home/r/b.json'));
  });

  it('has no alias file without the switch or without a value', () => {
    expect(aliasesFileFromCommandLine(['accord', 'posts'], options)).toBeNull();
    expect(aliasesFileFromCommandLine(['accord', '--aliases'], options)).toBeNull();
    expect(aliasesFileFromCommandLine(['accord', '--aliases', '--inspect'], options)).toBeNull();
    expect(aliasesFileFromCommandLine(['accord', '--aliases='], options)).toBeNull();
  });

  it('never takes the alias file for the folder to open, before or after it', () => {
    expect(folderFromCommandLine(['accord', 'posts', '--aliases', 'mine.json'], options)).toBe(
      resolve('/home/r/posts'),
    );
    expect(folderFromCommandLine(['accord', '--aliases', 'mine.json', 'posts'], options)).toBe(
      resolve('/home/r/posts'),
    );
    expect(folderFromCommandLine(['accord', '--aliases', 'mine.json'], options)).toBeNull();
    // A switch after a bare --aliases is still a switch, and the folder is still found.
    expect(folderFromCommandLine(['accord', 'posts', '--aliases', '--flag'], options)).toBe(
      resolve('/home/r/posts'),
    );
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
