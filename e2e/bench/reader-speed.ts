/**
 * `npm run bench:ui -- [--posts N] [--json]`: how fast the reader feels in a real browser on a
 * large folder, measured the way a person would notice it. Not a test (speed is measured, never
 * asserted by timers): it prints numbers to compare with the targets in docs/PERFORMANCE.md.
 *
 * - `first_paint_ms`: page navigation → the first timeline rows are on screen (the app's
 *   `data-ready` signal), with the folder already indexed (a person reopening the app).
 * - `search_p50_ms` / `search_p95_ms`: the last key of a search → its rows on screen (the app's
 *   `data-results-query` signal), over the benchmark's mixed query words, typed key by key.
 * - `scroll_max_frame_ms` / `scroll_long_frames`: the longest frame, and frames over 50 ms, while
 *   the timeline is scrolled from top to bottom in steps a trackpad would make.
 *
 * Runs against the built `accord serve` (`npm run build` first) in the Chromium the e2e suite uses.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { benchmarkQueries } from '../../src/cli/bench-queries';
import { writeSyntheticCorpus } from '../../src/cli/bench-corpus';
import { CHROMIUM_ARGS, findChromium } from '../find-chromium';
import { startAccordServe } from '../support/accord-serve';
import { makeTempDir, removeDir } from '../support/corpus';

interface Options {
  readonly posts: number;
  readonly json: boolean;
  readonly searches: number;
}

function parseOptions(args: readonly string[]): Options {
  let posts = 10_000;
  let json = false;
  let searches = 40;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--json') json = true;
    else if (arg === '--posts') posts = Number(args[++index]);
    else if (arg === '--searches') searches = Number(args[++index]);
    else throw new Error(`bench:ui: unknown option ${arg}`);
  }
  if (!Number.isInteger(posts) || posts < 1) throw new Error('bench:ui: --posts takes a count');
  if (!Number.isInteger(searches) || searches < 1) {
    throw new Error('bench:ui: --searches takes a count');
  }
  return { posts, json, searches };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Page-side recorders: when the first rows appeared, and when each search's rows did. */
function installRecorders(page: Page): Promise<void> {
  return page.addInitScript(() => {
    const scope = globalThis as unknown as {
      __bench: { readyAt: number | null; lastKeyAt: number; results: Map<string, number> };
      document: Document;
    };
    scope.__bench = { readyAt: null, lastKeyAt: 0, results: new Map() };
    // Init scripts run before <html> exists: watch the document for the attributes instead.
    // (No named functions in here: tsx would wrap them in a helper the page does not have.)
    new MutationObserver(() => {
      const html = scope.document.documentElement;
      if (html.dataset.ready === 'true' && scope.__bench.readyAt === null) {
        scope.__bench.readyAt = performance.now();
      }
      const query = html.dataset.resultsQuery;
      if (query !== undefined && !scope.__bench.results.has(query)) {
        scope.__bench.results.set(query, performance.now());
      }
    }).observe(scope.document, {
      attributes: true,
      subtree: true,
      attributeFilter: ['data-ready', 'data-results-query'],
    });
    scope.document.addEventListener(
      'keydown',
      () => (scope.__bench.lastKeyAt = performance.now()),
      true,
    );
  });
}

async function measureSearch(page: Page, words: readonly string[]): Promise<number[]> {
  const searchbox = page.getByRole('searchbox', { name: 'Search' });
  const latencies: number[] = [];
  for (const word of words) {
    await searchbox.fill('');
    await page.waitForFunction(() => document.documentElement.dataset.resultsQuery === '');

    await page.evaluate(() =>
      (
        globalThis as unknown as { __bench: { results: Map<string, number> } }
      ).__bench.results.clear(),
    );
    await searchbox.pressSequentially(word);
    const latency = await page.waitForFunction(
      (expected) => {
        const bench = (
          globalThis as unknown as { __bench: { lastKeyAt: number; results: Map<string, number> } }
        ).__bench;
        const at = bench.results.get(expected);
        return at === undefined ? null : at - bench.lastKeyAt;
      },
      word,
      { timeout: 30_000 },
    );
    latencies.push((await latency.jsonValue()) as number);
  }
  return latencies;
}

async function measureScroll(page: Page): Promise<{ maxFrameMs: number; longFrames: number }> {
  return page.evaluate(async () => {
    const list = document.querySelector('[aria-label="Timeline"]');
    let scroller: Element | null = list;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) {
      scroller = scroller.parentElement;
    }
    if (!scroller) throw new Error('bench:ui: no scrolling timeline found');
    const frames: number[] = [];
    let last = performance.now();
    // A fast trackpad flick: 600 px a frame until the end.
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += 600;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      if (frames.length > 20_000) break;
    }
    return {
      maxFrameMs: Math.max(...frames),
      longFrames: frames.filter((frame) => frame > 50).length,
    };
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`bench:ui: ${line}\n`);
  const parent = await makeTempDir('bench-ui');
  const folder = `${parent}/posts`;
  const cacheDir = `${parent}/cache`;
  log(`writing ${options.posts} posts`);
  await writeSyntheticCorpus(folder, options.posts);
  const server = await startAccordServe({ folder, cacheDir }, 120_000);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // The first visit waits for the cold index; the measured visit opens an indexed folder.
    const warmup = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    log('indexing');
    const started = performance.now();
    await warmup.goto(server.url);
    await warmup.waitForFunction(
      () =>
        document.querySelector('[role="progressbar"]') === null &&
        document.documentElement.dataset.ready === 'true',
      undefined,
      { timeout: 300_000, polling: 200 },
    );
    log(`indexed in ${Math.round(performance.now() - started)} ms`);
    await warmup.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await installRecorders(page);
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    const firstPaint = await page.evaluate(
      () => (globalThis as unknown as { __bench: { readyAt: number } }).__bench.readyAt,
    );

    const words = [
      ...new Set(
        benchmarkQueries()
          .filter((filter) => !filter.areas && filter.query)
          .map((filter) => filter.query!),
      ),
    ].slice(0, options.searches);
    log(`searching ${words.length} times`);
    const searches = await measureSearch(page, words);
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.waitForFunction(() => document.documentElement.dataset.resultsQuery === '');
    log('scrolling');
    const scroll = await measureScroll(page);

    const result = {
      posts: options.posts,
      first_paint_ms: round(firstPaint),
      search_p50_ms: round(percentile(searches, 0.5)),
      search_p95_ms: round(percentile(searches, 0.95)),
      search_max_ms: round(Math.max(...searches)),
      searches: searches.length,
      scroll_max_frame_ms: round(scroll.maxFrameMs),
      scroll_long_frames: scroll.longFrames,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      for (const [key, value] of Object.entries(result)) {
        process.stdout.write(`${key.padEnd(22)} ${value}\n`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await removeDir(parent);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
