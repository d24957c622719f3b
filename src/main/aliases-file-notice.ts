import type { BrowserWindow, Dialog } from 'electron';

/**
 * Tells the person their area alias file cannot be used and that the built-in area names apply:
 * one sentence, and the one-line reason (`areas: …`) underneath — never a stack trace.
 */
export async function showAliasesFileNotice(
  dialog: Pick<Dialog, 'showMessageBox'>,
  parent: BrowserWindow | null,
  problem: string,
): Promise<void> {
  const options = {
    type: 'warning' as const,
    title: 'Accord Reader',
    message: 'Your area alias file could not be used, so the built-in area names apply.',
    detail: problem,
    buttons: ['OK'],
  };
  await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}
