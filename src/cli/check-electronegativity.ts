/**
 * `npm run lint:electron`: runs Electronegativity (Doyensec's Electron security linter) over
 * `src/` and fails on any HIGH or MEDIUM finding. The tool itself always exits 0, hence this
 * wrapper. A finding that is a false positive is silenced where it occurs with an
 * `// eng-disable CHECK_ID` comment that says why on the line above.
 *
 * Usage: tsx src/cli/check-electronegativity.ts [folder]   (default: src)
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

interface Level {
  readonly value: number;
  readonly name: string;
}

interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly description: string;
  readonly sample?: string;
}

interface RunResult {
  readonly issues: readonly Issue[];
  readonly errors: readonly {
    readonly file: string;
    readonly message: string;
    readonly tolerable: boolean;
  }[];
}

type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<RunResult>;

/** The Electron version we ship: the tool cannot read it from a source folder. */
const ELECTRON_VERSION = '45.5.0';
const FAILING_SEVERITY = 2; // MEDIUM and above
/** Tests contain deliberately bad policies (to prove the code rejects them). */
const IGNORED_FILES = /\.test\.tsx?$/;

async function main(): Promise<void> {
  const input = resolve(process.argv[2] ?? 'src');
  const loaded = createRequire(import.meta.url)('@doyensec/electronegativity') as
    { default?: Run } | Run;
  const run = typeof loaded === 'function' ? loaded : loaded.default!;
  // The tool logs a warning when it cannot fetch Electron's release list (offline); harmless.
  const result = await run(
    {
      input,
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: ELECTRON_VERSION,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    },
    false,
  );
  const failing = result.issues.filter(
    (issue) => issue.severity.value >= FAILING_SEVERITY && !IGNORED_FILES.test(issue.file),
  );
  // A file the tool cannot parse is a file it did not check: that fails the gate too.
  const unchecked = result.errors.filter(
    (entry) => !entry.tolerable && !IGNORED_FILES.test(entry.file),
  );
  for (const error of unchecked) {
    process.stderr.write(`electronegativity: could not parse ${error.file}: ${error.message}\n`);
  }
  for (const issue of failing) {
    process.stdout.write(
      `${issue.file}:${issue.location.line}:${issue.location.column}  ${issue.severity.name}/${issue.confidence.name}  ${issue.id}  ${issue.description}\n`,
    );
  }
  const others = result.issues.length - failing.length;
  process.stdout.write(
    `electronegativity: ${failing.length} HIGH/MEDIUM finding(s) in ${input}` +
      (others > 0 ? ` (${others} LOW/informational or in tests, not failing)` : '') +
      '\n',
  );
  if (failing.length > 0 || unchecked.length > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  process.stderr.write(`electronegativity: ${error.message}\n`);
  process.exitCode = 2;
});
