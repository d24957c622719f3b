import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: {
    enableSandbox: vi.fn(),
    setName: vi.fn(),
    setPath: vi.fn(),
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => false),
    quit: vi.fn(),
    on: vi.fn(),
    // Never ready: this test is about what happens before `ready`.
    whenReady: vi.fn(() => new Promise(() => undefined)),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  dialog: { showErrorBox: vi.fn() },
}));

vi.mock('electron', () => ({ ...electron, default: electron }));

describe('main entry point', () => {
  it('enables the sandbox for every renderer, registers the asset scheme, and defers to a running instance', async () => {
    await import('./index');
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'accord-asset',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: false,
        }),
      }),
    ]);
    // The lock is held by another instance: quit, and never start a window of our own.
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });
});
