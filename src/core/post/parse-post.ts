// STUB — replaced by the parsing work. Signature is the contract.
import type { AreaAliases, ParseOutcome, PostFileInput } from './parse-contract';

export function parsePostFile(_input: PostFileInput, _aliases: AreaAliases): ParseOutcome {
  throw new Error('parse-post: not implemented yet');
}
