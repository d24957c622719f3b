/**
 * A shard worker (`worker_threads` entry, bundled as `out/main/shard-worker.js`): reads, parses and
 * indexes its share of the folder into its own search shard, and answers searches over it. Keeps
 * the full text off the host thread entirely.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadAreaAliases } from './post/area-aliases';
import type { AreaAliases, ParseOutcome, PostFileInput } from './post/parse-contract';
import { describeFileError } from './scanner';
import {
  createSearchShard,
  loadSearchShardParts,
  searchShardTextsOffset,
  type StreamableSearchShard,
} from './search/search-shard';
import type { SerializedShard } from './search/shard-codec';
import type { ShardByteReader } from './search/shard-texts';
import { CacheChecksum } from './cache-checksum';
import { readAt, reusedBufferFileReader, transientReader } from './positional-io';
import { ShardFileWriter, type WrittenShardFile } from './shard-file-writer';
import { openTextSpill } from './text-spill-file';
import type { IndexedDocument, ShardMatches } from './search/search-contract';
import {
  MAX_POST_BYTES,
  type DocumentNumbers,
  type ShardResults,
  type FileIndexResult,
  type FileToIndex,
  type ShardRequestMessage,
  type ShardResponseMessage,
  type ShardWorkerData,
} from './shard-protocol';

type ParsePostFile = (input: PostFileInput, aliases: AreaAliases) => ParseOutcome;

const data = workerData as ShardWorkerData;
const progress = new Int32Array(data.progress);
const aliases = loadAreaAliases(data.aliasesFile);
/** The worker's one spill, reused by every shard it holds (one at a time). */
const spill = data.spillDirectory
  ? openTextSpill(data.spillDirectory, `texts-${data.shardIndex}`)
  : null;
let shard: StreamableSearchShard = createSearchShard(spill);
const readPostFile = reusedBufferFileReader();

/**
 * The parser is imported on demand, not with this module: with its dependencies (`yaml`,
 * `htmlparser2`) it costs ~0.1 s of start-up, and a worker that loads its shard from the cache
 * needs no parser until a file changes. A worker whose first request is not a shard load (a cold
 * index) starts importing it right away (see `main`).
 */
let parse: ParsePostFile | null = null;
let parserLoading: Promise<ParsePostFile> | null = null;

function loadParser(): Promise<ParsePostFile> {
  parserLoading ??= (
    data.parserModule
      ? (import(data.parserModule) as Promise<{ parsePostFile: ParsePostFile }>)
      : import('./post/parse-post')
  ).then((module) => (parse = module.parsePostFile));
  return parserLoading;
}

function readAndParse(
  parse: ParsePostFile,
  file: FileToIndex,
): { result: FileIndexResult; document?: IndexedDocument } {
  const base = { relativePath: file.relativePath, size: file.size, mtimeMs: file.mtimeMs };
  if (file.size > MAX_POST_BYTES) {
    return { result: { ...base, kind: 'skipped', reason: 'larger than 5 MB' } };
  }
  let bytes: Uint8Array;
  try {
    // A view into a reused buffer: the parser decodes it at once and keeps nothing of it.
    bytes = readPostFile(file.absolutePath, file.size);
  } catch (error) {
    return {
      result: { ...base, kind: 'skipped', reason: `cannot read file: ${describeFileError(error)}` },
    };
  }
  let outcome: ParseOutcome;
  try {
    outcome = parse({ relativePath: file.relativePath, bytes, mtimeMs: file.mtimeMs }, aliases);
  } catch (error) {
    // The parser promises never to throw; if it does, one file is lost, not the shard.
    const message = error instanceof Error ? error.message : String(error);
    return { result: { ...base, kind: 'skipped', reason: `parser failed: ${message}` } };
  }
  if (outcome.kind === 'skipped') {
    return { result: { ...base, kind: 'skipped', reason: outcome.reason } };
  }
  const { post, text } = outcome;
  const summary = {
    id: post.id,
    path: post.path,
    title: post.title,
    date: post.date,
    areas: post.areas,
    category: post.category,
    permalink: post.permalink,
    layout: post.layout,
    external: post.external,
    description: post.description,
    warnings: post.warnings,
    readingMinutes: post.readingMinutes,
  };
  return {
    result: { ...base, kind: 'post', summary },
    document: {
      id: post.id,
      title: post.title,
      description: post.description,
      areas: post.areas,
      text,
    },
  };
}

