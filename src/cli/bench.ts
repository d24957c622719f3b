#!/usr/bin/env node
/**
 * `npm run bench -- --posts N [--json]`: measures the core library on a synthetic folder of N
 * posts — cold index, warm load from the cache, search latency, watcher update latency, memory
 * and host-thread blocking — against plain MiniSearch over the same texts (run in a child process
 * so each side's peak memory is its own). See docs/PERFORMANCE.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openLibrary } from '../core/library';
import type { LibraryService } from '../core/library-service';
import { loadAreaAliases } from '../core/post/area-aliases';
import { parsePostFile } from '../core/post/parse-post';
import { scanFolder } from '../core/scanner';
import { buildReferenceIndex } from '../core/search/reference-index';
import type { IndexedDocument } from '../core/search/search-contract';
import { writeSyntheticCorpus } from './bench-corpus';
import { benchmarkQueries } from './bench-queries';
import { TIMELINE_PAGE_SIZE } from '@shared/query';

const UPDATE_SAMPLES = 30;

interface Reference {
  readonly reference_ms: number;
  readonly reference_cpu_ms: number;
  readonly reference_peak_rss_mb: number;
}

/**
 * CPU time of this process (every thread, user + system) since `since`, in ms. Reported next to
 * wall times because the machine the benchmark runs on is often shared: wall time then measures
 * the neighbours as much as the code, CPU time much less so.
 */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1000);
};

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const MEMORY_SAMPLE_MS = 50;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The highest memory seen by a {@link MemorySampler} phase, in MB. */
interface PhasePeak {
  /** Resident set of the whole process: the host and every worker thread. */
  rssMb: number;
  /** V8 heap in use on the host thread only (workers have heaps of their own). */
  hostHeapMb: number;
}

/**
 * Samples `process.memoryUsage()` every {@link MEMORY_SAMPLE_MS} ms and keeps the peak of the
 * current phase, so the report says *where* the run's peak RSS is, not only how high it is.
 * Samples come from a host-thread timer: a phase shorter than a sample, or a spike while the host
 * is blocked, can be missed (`peak_rss_mb`, the kernel's high-water mark, is exact).
 */
class MemorySampler {
  private readonly peaks = new Map<string, PhasePeak>();
  private phase: PhasePeak | null = null;
  // Unreferenced: a benchmark that fails must still exit.
  private readonly timer = setInterval(() => this.sample(), MEMORY_SAMPLE_MS).unref();

  /** Starts a phase named `name` (ending the previous one, with a last sample). */
  begin(name: string): void {
    this.sample();
    this.phase = { rssMb: 0, hostHeapMb: 0 };
    this.peaks.set(name, this.phase);
    this.sample();
  }

  /** Ends the current phase with a last sample. */
  end(): void {
    this.sample();
    this.phase = null;
  }

  peak(name: string): PhasePeak {
    return this.peaks.get(name) ?? { rssMb: 0, hostHeapMb: 0 };
  }

