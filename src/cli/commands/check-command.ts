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

/** "1 post" / "2 posts". */
function count(number: number, noun: string): string {
  return `${number} ${noun}${number === 1 ? '' : 's'}`;
}

/**
 * The first line. `report.posts` counts every file read as a post, including those hidden
 * because another file claims the same permalink; `accord list` shows the others, so say both.
 */
function summaryLine(report: CheckReport): string {
  const hidden = report.duplicates.reduce((sum, duplicate) => sum + duplicate.ignored.length, 0);
  if (hidden === 0) return `${count(report.posts, 'post')} read in ${report.folder}`;
  return `${count(report.posts, 'post file')} read in ${report.folder}: ${count(
    report.posts - hidden,
    'post',
  )} listed, ${count(hidden, 'duplicate')} hidden`;
}

function formatReport(report: CheckReport): string {
  const parts = [summaryLine(report)];
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
  let report: CheckReport;
  try {
    report = await library.check();
  } finally {
    // Closed before printing: a reader that stops early (`| head`) cannot cost the cache write.
    await library.close();
  }
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  return hasFindings(report) ? 1 : 0;
}