function indexFiles(parse: ParsePostFile, files: readonly FileToIndex[]): ShardResults['index'] {
  const results: FileIndexResult[] = [];
  const documents: IndexedDocument[] = [];
  const removed: string[] = [];
  files.forEach((file, position) => {
    Atomics.store(progress, 0, position + 1);
    const { result, document } = readAndParse(parse, file);
    results.push(result);
    if (document) documents.push(document);
    else removed.push(file.relativePath);
  });
  Atomics.store(progress, 0, 0);
  if (removed.length > 0) shard.remove(removed);
  if (documents.length > 0) shard.add(documents);
  const numbered: DocumentNumbers = { ids: [], numbers: [] };
  for (const { id } of documents) {
    const number = shard.documentNumber(id);
    if (number === undefined) continue;
    numbered.ids.push(id);
    numbered.numbers.push(number);
  }
  return { results, numbered };
}

/** How long one save step may hold the worker (see `ShardWorkerData.saveStepMs`). */
const SAVE_STEP_MS = data.saveStepMs ?? 8;

/**
 * The save in progress between its steps. A change to the shard (index, remove, load, clear)
 * abandons it: the pieces left to write would no longer match the ones written.
 */
let saving: ShardFileWriter | null = null;

/**
 * Starts writing the shard to `directory` and takes the first step (see `continueSave`), once a
 * vacuum in progress is over: its batches would change the index between two steps.
 */
async function startSave(directory: string, fileNamePrefix: string): Promise<ShardResults['save']> {
  abandonSave();
  await shard.whenVacuumed();
  saving = new ShardFileWriter(directory, fileNamePrefix, shard.serializeInSteps());
  return continueSave();
}

/** Works for one step; the saved shard after the last, `null` while there is more to do. */
function continueSave(): ShardResults['save-step'] {
  const writer = saving;
  if (!writer) throw new Error('no save in progress: the shard changed since it began');
  let written: WrittenShardFile | null;
  try {
    written = writer.step(SAVE_STEP_MS);
  } catch (error) {
    saving = null;
    throw error;
  }
  if (!written) return null;
  saving = null;
  // Synchronously, before the host can hear of the file (and a later save prune it). From now on
  // the shard reads its texts from the file it just wrote.
  const file = openShardFile(written.path);
  if (file) shard.readTextsFrom(written.encoded, textsOf(file));
  return { fileName: written.fileName, checksum: written.checksum };
}

function abandonSave(): void {
  saving?.abandon();
  saving = null;
}

function loadShard(path: string, checksum: string): ShardResults['load'] {
  const loaded = loadShardFile(path, checksum);
  if (loaded) {
    shard.close();
    // The replaced shard's texts are gone with it.
    spill?.clear();
    shard = loaded;
  }
  return {
    loaded: loaded !== null,
    numbered: loaded ? shard.documentNumbers() : { ids: [], numbers: [] },
  };
}

/**
 * Bytes read per step while checksumming a shard's texts, into one buffer reused step after step:
 * a fresh buffer per step made the kernel hand the process ~20 MB of new pages per shard, which
 * cost more than the reading itself (70 ms against 2 ms on the benchmark machine).
 */
const CHECK_STEP_BYTES = 1 << 20;

/**
 * The cached shard at `path` if it is intact (its checksum is `checksum`), else `null`. Only the
 * index part of the file is kept in memory (the index reads its postings there); the texts are
 * checksummed in steps and then read from the file when a snippet needs one, through a descriptor
 * the shard keeps open (so a later save, by this or another process, may replace the file).
 */
function loadShardFile(path: string, checksum: string): StreamableSearchShard | null {
  const file = openShardFile(path);
  if (!file) return null;
  let loaded: StreamableSearchShard | null = null;
  try {
    const split = searchShardTextsOffset(file.read);
    if (split > file.byteLength) return null;
    const head = file.read(0, split);
    const hash = new CacheChecksum().update(head);
    const step = Buffer.allocUnsafeSlow(CHECK_STEP_BYTES);
    for (let position = split; position < file.byteLength; position += CHECK_STEP_BYTES) {
      hash.update(file.readInto(position, step));
    }
    if (hash.digest() !== checksum) return null;
    loaded = loadSearchShardParts(head, textsOf(file), spill);
    return loaded;
  } catch {
    return null;
  } finally {
    if (!loaded) file.close();
  }
}