  /** The host heap's peak over every phase. */
  hostHeapPeakMb(): number {
    return Math.max(0, ...[...this.peaks.values()].map((peak) => peak.hostHeapMb));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    if (!this.phase) return;
    const { rss, heapUsed } = process.memoryUsage();
    this.phase.rssMb = Math.max(this.phase.rssMb, mb(rss));
    this.phase.hostHeapMb = Math.max(this.phase.hostHeapMb, mb(heapUsed));
  }
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return round(sorted[Math.max(0, index)] ?? 0);
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Child-process mode: plain MiniSearch `addAll` over the parser's texts for every file. */
async function runReference(folder: string): Promise<Reference> {
  const aliases = loadAreaAliases();
  const scan = await scanFolder(folder);
  const documents: IndexedDocument[] = [];
  for (const file of scan.files) {
    const outcome = parsePostFile(
      {
        relativePath: file.relativePath,
        bytes: await readFile(file.absolutePath),
        mtimeMs: file.mtimeMs,
      },
      aliases,
    );
    if (outcome.kind !== 'post') continue;
    const { post, text } = outcome;
    documents.push({
      id: post.id,
      title: post.title,
      description: post.description,
      areas: post.areas,
      text,
    });
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const index = buildReferenceIndex(documents);
  const referenceMs = performance.now() - started;
  const referenceCpuMs = cpuMsSince(cpuBefore);
  if (index.documentCount !== documents.length)
    throw new Error('bench: reference index lost documents');
  return {
    reference_ms: round(referenceMs),
    reference_cpu_ms: referenceCpuMs,
    reference_peak_rss_mb: peakRssMb(),
  };
}

/**
 * Runs this script again with `args` in a child process and resolves to the JSON object it prints
 * as its last line: what runs there leaves nothing behind in this process's memory.
 */
function runInChild<T>(args: readonly string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench: ${what} failed (exit ${code})`));
      else resolve(JSON.parse(output.trim().split('\n').pop()!) as T);
    });
  });
}

const measureReference = (folder: string) =>
  runInChild<Reference>(['--reference', folder], 'the reference run');

/**
 * Writes the synthetic folder from a child process. Written from this one, the corpus's tens of
 * megabytes of strings stayed in the host's heap as uncollected garbage (no allocation asked for a
 * collection before the cold index began) and counted towards the library's peak memory, while the
 * reference, in a fresh process, carried none.
 */
const writeCorpus = (folder: string, count: number) =>
  runInChild<string[]>(['--write-corpus', folder, '--posts', String(count)], 'writing the folder');

/** Resolves when `library` announces `id` added or updated; rejects after `timeoutMs`. */
function waitForChange(library: LibraryService, id: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`bench: no change event for ${id} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = library.onDidChangePosts((event) => {
      if (event.updated.includes(id) || event.added.includes(id)) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Rewrites the post at `path` with an edited title (`edit` makes each edit new). */
async function rewritePost(folder: string, path: string, edit: number | string): Promise<void> {
  const absolute = join(folder, path);
  const text = await readFile(absolute, 'utf8');
  await writeFile(absolute, text.replace(/^title: (.*)$/m, `title: $1 (edit ${edit})`));
}

async function measureUpdates(
  library: LibraryService,
  folder: string,
  paths: readonly string[],
): Promise<number[]> {
  // The watcher finishes walking a large folder in the background: wait for it to see a change.
  const warmUp = paths[0]!;
  const warmed = waitForChange(library, warmUp, 120_000);
  const poke = setInterval(() => void rewritePost(folder, warmUp, 0), 1000);
  await rewritePost(folder, warmUp, 0);
  await warmed.finally(() => clearInterval(poke));
  const latencies: number[] = [];
  for (let sample = 1; sample <= UPDATE_SAMPLES; sample++) {
    const path = paths[(sample * 37) % paths.length]!;
    const changed = waitForChange(library, path, 10_000);
    await rewritePost(folder, path, sample);
    const written = performance.now();
    await changed;
    latencies.push(performance.now() - written);
  }
  return latencies;
}

/**
 * A warm open of its own, and one post rewritten as soon as it is ready: the time until the change
 * is announced. The watcher starts 1.5 s later (`watchStartDelayMs`); until then the interim
 * watch must hear it (`interim-folder-watch.ts`).
 */
async function measureUpdateAfterOpen(
  folder: string,
  cacheDir: string,
  paths: readonly string[],
): Promise<number> {
  const library = await openLibrary({ folder, cacheDir, watch: true });
  try {
    await library.whenReady();
    const path = paths[Math.floor(paths.length / 2)]!;
    const changed = waitForChange(library, path, 10_000);
    await rewritePost(folder, path, 'after open');
    const written = performance.now();
    await changed;
    return performance.now() - written;
  } finally {
    await library.close();
  }
}

/**
 * The 200 benchmark queries one after the other, each asking for the first timeline page as the
 * reader does (snippets included); the time of each, in ms.
 */
async function measureSearches(library: LibraryService): Promise<number[]> {
  const firstPage = { offset: 0, limit: TIMELINE_PAGE_SIZE };
  const times: number[] = [];
  for (const filter of benchmarkQueries()) {
    const before = performance.now();
    await library.query(filter, firstPage);
    times.push(performance.now() - before);
  }
  return times;
}

/**
 * The cold index, then the cold library's close (which writes the cache). A function of its own so
 * that nothing of the closed library stays reachable while the warm one is measured: kept in a
 * variable of the caller, its records and summaries (~20 MB of host heap at 10,000 posts) counted
 * towards the warm library's memory.
 */
async function measureColdIndex(folder: string, cacheDir: string, memory: MemorySampler) {
  memory.begin('cold');
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const library = await openLibrary({ folder, cacheDir, watch: false });
  await library.whenReady();
  const coldMs = round(performance.now() - started);
  const coldCpuMs = cpuMsSince(cpuBefore);
  delay.disable();
  if (library.status().state !== 'ready')
    throw new Error(`bench: cold index ended ${library.status().state}`);
  const posts = (await library.query({})).total;
  memory.begin('save');
  // Closing the cold library writes its cache (both shards and the manifest).
  await library.close();
  memory.end();
  return { coldMs, coldCpuMs, posts, maxEventLoopDelayMs: round(delay.max / 1e6) };
}

async function runBenchmark(postCount: number, json: boolean): Promise<void> {
  const log = (line: string) => {
    if (!json) process.stderr.write(`${line}\n`);
  };
  const workspace = await mkdtemp(join(tmpdir(), 'accord-bench-'));
  const folder = join(workspace, 'site');
  const cacheDir = join(workspace, 'cache');
  try {
    log(`Writing ${postCount} synthetic posts to ${folder}…`);
    const paths = await writeCorpus(folder, postCount);

    log('Measuring plain MiniSearch (child process)…');
    const reference = await measureReference(folder);
    log(`  ${reference.reference_ms} ms, ${reference.reference_peak_rss_mb} MB`);

    log('Cold index…');
    const memory = new MemorySampler();
    const cold = await measureColdIndex(folder, cacheDir, memory);
    log(`  ${cold.coldMs} ms`);

    log('Warm load from the cache…');
    memory.begin('warm');
    const warmDelay = monitorEventLoopDelay({ resolution: 10 });
    warmDelay.enable();
    // From the open on, not from `whenReady`: the monitor records a delay only from its second
    // tick, and would miss a block that began right as the open ended.
    const useDelay = monitorEventLoopDelay({ resolution: 10 });
    useDelay.enable();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const warm = await openLibrary({ folder, cacheDir, watch: true });
    await warm.whenReady();
    const warmMs = performance.now() - started;
    const warmCpuMs = cpuMsSince(cpuBefore);
    warmDelay.disable();
    log(`  ${round(warmMs)} ms`);
    memory.begin('use');

    // Right after the open, as a reader who searches at once meets it: the first queries pay for
    // compiling the search path and building the timeline. The watcher starts walking the folder
    // 1.5 s after the open (`watchStartDelayMs`), about when these 200 queries end at 10,000 posts.
    log('Searching while the library starts…');
    const startupTimes = await measureSearches(warm);

    log('Watching updates…');
    const updates = await measureUpdates(warm, folder, paths);

    // The same queries once the library has settled (the watcher has walked the folder and seen
    // the edits above): what every later search of the session costs.
    log('Searching…');
    const searchCpuBefore = process.cpuUsage();
    const searchTimes = await measureSearches(warm);
    const searchCpuMs = cpuMsSince(searchCpuBefore);
    useDelay.disable();

    // The same queries asking for every row in timeline order, as `accord list --query` does (once
    // per process; the reader never does): 200 answers of up to N rows each, a phase of their own.
    log('Searching for every row…');
    memory.begin('all-rows');
    const allRowsTimes: number[] = [];
    for (const filter of benchmarkQueries()) {
      const before = performance.now();
      await warm.query(filter, undefined, { order: 'timeline' });
      allRowsTimes.push(performance.now() - before);
    }

    // Closing writes the cache again (the updates changed it).
    memory.begin('close');
    await warm.close();
    memory.end();
    memory.stop();

    log('Saving a post right after an open…');
    const updateAfterOpenMs = await measureUpdateAfterOpen(folder, cacheDir, paths);

    const result = {
      posts: cold.posts,
      cold_index_ms: cold.coldMs,
      cold_index_cpu_ms: cold.coldCpuMs,
      warm_load_ms: round(warmMs),
      warm_load_cpu_ms: warmCpuMs,
      search_p50_ms: percentile(searchTimes, 0.5),
      search_p95_ms: percentile(searchTimes, 0.95),
      search_cpu_ms: searchCpuMs,
      first_search_ms: round(startupTimes[0] ?? 0),
      search_startup_p50_ms: percentile(startupTimes, 0.5),
      search_startup_p95_ms: percentile(startupTimes, 0.95),
      search_all_rows_p95_ms: percentile(allRowsTimes, 0.95),
      update_latency_p95_ms: percentile(updates, 0.95),
      update_after_open_ms: round(updateAfterOpenMs),
      peak_rss_mb: peakRssMb(),
      max_event_loop_delay_ms: cold.maxEventLoopDelayMs,
      warm_max_event_loop_delay_ms: round(warmDelay.max / 1e6),
      use_max_event_loop_delay_ms: round(useDelay.max / 1e6),
      cold_peak_rss_mb: memory.peak('cold').rssMb,
      cold_save_peak_rss_mb: memory.peak('save').rssMb,
      warm_peak_rss_mb: memory.peak('warm').rssMb,
      use_peak_rss_mb: memory.peak('use').rssMb,
      all_rows_peak_rss_mb: memory.peak('all-rows').rssMb,
      close_peak_rss_mb: memory.peak('close').rssMb,
      host_peak_heap_mb: memory.hostHeapPeakMb(),
      reference_ms: reference.reference_ms,
      reference_cpu_ms: reference.reference_cpu_ms,
      reference_peak_rss_mb: reference.reference_peak_rss_mb,
      machine: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      const rows = Object.entries(result).map(
        ([name, value]) => `${name.padEnd(26)}${String(value)}`,
      );
      process.stdout.write(`${rows.join('\n')}\n`);
    }
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '10000' },
      json: { type: 'boolean', default: false },
      reference: { type: 'string' },
      'write-corpus': { type: 'string' },
    },
    strict: true,
  });
  if (values.reference) {
    process.stdout.write(`${JSON.stringify(await runReference(values.reference))}\n`);
    return;
  }
  const count = Number(values.posts);
  if (!Number.isInteger(count) || count < 1)
    throw new Error('bench: --posts must be a whole number of at least 1');
  if (values['write-corpus']) {
    const paths = await writeSyntheticCorpus(values['write-corpus'], count);
    process.stdout.write(`${JSON.stringify(paths)}\n`);
    return;
  }
  await runBenchmark(count, values.json);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
