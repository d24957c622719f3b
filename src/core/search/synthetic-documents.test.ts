import { describe, expect, it } from 'vitest';
import { generateSyntheticDocuments } from './synthetic-documents';
import { containsCjk } from './tokenize';

describe('generateSyntheticDocuments', () => {
  it('gives the same corpus for the same seed and another for another seed', () => {
    expect(generateSyntheticDocuments(5)).toEqual(generateSyntheticDocuments(5));
    expect(generateSyntheticDocuments(5, { seed: 7 })).not.toEqual(generateSyntheticDocuments(5));
  });

  it('writes texts of about the requested length with accented and CJK words mixed in', () => {
    const documents = generateSyntheticDocuments(50, { textLength: 2000 });
    for (const document of documents) expect(document.text.length).toBeGreaterThanOrEqual(2000);
    expect(documents.some((document) => containsCjk(document.text))).toBe(true);
    expect(documents.some((document) => /[éüçïø]/i.test(document.text))).toBe(true);
    expect(new Set(documents.flatMap((document) => document.text.split(' '))).size).toBeGreaterThan(
      2000,
    );
  });
});