interface ShardFile extends SerializedShard {
  close(): void;
  /** Reads from `position` into the whole of `into` (less at the end of the file). */
  readInto(position: number, into: Uint8Array): Uint8Array;
  readonly texts: ShardByteReader;
}

/** What a shard keeps of `file`: its texts, read into a reused buffer. */
const textsOf = (file: ShardFile): SerializedShard => ({
  read: file.texts,
  byteLength: file.byteLength,
  close: file.close,
});

/**
 * A shard file opened for reading at any position; `close` releases it. `null` when it cannot
 * be opened. `read` hands out buffers of their own; `texts` is the reader the shard keeps for its
 * texts (views into one reused buffer, see `transientReader`).
 */
function openShardFile(path: string): ShardFile | null {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch {
    return null;
  }
  let byteLength: number;
  try {
    byteLength = fstatSync(descriptor).size;
  } catch {
    closeSync(descriptor);
    return null;
  }
  const read = (position: number, length: number): Uint8Array =>
    readAt(
      descriptor,
      position,
      Buffer.allocUnsafe(Math.max(0, Math.min(length, byteLength - position))),
    );
  let open = true;
  const close = () => {
    if (open) closeSync(descriptor);
    open = false;
  };
  return {
    read,
    readInto: (position, into) => readAt(descriptor, position, into),
    byteLength,
    close,
    texts: transientReader(descriptor, () => byteLength),
  };
}

function handle(message: ShardRequestMessage): unknown {
  switch (message.type) {
    case 'index':
      abandonSave();
      // `respond` has loaded the parser before handing an index request here.
      return indexFiles(parse!, message.files);
    case 'remove':
      abandonSave();
      shard.remove(message.ids);
      return null;
    case 'match':
      return shard.match(message.query);
    case 'snippets':
      return shard.snippets(message.query, message.ids);
    case 'save':
      return startSave(message.directory, message.fileNamePrefix);
    case 'save-step':
      return continueSave();
    case 'load':
      abandonSave();
      return loadShard(message.path, message.checksum);
    case 'clear':
      abandonSave();
      shard.close();
      spill?.clear();
      shard = createSearchShard(spill);
      return null;
  }
}

async function respond(message: ShardRequestMessage): Promise<void> {
  let response: ShardResponseMessage;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = await handle(message);
    // Scores move to the host thread instead of being copied.
    if (message.type === 'match')
      transfer.push((result as ShardMatches).scores.buffer as ArrayBuffer);
    response = { requestId: message.requestId, ok: true, result };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    response = { requestId: message.requestId, ok: false, error: `shard-worker: ${text}` };
  }
  parentPort!.postMessage(response, transfer);
}

function main(): void {
  let firstMessage = true;
  // The host sends one request at a time and waits for its answer, so an index request waiting
  // for the parser, or a save waiting for a vacuum, cannot be overtaken by the next request.
  parentPort!.on('message', (message: ShardRequestMessage) => {
    if (firstMessage && message.type !== 'load') void loadParser().catch(() => undefined);
    firstMessage = false;
    if (message.type !== 'index' || parse !== null) return void respond(message);
    loadParser().then(
      () => respond(message),
      (error: unknown) => {
        const text = error instanceof Error ? error.message : String(error);
        parentPort!.postMessage({
          requestId: message.requestId,
          ok: false,
          error: `shard-worker: cannot load the parser: ${text}`,
        } satisfies ShardResponseMessage);
      },
    );
  });
  parentPort!.postMessage({ ready: true });
  // A cold index sends no shard load: use the time before its first batch to import the parser.
  // A cache load request is normally queued by now (the host sends it right after reading the
  // small manifest) and arrives first; then the parser waits until a file needs it.
  setTimeout(() => {
    if (firstMessage) void loadParser().catch(() => undefined);
  }, 20);
}

main();
