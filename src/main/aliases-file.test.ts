import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseAliasesFile, type AliasesFileChoiceSteps } from './aliases-file-choice';
import { showAliasesFileNotice } from './aliases-file-notice';
import { aliasesFileProblem } from './aliases-file-problem';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'accord-aliases-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('aliasesFileProblem', () => {
  it('accepts a JSON object of alias → area name', async () => {
    const file = join(directory, 'aliases.json');
    await writeFile(file, JSON.stringify({ 'AI safety': 'AI Safety Research' }));
    expect(aliasesFileProblem(file)).toBeNull();
  });

  it.each([
    ['missing', null, /^areas: cannot read the alias file .*missing\.json \(ENOENT\)$/],
    ['not JSON', '{"a": ', /^areas: the alias file .* is not valid JSON/],
    ['a list', '["a", "b"]', /must be a JSON object of "alias": "area name" pairs$/],
    ['an empty name', '{"a": " "}', /"a" must map to a non-empty area name$/],
  ])('explains in one line why a file that is %s cannot be used', async (name, content, reason) => {
    const file = join(directory, `${name.replace(/\s/g, '-')}.json`);
    if (content !== null) await writeFile(file, content);
    const problem = aliasesFileProblem(file);
    expect(problem).toMatch(reason);
    expect(problem).not.toContain('\n');
  });
});

describe('chooseAliasesFile', () => {
  function steps(problem: string | null = null) {
    const calls: string[] = [];
    const fakes = {
      problemWith: vi.fn((_file: string) => problem),
      remember: vi.fn(async (file: string | null) => void calls.push(`remember ${file}`)),
      apply: vi.fn(async (file: string | null) => void calls.push(`apply ${file}`)),
      tell: vi.fn((message: string) => void calls.push(`tell ${message}`)),
      log: vi.fn(),
    } satisfies AliasesFileChoiceSteps;
    return { fakes, calls };
  }

  it('remembers a usable file, then reopens with it', async () => {
    const { fakes, calls } = steps();
    expect(await chooseAliasesFile('/home/r/aliases.json', fakes)).toBe(true);
    expect(calls).toEqual(['remember /home/r/aliases.json', 'apply /home/r/aliases.json']);
  });

  it('refuses an unusable file with one line, changing neither the setting nor the table', async () => {
    const { fakes, calls } = steps('areas: the alias file /x.json is not valid JSON');
    expect(await chooseAliasesFile('/x.json', fakes)).toBe(false);
    expect(calls).toEqual(['tell areas: the alias file /x.json is not valid JSON']);
  });

  it('goes back to the built-in names without checking any file', async () => {
    const { fakes, calls } = steps('never asked');
    expect(await chooseAliasesFile(null, fakes)).toBe(true);
    expect(fakes.problemWith).not.toHaveBeenCalled();
    expect(calls).toEqual(['remember null', 'apply null']);
  });

  it('still applies a choice the settings could not save, and logs why', async () => {
    const { fakes, calls } = steps();
    fakes.remember.mockRejectedValueOnce(new Error('settings: cannot save x: EROFS'));
    expect(await chooseAliasesFile('/a.json', fakes)).toBe(true);
    expect(fakes.log).toHaveBeenCalledWith('settings: cannot save x: EROFS');
    expect(calls).toEqual(['apply /a.json']);
  });
});

describe('showAliasesFileNotice', () => {
  it('says the built-in names apply, with the one-line reason as detail', async () => {
    const dialog = {
      showMessageBox: vi.fn(async (_options: unknown) => ({ response: 0, checkboxChecked: false })),
    };
    await showAliasesFileNotice(dialog as never, null, 'areas: cannot read the alias file /a.json');
    const options = dialog.showMessageBox.mock.calls[0]![0] as { message: string; detail: string };
    expect(options.message).toBe(
      'Your area alias file could not be used, so the built-in area names apply.',
    );
    expect(options.detail).toBe('areas: cannot read the alias file /a.json');
  });
});
