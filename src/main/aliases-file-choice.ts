/** The steps of switching alias tables, given by the app (and by tests). */
export interface AliasesFileChoiceSteps {
  /** Why `file` cannot be used as an alias table (one line), or `null` if it can. */
  readonly problemWith: (file: string) => string | null;
  /** Saves the choice in the settings. */
  readonly remember: (file: string | null) => Promise<void>;
  /** Puts the choice to use (reopens the open folder with it). */
  readonly apply: (file: string | null) => Promise<unknown>;
  /** Tells the person why a file was refused. */
  readonly tell: (problem: string) => void;
  /** Where a failure to save goes (the choice still applies for this session). */
  readonly log?: (message: string) => void;
}

/**
 * Switches to the person's own area alias table `file`, or back to the built-in one (`null`).
 *
 * A file that is missing or not a valid table is refused before anything changes: the person is
 * told in one line, the table in use stays, and the saved setting is left alone. A choice that
 * cannot be saved still applies now — the person asked for it — and the failure is logged.
 *
 * @returns whether the choice was taken.
 */
export async function chooseAliasesFile(
  file: string | null,
  steps: AliasesFileChoiceSteps,
): Promise<boolean> {
  if (file !== null) {
    const problem = steps.problemWith(file);
    if (problem !== null) {
      steps.tell(problem);
      return false;
    }
  }
  try {
    await steps.remember(file);
  } catch (error) {
    (steps.log ?? console.error)(error instanceof Error ? error.message : String(error));
  }
  await steps.apply(file);
  return true;
}
