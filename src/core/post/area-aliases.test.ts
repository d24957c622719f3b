import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAreaAliases, shippedAliasesFile } from './area-aliases';
import { canonicalAreaName } from './area-names';

describe('loadAreaAliases', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-aliases-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('finds and loads the shipped table from resources/', () => {
    expect(shippedAliasesFile()).toMatch(/resources[/\\]area-aliases\.json$/);
    const aliases = loadAreaAliases();
    expect(canonicalAreaName('Standardization  Activities', aliases)).toBe(
      'Standardisation Activities',
    );
    expect(canonicalAreaName('cyber security', aliases)).toBe('Cybersecurity');
    expect(canonicalAreaName('Information Sharing.', aliases)).toBe('Information Exchange');
  });

  it('maps canonical names to themselves so case variants settle on one spelling', () => {
    expect(canonicalAreaName('CYBERSECURITY', loadAreaAliases())).toBe('Cybersecurity');
    expect(canonicalAreaName('Unknown Area', loadAreaAliases())).toBe('Unknown Area');
  });

  it("merges a user's file over the shipped table", () => {
    const file = write(
      'mine.json',
      '{"Cyber Security": "Cyber Resilience", "Green Economy": "Sustainability"}',
    );
    const aliases = loadAreaAliases(file);
    expect(canonicalAreaName('Cyber Security', aliases)).toBe('Cyber Resilience');
    expect(canonicalAreaName('green economy', aliases)).toBe('Sustainability');
    expect(canonicalAreaName('Information Sharing', aliases)).toBe('Information Exchange');
  });

  it('throws one-line "areas:" errors for a missing, invalid or wrongly shaped file', () => {
    const cases = [
      join(dir, 'missing.json'),
      write('bad.json', '{ not json'),
      write('list.json', '["a", "b"]'),
      write('number.json', '{"a": 3}'),
      write('empty-name.json', '{"a": "  "}'),
    ];
    for (const file of cases) {
      expect(() => loadAreaAliases(file)).toThrowError(/^areas: [^\n]+$/);
    }
  });
});
