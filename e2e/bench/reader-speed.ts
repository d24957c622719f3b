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

/*
 * The page-side code is written as source text: this file is compiled without the DOM library,
 * and tsx would wrap named functions in a helper the page does not have.
 */

/** Records when the first rows appeared and when each search's rows did (`window.__bench`). */
const RECORDERS = `
  window.__bench = { readyAt: null, lastKeyAt: 0, results: new Map() };
  // Init scripts run before <html> exists: watch the document for the attributes instead.
  new MutationObserver(() => {
    const html = document.documentElement;
    if (html.dataset.ready === 'true' && window.__bench.readyAt === null) {
      window.__bench.readyAt = performance.now();
    }
    const query = html.dataset.resultsQuery;
    if (query !== undefined && !window.__bench.results.has(query)) {
      window.__bench.results.set(query, performance.now());
    }
  }).observe(document, {
    attributes: true,
    subtree: true,
    attributeFilter: ['data-ready', 'data-results-query'],
  });
  document.addEventListener('keydown', () => (window.__bench.lastKeyAt = performance.now()), true);
`;

/** Scrolls the timeline to its end in fast trackpad-sized steps, timing every frame. */
const SCROLL_THROUGH_TIMELINE = `(async () => {
  let scroller = document.querySelector('[aria-label="Timeline"]');
  while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
  if (!scroller) throw new Error('bench:ui: no scrolling timeline found');
  const frames = [];
  let last = performance.now();
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1 && frames.length < 20000) {
    scroller.scrollTop += 600;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return { maxFrameMs: Math.max(...frames), longFrames: frames.filter((frame) => frame > 50).length };
})()`;

/**
 * Polls `expression` in the page until it is truthy and returns its value. (Playwright's
 * `waitForFunction` compiles strings inside the page, which the reader's CSP rightly forbids;
 * `evaluate` goes through the debugger protocol.) Timings come from the page's own clock, so the
 * polling interval does not enter the measurements.
 */
async function until(page: Page, expression: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(expression);
    if (value) return value;
    if (performance.now() > deadline)
      throw new Error(`bench:ui: timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const resultsQueryIs = (text: string) =>
  `document.documentElement.dataset.resultsQuery === ${JSON.stringify(text)}`;

async function measureSearch(page: Page, words: readonly string[]): Promise<number[]> {
  const searchbox = page.getByRole('searchbox', { name: 'Search' });
  const latencies: number[] = [];
  for (const word of words) {
    await searchbox.fill('');
    await until(page, resultsQueryIs(''));
    await page.evaluate('window.__bench.results.clear()');
    await searchbox.pressSequentially(word);
    const latency = await until(
      page,
      `(() => {
        const at = window.__bench.results.get(${JSON.stringify(word)});
        return at === undefined ? null : { ms: at - window.__bench.lastKeyAt };
      })()`,
    );
    latencies.push((latency as { ms: number }).ms);
  }
  return latencies;
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
    await until(
      warmup,
      `document.querySelector('[role="progressbar"]') === null &&
        document.documentElement.dataset.ready === 'true'`,
      300_000,
    );
    log(`indexed in ${Math.round(performance.now() - started)} ms`);
    await warmup.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: RECORDERS });
    await page.goto(server.url);
    await until(page, `document.documentElement.dataset.ready === 'true'`);
    const firstPaint = (await page.evaluate('window.__bench.readyAt')) as number;

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
    await until(page, resultsQueryIs(''));
    log('scrolling');
    const scroll = (await page.evaluate(SCROLL_THROUGH_TIMELINE)) as {
      maxFrameMs: number;
      longFrames: number;
    };

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
