import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadAreaAliases, shippedAliasesFile } from './area-aliases';
import { AreaCollector, canonicalAreaName, tidyAreaCase } from './area-names';

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

describe('area names that differ only in letter case', () => {
  const aliases = loadAreaAliases();

  it('settle on one spelling whatever post they come from', () => {
    for (const written of ['trade', 'Trade', 'TRADE', '  trade. ']) {
      expect(canonicalAreaName(written, aliases)).toBe('Trade');
    }
    for (const written of ['smart cities', 'Smart Cities', 'SMART CITIES']) {
      expect(canonicalAreaName(written, aliases)).toBe('Smart Cities');
    }
  });

  it('use the alias table spelling when the table knows the name in any case', () => {
    expect(canonicalAreaName('ai safety research', aliases)).toBe('AI Safety Research');
    expect(canonicalAreaName('CYBER SECURITY', aliases)).toBe('Cybersecurity');
    expect(canonicalAreaName('cross border data flows', aliases)).toBe('Cross-Border Data Flows');
  });

  it('keep a name that mixes capitals and small letters as written', () => {
    for (const name of [
      'AI Safety Research',
      'ASEAN cooperation',
      'eCommerce Rules',
      '5G networks',
      'Research With A Partner',
      '<i onclick="x">Ocean Science</i>',
    ]) {
      expect(tidyAreaCase(name)).toBe(name);
    }
  });

  it('title-case a name written all in small letters, leaving joining words small', () => {
    expect(tidyAreaCase('trade and investment')).toBe('Trade and Investment');
    expect(tidyAreaCase('the arctic')).toBe('The Arctic');
    expect(tidyAreaCase("women's empowerment")).toBe("Women's Empowerment");
    expect(tidyAreaCase('government-to-government ties')).toBe('Government-to-Government Ties');
    expect(tidyAreaCase('5g networks')).toBe('5g Networks');
  });

  it('title-case a name written all in capitals, keeping two-letter acronyms', () => {
    expect(tidyAreaCase('TRADE AND INVESTMENT')).toBe('Trade and Investment');
    expect(tidyAreaCase('AI SAFETY')).toBe('AI Safety');
    expect(tidyAreaCase('EU-UK DATA FLOWS')).toBe('EU-UK Data Flows');
    expect(tidyAreaCase('FISHERIES')).toBe('Fisheries');
  });

  it('still merge case variants within one post, keeping the first', () => {
    const collector = new AreaCollector(aliases);
    collector.add('trade', { kind: 'front-matter', field: 'tags' });
    collector.add('TRADE', { kind: 'front-matter', field: 'areas' });
    expect(collector.areas).toEqual([
      { name: 'Trade', source: { kind: 'front-matter', field: 'tags' } },
    ]);
  });
});
