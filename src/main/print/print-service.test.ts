import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryService } from '../../core/library-service';
import { makePost } from '../../core/render/test-post';
import { MAX_DIGEST_POSTS } from '@shared/digest-limit';
import type { Post } from '@shared/post';
import type { PostFilter, TimelineWindow } from '@shared/query';
import type { PdfRequest } from './pdf-renderer';
import { createPrintService, type PrintServiceDependencies } from './print-service';

const PDF_BYTES = new TextEncoder().encode('%PDF-1.7 fake');
const posts: Post[] = [
  makePost({ id: 'new.md', path: 'new.md', title: 'Newest agreement', date: '2024-11-20' }),
  makePost({ id: 'old.md', path: 'old.md', title: 'Older agreement', date: '2021-04-08' }),
];

let saveFolder: string;
let chosenPath: string | null;
let renderPdf: ReturnType<typeof vi.fn<(request: PdfRequest) => Promise<Uint8Array>>>;
let askSavePath: ReturnType<typeof vi.fn>;

/** A library holding `entries`, which answers a window with only the rows it asks for. */
function fakeLibrary(entries = posts): LibraryService {
  return {
    folder: '/posts',
    getPost: async (id: string) => entries.find((post) => post.id === id) ?? null,
    query: vi.fn(async (_filter: PostFilter, window?: TimelineWindow) => ({
      total: entries.length,
      entries: window ? entries.slice(window.offset, window.offset + window.limit) : entries,
    })),
  } as unknown as LibraryService;
}

function service(library = fakeLibrary(), overrides: Partial<PrintServiceDependencies> = {}) {
  return createPrintService({
    library: () => library,
    askSavePath: askSavePath as never,
    renderPdf,
    writeFile: (path, bytes) => writeFile(path, bytes),
    resolveImage: () => async () => null,
    defaultFolder: () => '/home/reader/Documents',
    today: () => '2025-03-05',
    ...overrides,
  });
}

beforeEach(async () => {
  saveFolder = await mkdtemp(join(tmpdir(), 'accord-print-save-'));
  chosenPath = join(saveFolder, 'chosen.pdf');
  renderPdf = vi.fn(async () => PDF_BYTES);
  askSavePath = vi.fn(async () => chosenPath);
});
afterEach(async () => {
  await rm(saveFolder, { recursive: true, force: true });
});

describe('print to PDF', () => {
  it('suggests <slug>.pdf and writes the PDF to the chosen path only', async () => {
    const outcome = await service().articleToPdf('new.md');
    expect(outcome).toEqual({ kind: 'saved', path: chosenPath });
    expect(askSavePath).toHaveBeenCalledWith({
      title: 'Print to PDF',
      defaultPath: join(
        '/home/reader/Documents',
        'singapore-and-the-european-union-agree-to-strengthen-collaboration-on-ai-safety.pdf',
      ),
    });
    expect(await readdir(saveFolder)).toEqual(['chosen.pdf']);
    expect(new Uint8Array(await readFile(chosenPath!))).toEqual(PDF_BYTES);
    expect(renderPdf.mock.calls[0]![0].title).toBe('Newest agreement');
    expect(renderPdf.mock.calls[0]![0].html).toContain(
      '<h1 class="post-title">Newest agreement</h1>',
    );
  });

  it('writes nothing and renders nothing when the dialog is cancelled', async () => {
    chosenPath = null;
    expect(await service().articleToPdf('new.md')).toEqual({ kind: 'cancelled' });
    expect(renderPdf).not.toHaveBeenCalled();
    expect(await readdir(saveFolder)).toEqual([]);
  });

  it('fails with one line, and writes nothing, when rendering fails', async () => {
    renderPdf.mockRejectedValue(new Error('print: making the PDF took longer than 30 s'));
    expect(await service().articleToPdf('new.md')).toEqual({
      kind: 'failed',
      message: 'print: making the PDF took longer than 30 s',
    });
    expect(await readdir(saveFolder)).toEqual([]);
  });

  it('fails without asking where to save when the article no longer exists', async () => {
    expect(await service().articleToPdf('gone.md')).toEqual({
      kind: 'failed',
      message: 'print: the article no longer exists',
    });
    expect(askSavePath).not.toHaveBeenCalled();
  });
});

describe('export digest PDF', () => {
  it('renders every post of the filtered timeline, in timeline order, into the chosen file', async () => {
    const outcome = await service().digestToPdf({ areas: ['AI Safety'] });
    expect(outcome).toEqual({ kind: 'saved', path: chosenPath });
    expect(askSavePath.mock.calls[0]![0].defaultPath).toBe(
      join('/home/reader/Documents', 'accord-digest-2025-03-05.pdf'),
    );
    const { html, title } = renderPdf.mock.calls[0]![0];
    expect(title).toBe('Accord Reader digest — 5 March 2025');
    expect(html.indexOf('Newest agreement</h2>')).toBeLessThan(
      html.indexOf('Older agreement</h2>'),
    );
    expect(html).toContain('<dt>Area</dt><dd>AI Safety</dd>');
    expect(await readdir(saveFolder)).toEqual(['chosen.pdf']);
  });

  it('writes nothing when cancelled', async () => {
    chosenPath = null;
    expect(await service().digestToPdf({})).toEqual({ kind: 'cancelled' });
    expect(renderPdf).not.toHaveBeenCalled();
    expect(await readdir(saveFolder)).toEqual([]);
  });

  it('refuses an empty or an oversized digest before asking where to save', async () => {
    expect(await service(fakeLibrary([])).digestToPdf({})).toMatchObject({ kind: 'failed' });
    const many = Array.from({ length: MAX_DIGEST_POSTS + 1 }, (_, index) =>
      makePost({ id: `${index}.md` }),
    );
    const outcome = await service(fakeLibrary(many)).digestToPdf({});
    expect(outcome).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/narrow the filters/),
    });
    expect(askSavePath).not.toHaveBeenCalled();
  });

  it('asks the library for no more rows than a digest holds, and counts the rest by its total', async () => {
    const many = Array.from({ length: 3 * MAX_DIGEST_POSTS }, (_, index) =>
      makePost({ id: `${index}.md` }),
    );
    const library = fakeLibrary(many);
    const outcome = await service(library).digestToPdf({ query: 'agreement' });
    expect(library.query).toHaveBeenCalledWith(
      { query: 'agreement' },
      { offset: 0, limit: MAX_DIGEST_POSTS },
    );
    expect(outcome).toMatchObject({
      kind: 'failed',
      message: `print: ${3 * MAX_DIGEST_POSTS} articles match; narrow the filters to at most ${MAX_DIGEST_POSTS} for a digest`,
    });
  });
});
