// STUB — replaced by the parsing work. Signature is the contract.
import type { AreaAliases } from './parse-contract';

/** The shipped alias table (resources/area-aliases.json) merged with a user's extra file. */
export function loadAreaAliases(_extraFile?: string): AreaAliases {
  return new Map();
}
