/**
 * Test-only parser with the real parser's signature, loaded by shard workers through the
 * library's `parserModule` option. It delegates to the real parser and adds two failure modes the
 * worker pool must survive: a file containing `CRASH-THE-PARSER` kills its worker thread, one
 * containing `HANG-THE-PARSER` never returns. (Both only inside a worker: on the host thread they
 * would take the test runner down.)
 */
import { isMainThread } from 'node:worker_threads';
import { parsePostFile as realParsePostFile } from '../post/parse-post';
import type { AreaAliases, ParseOutcome, PostFileInput } from '../post/parse-contract';

export function parsePostFile(input: PostFileInput, aliases: AreaAliases): ParseOutcome {
  if (!isMainThread) {
    const text = Buffer.from(input.bytes).toString('utf8');
    if (text.includes('CRASH-THE-PARSER')) process.exit(70);
    if (text.includes('HANG-THE-PARSER')) for (;;);
  }
  return realParsePostFile(input, aliases);
}
