import type { BrowserWindow, Dialog } from 'electron';
import type { SettingsRecovery } from './settings-store';

/** Tells the person their settings file was unreadable, where it went, and that defaults apply. */
export async function showSettingsRecoveryNotice(
  dialog: Pick<Dialog, 'showMessageBox'>,
  parent: BrowserWindow | null,
  recovery: SettingsRecovery,
): Promise<void> {
  const options = {
    type: 'warning' as const,
    title: 'Accord Reader',
    message: 'Your settings could not be read, so Accord Reader started with default settings.',
    detail: `The unreadable file was kept as:\n${recovery.movedTo}\n\nProblem: ${recovery.reason}`,
    buttons: ['OK'],
  };
  await (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}
