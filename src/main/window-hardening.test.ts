import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WindowState } from './settings-store';
import { rendererLocation } from './renderer-location';
import { hardenSession, isAllowedRequest, RENDERER_CSP } from './session-hardening';
import { hardenWebContents } from './web-contents-hardening';

const electron = vi.hoisted(() => {
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    readonly handlers = new Map<string, (() => void)[]>();
    loadedUrl: string | null = null;
    maximized = false;
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.created.push(this);
    }
    on(name: string, handler: () => void) {
      this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
      return this;
    }
    once(name: string, handler: () => void) {
      return this.on(name, handler);
    }
    maximize() {
      this.maximized = true;
    }
    show() {}
    isDestroyed() {
      return false;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return { x: 5, y: 6, width: 700, height: 500 };
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
  }
  return {
    FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  };
});

vi.mock('electron', () => ({ BrowserWindow: electron.FakeBrowserWindow, screen: electron.screen }));

const { createMainWindow } = await import('./main-window');
const { createPrintWindow } = await import('./print/print-window');
const location = rendererLocation({
  indexHtmlPath: '/app/out/renderer/index.html',
  isPackaged: true,
});

beforeEach(() => {
  electron.FakeBrowserWindow.created = [];
});

describe('main window', () => {
  it('is created with hardened web preferences and loads our page', () => {
    createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      location,
      savedState: null,
      onStateChange: () => {},
    });
    const [window] = electron.FakeBrowserWindow.created;
    expect(window!.options.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      }),
    );
    expect(window!.options.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(window!.loadedUrl).toBe('file:///app/out/renderer/index.html');
  });

  it('restores the saved size and position, and saves them on close', () => {
    const saved: WindowState[] = [];
    createMainWindow({
      preloadPath: '/p.cjs',
      location,
      savedState: { x: 100, y: 80, width: 900, height: 700, maximized: true },
      onStateChange: (state) => saved.push(state),
    });
    const [window] = electron.FakeBrowserWindow.created;
    expect(window!.options).toMatchObject({ x: 100, y: 80, width: 900, height: 700, show: false });
    expect(window!.maximized).toBe(true);
    window!.handlers.get('close')!.forEach((handler) => handler());
    expect(saved).toEqual([{ x: 5, y: 6, width: 700, height: 500, maximized: true }]);
  });

  it('drops a saved position that is no longer on any display', () => {
    createMainWindow({
      preloadPath: '/p.cjs',
      location,
      savedState: { x: 5000, y: 3000, width: 900, height: 700, maximized: false },
      onStateChange: () => {},
    });
    const options = electron.FakeBrowserWindow.created[0]!.options;
    expect(options).toMatchObject({ width: 900, height: 700 });
    expect(options).not.toHaveProperty('x');
  });
});

describe('print window', () => {
  it('is hidden, offscreen, sandboxed, without script or preload', () => {
    createPrintWindow();
    const [window] = electron.FakeBrowserWindow.created;
    expect(window!.options.show).toBe(false);
    expect(window!.options.webPreferences).toEqual(
      expect.objectContaining({
        javascript: false,
        offscreen: true,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
      }),
    );
    expect(window!.options.webPreferences).not.toHaveProperty('preload');
  });
});

describe('web contents hardening', () => {
  function fakeContents() {
    const events = new Map<string, (event: { preventDefault: () => void }) => void>();
    let openHandler: (details: { url: string }) => { action: string } = () => ({ action: 'allow' });
    return {
      events,
      open: (url: string) => openHandler({ url }),
      contents: {
        setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
        on: (name: string, handler: (event: { preventDefault: () => void }) => void) =>
          events.set(name, handler),
      },
    };
  }

  it('denies every new window and forwards only http(s) and mailto addresses to the system', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    hardenWebContents(fake.contents as never, (url) => opened.push(url));
    for (const url of [
      'https://www.mddi.gov.sg/news',
      'http://example.org/',
      'mailto:press@example.gov',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://attacker/share',
      'accord-asset://post/?id=a&src=b',
      'not a url',
    ]) {
      expect(fake.open(url)).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([
      'https://www.mddi.gov.sg/news',
      'http://example.org/',
      'mailto:press@example.gov',
    ]);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    'prevents %s',
    (name) => {
      const fake = fakeContents();
      hardenWebContents(fake.contents as never, () => {});
      const event = { preventDefault: vi.fn() };
      fake.events.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    },
  );
});

describe('session hardening', () => {
  function fakeSession() {
    const captured: Record<string, (...args: never[]) => unknown> = {};
    const capture =
      (name: string) =>
      (handler: (...args: never[]) => unknown): void => {
        captured[name] = handler;
      };
    return {
      captured,
      session: {
        setPermissionRequestHandler: capture('request'),
        setPermissionCheckHandler: capture('check'),
        setDevicePermissionHandler: capture('device'),
        setSpellCheckerEnabled: vi.fn(),
        webRequest: {
          onBeforeRequest: capture('beforeRequest'),
          onHeadersReceived: capture('headers'),
        },
      },
    };
  }

  it('denies every permission request and check', () => {
    const fake = fakeSession();
    hardenSession(fake.session as never, {
      allowedOrigins: [],
      contentSecurityPolicy: RENDERER_CSP,
    });
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      (fake.captured.request as (...args: unknown[]) => void)({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(
        (fake.captured.check as (...args: unknown[]) => boolean)({}, permission, 'file://', {}),
      ).toBe(false);
    }
    expect((fake.captured.device as () => boolean)()).toBe(false);
  });

  it('cancels network requests and lets the app load its own files and assets', () => {
    expect(isAllowedRequest('https://cdn.example/img.png', [])).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', [])).toBe(false);
    expect(isAllowedRequest('file:///app/out/renderer/index.html', [])).toBe(true);
    expect(isAllowedRequest('accord-asset://post/?id=a&src=b', [])).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', ['http://localhost:5173'])).toBe(
      true,
    );
    expect(isAllowedRequest('ws://localhost:5173/', ['http://localhost:5173'])).toBe(true);
  });

  it('sends the CSP header on documents, replacing any the response had', () => {
    const fake = fakeSession();
    hardenSession(fake.session as never, {
      allowedOrigins: [],
      contentSecurityPolicy: RENDERER_CSP,
    });
    const callback = vi.fn();
    (fake.captured.headers as (...args: unknown[]) => void)(
      {
        resourceType: 'mainFrame',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'x-other': ['1'] },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'x-other': ['1'], 'Content-Security-Policy': [RENDERER_CSP] },
    });
    expect(RENDERER_CSP).toMatch(/default-src 'none'/);
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });
});
