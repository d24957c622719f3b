/**
 * Test-only parser for the hardening suite, loaded by shard workers through the library's
 * `parserModule` option. It delegates to the real parser but reports any file larger than 5 MB
 * it is handed as `handed to the parser (N bytes)`: a test that sees that reason proves the
 * library read a file it should have skipped by its size alone.
 */
import { parsePostFile as realParsePostFile } from '../post/parse-post';
import type { AreaAliases, ParseOutcome, PostFileInput } from '../post/parse-contract';

const FIVE_MEGABYTES = 5 * 1024 * 1024;

export function parsePostFile(input: PostFileInput, aliases: AreaAliases): ParseOutcome {
  if (input.bytes.length > FIVE_MEGABYTES) {
    return { kind: 'skipped', reason: `handed to the parser (${input.bytes.length} bytes)` };
  }
  return realParsePostFile(input, aliases);
}
