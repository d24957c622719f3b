/** `accord check`: what could not be read, warnings per post, duplicate permalinks. */
import { parseArgs } from 'node:util';
import type { CheckReport } from '../../core/library-service';
import { FOLDER_HELP, FOLDER_OPTIONS, parseStrictly } from '../cli-options';
import { openCliLibrary } from '../open-cli-library';
import { formatTable } from '../text-table';

export const CHECK_HELP = `Usage: accord check [options]

Reports files that are not readable posts and why, warnings found in posts, and permalinks
claimed by several files. Exits with 1 when anything is reported, 0 when the folder is clean.

Options:
${FOLDER_HELP}
`;

function hasFindings(report: CheckReport): boolean {
  return report.skipped.length + report.warnings.length + report.duplicates.length > 0;
}

function formatReport(report: CheckReport): string {
  const parts = [`${report.posts} post${report.posts === 1 ? '' : 's'} read in ${report.folder}`];
  if (report.skipped.length > 0) {
    parts.push(
      `Skipped files (${report.skipped.length}):\n${formatTable(
        ['FILE', 'REASON'],
        report.skipped.map((file) => [file.path, file.reason]),
      )}`,
    );
  }
  if (report.warnings.length > 0) {
    parts.push(
      `Warnings (${report.warnings.length}):\n${formatTable(
        ['FILE', 'WARNING'],
        report.warnings.map((warning) => [warning.path, warning.message]),
      )}`,
    );
  }
  if (report.duplicates.length > 0) {
    const rows = report.duplicates.flatMap((duplicate) =>
      duplicate.ignored.map((ignored) => [duplicate.permalink, duplicate.kept, ignored]),
    );
    parts.push(
      `Duplicate permalinks (${report.duplicates.length}):\n${formatTable(['PERMALINK', 'SHOWN', 'IGNORED'], rows)}`,
    );
  }
  if (!hasFindings(report)) parts.push('Nothing to report.');
  return `${parts.join('\n\n')}\n`;
}

export async function runCheckCommand(args: readonly string[]): Promise<number> {
  const { values } = parseStrictly('check', () =>
    parseArgs({ args: [...args], options: FOLDER_OPTIONS, strict: true }),
  );
  if (values.help) {
    process.stdout.write(CHECK_HELP);
    return 0;
  }
  const library = await openCliLibrary(values);
  try {
    const report = await library.check();
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
    return hasFindings(report) ? 1 : 0;
  } finally {
    await library.close();
  }
}
