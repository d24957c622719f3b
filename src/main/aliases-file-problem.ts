import { loadAreaAliases } from '../core/post/area-aliases';

/**
 * Why `file` cannot serve as the person's area alias table, in one line (`areas: …`, as the
 * command line would say it), or `null` if it can. Reads the file the way the library will, so a
 * table accepted here is the table the library uses.
 */
export function aliasesFileProblem(file: string): string | null {
  try {
    loadAreaAliases(file);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return (
      message.replace(/\s*\n[\s\S]*$/, '').trim() || `areas: cannot use the alias file ${file}`
    );
  }
}
