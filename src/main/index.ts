/**
 * The Electron main process entry. Only what must happen before `app.ready` lives here: the
 * sandbox switch, the privileged asset scheme and the single-instance lock. The rest is
 * `DesktopApp`.
 */
import { app, dialog, protocol } from 'electron';
import { ASSET_SCHEME_PRIVILEGES } from './asset-protocol';
import { DesktopApp } from './desktop-app';

app.enableSandbox();
app.setName('Accord Reader');
// A separate profile (settings, window state) for tests and side-by-side installs.
if (process.env.ACCORD_USER_DATA_DIR) app.setPath('userData', process.env.ACCORD_USER_DATA_DIR);
// The packaged app ships the sample posts and the alias table as extra resources.
if (app.isPackaged) process.env.ACCORD_RESOURCES_DIR ??= process.resourcesPath;
protocol.registerSchemesAsPrivileged([ASSET_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another instance is running; it receives our command line via `second-instance`.
  app.quit();
} else {
  let desktop: DesktopApp | null = null;
  const pendingLaunches: { argv: string[]; cwd: string }[] = [];
  app.on('second-instance', (_event, argv, cwd) => {
    if (desktop) void desktop.handleSecondInstance(argv, cwd);
    else pendingLaunches.push({ argv, cwd });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(async () => {
      desktop = await DesktopApp.start({ mainDirectory: __dirname });
      for (const launch of pendingLaunches.splice(0))
        await desktop.handleSecondInstance(launch.argv, launch.cwd);
    })
    .catch((error: Error) => {
      dialog.showErrorBox('Accord Reader could not start', error.message);
      app.exit(1);
    });
}
