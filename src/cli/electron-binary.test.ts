import { describe, expect, it } from 'vitest';
import { MISSING_ELECTRON_MESSAGE } from './electron-binary';

describe('electron-binary', () => {
  it('tells how to install Electron and how to read in a browser instead', () => {
    expect(MISSING_ELECTRON_MESSAGE).toContain('npx install-electron');
    expect(MISSING_ELECTRON_MESSAGE).toContain('npm run serve');
  });
});
