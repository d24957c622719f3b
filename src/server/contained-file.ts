import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * The real path of `candidate` if it is a regular file that really lives inside `root`, else
 * `null`. "Really" means after resolving every symlink on both sides, so a link that points out
 * of the folder is refused; a path segment starting with a dot (`.git`, `.env`, `..`) is refused
 * too. The server checks every file it sends this way, on top of whatever produced the path.
 */
export async function containedRegularFile(
  root: string,
  candidate: string,
): Promise<string | null> {
  try {
    const [realRoot, realCandidate] = await Promise.all([realpath(root), realpath(candidate)]);
    const inside = relative(realRoot, realCandidate);
    if (inside === '' || isAbsolute(inside)) return null;
    if (inside.split(sep).some((segment) => segment.startsWith('.'))) return null;
    const stats = await stat(realCandidate);
    return stats.isFile() ? realCandidate : null;
  } catch {
    // Missing, unreadable or a broken link: all mean "not a file we serve".
    return null;
  }
}
