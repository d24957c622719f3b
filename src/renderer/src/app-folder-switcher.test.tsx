// @vitest-environment jsdom
import './test/setup-dom';
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IndexStatus } from '@shared/library-events';
import { FakeReaderApi, makePost } from './test/fake-reader-api';
import { renderApp } from './test/render-app';
import { samplePosts } from './test/sample-posts';

const CURRENT = '/home/me/press-releases';
const OTHER = '/data/archive/speeches';
const GONE = '/media/usb/old-posts';

/** A desktop fake whose recent list is the open folder and two others. */
function desktopApi(): FakeReaderApi {
  const api = new FakeReaderApi(samplePosts(), CURRENT);
  api.capabilities = { shell: 'desktop', printToPdf: true, openFolder: true };
  api.recentFolders = [CURRENT, OTHER, GONE];
  return api;
}

function statusOf(folder: string, change: Partial<IndexStatus> = {}): IndexStatus {
  return {
    folder,
    folderName: folder.split('/').pop()!,
    state: 'ready',
    indexed: 1,
    total: 1,
    polling: false,
    generation: 1,
    ...change,
  };
}

/** Every item of the menu, in order, whatever its kind of menu item. */
function menuItems(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
}

const switcher = () => screen.getByRole('button', { name: 'press-releases' });

async function openMenu(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.click(switcher());
  return screen.findByRole('menu', { name: 'press-releases' });
}

describe('folder switcher (desktop)', () => {
  it('lists the recent folders by name and path, the open one ticked, then Open folder…', async () => {
    const { user } = await renderApp({ api: desktopApi() });
    expect(switcher()).toHaveAttribute('aria-haspopup', 'menu');
    expect(switcher()).toHaveAttribute('aria-expanded', 'false');

    const menu = await openMenu(user);
    expect(switcher()).toHaveAttribute('aria-expanded', 'true');
    const recent = within(menu).getAllByRole('menuitemradio');
    expect(recent.map((item) => [item.textContent, item.getAttribute('title')])).toEqual([
      [`✓press-releases${CURRENT}`, CURRENT],
      [`speeches${OTHER}`, OTHER],
      [`old-posts${GONE}`, GONE],
    ]);
    expect(recent[1]).toHaveAccessibleName('speeches');
    expect(recent[1]).toHaveAccessibleDescription(OTHER);
    expect(recent.map((item) => item.getAttribute('aria-checked'))).toEqual([
      'true',
      'false',
      'false',
    ]);
    expect(within(menu).getByRole('group', { name: 'Recent folders' })).toBeInTheDocument();
    expect(within(menu).getByRole('separator')).toBeInTheDocument();
    expect(menuItems(menu).at(-1)).toHaveTextContent('Open folder…');
  });

  it('switches to the recent folder chosen and shows its posts from the top', async () => {
    const api = desktopApi();
    api.recentFolderResults.set(OTHER, {
      status: statusOf(OTHER),
      posts: [makePost({ id: 's.md', title: 'Speech on Data Flows', date: '2021-03-04' })],
    });
    const { user } = await renderApp({ api, hash: '#/?categories=Speeches' });
    const menu = await openMenu(user);
    await user.click(within(menu).getByRole('menuitemradio', { name: 'speeches' }));

    expect(api.calls).toContainEqual({ method: 'openRecentFolder', args: [OTHER] });
    // (The old folder, filtered to Speeches, may also read "1 post": wait for the new one's row.)
    expect(await screen.findByText('Speech on Data Flows')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/^1 post$/);
    expect(screen.getByRole('button', { name: 'speeches' })).toHaveFocus();
    expect(screen.queryByRole('menu')).toBeNull();
    // The old folder's filters do not follow the reader into the new one.
    expect(window.location.hash).not.toContain('Speeches');
  });

  it('does not reopen the folder that is already open', async () => {
    const api = desktopApi();
    const { user } = await renderApp({ api });
    const menu = await openMenu(user);
    await user.click(within(menu).getByRole('menuitemradio', { name: 'press-releases' }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(api.calls.filter((call) => call.method === 'openRecentFolder')).toEqual([]);
  });

  it('says a recent folder is no longer available', async () => {
    const api = desktopApi();
    api.recentFolderResults.set(GONE, {
      status: statusOf(GONE, { state: 'missing', indexed: 0, total: 0, generation: 0 }),
      posts: [],
    });
    const { user } = await renderApp({ api });
    await user.click(
      within(await openMenu(user)).getByRole('menuitemradio', { name: 'old-posts' }),
    );
    expect(await screen.findByText('This folder is no longer available')).toBeInTheDocument();
    expect(screen.getByText(GONE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose another folder' })).toBeInTheDocument();
    // The switcher stays, named after the missing folder, so the reader can go back.
    expect(screen.getByRole('button', { name: 'old-posts' })).toHaveAttribute(
      'aria-haspopup',
      'menu',
    );
  });

  it('shows a recent folder as gone when the shell learns it only after answering', async () => {
    // The desktop shell answers `indexing` first and learns the folder is gone a moment later.
    const later = desktopApi();
    later.recentFolderResults.set(GONE, {
      status: statusOf(GONE, { state: 'indexing', indexed: 0, total: 0, generation: 0 }),
      posts: [],
    });
    const second = await renderApp({ api: later });
    const menu = await openMenu(second.user);
    await second.user.click(within(menu).getByRole('menuitemradio', { name: 'old-posts' }));
    await screen.findByRole('progressbar');
    act(() => later.setStatus({ state: 'missing' }));
    expect(await screen.findByText('This folder is no longer available')).toBeInTheDocument();
  });

  it('offers the folder picker at the end of the menu', async () => {
    const api = desktopApi();
    const { user } = await renderApp({ api });
    const menu = await openMenu(user);
    await user.click(within(menu).getByRole('menuitem', { name: 'Open folder…' }));
    expect(api.calls).toContainEqual({ method: 'openFolder', args: [] });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('is driven by the keyboard: arrows wrap, Home/End, a first letter, Esc returns focus', async () => {
    const { user } = await renderApp({ api: desktopApi() });
    switcher().focus();
    await user.keyboard('{ArrowDown}');
    const menu = await screen.findByRole('menu');
    const items = menuItems(menu);
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(items[3]).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(items[0]).toHaveFocus();
    await user.keyboard('{End}');
    expect(items[3]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(items[0]).toHaveFocus();
    await user.keyboard('o');
    expect(items[2]).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(switcher()).toHaveFocus();
    expect(switcher()).toHaveAttribute('aria-expanded', 'false');
    // The arrows drove the menu, not the timeline behind it.
    expect(document.querySelector('.timeline-row.is-selected')).toBeNull();

    await user.keyboard('{ArrowUp}');
    const reopened = await screen.findByRole('menu');
    expect(within(reopened).getByRole('menuitem', { name: 'Open folder…' })).toHaveFocus();
  });

  it('closes on Tab, moving on from the button, and on a click elsewhere', async () => {
    const { user } = await renderApp({ api: desktopApi() });
    await openMenu(user);
    await user.keyboard('{Tab}');
    expect(screen.queryByRole('menu')).toBeNull();
    // The next stop after the switcher button: the header's own Open folder… button.
    expect(screen.getByRole('button', { name: 'Open folder…' })).toHaveFocus();

    await openMenu(user);
    await user.click(screen.getByRole('status'));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('says so when there are no recent folders, still offering the picker', async () => {
    const api = desktopApi();
    api.recentFolders = [];
    const { user } = await renderApp({ api });
    const menu = await openMenu(user);
    expect(within(menu).getByRole('menuitem', { name: 'No recent folders' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(within(menu).getByRole('menuitem', { name: 'Open folder…' })).toBeInTheDocument();
  });
});

describe('folder name in browser mode', () => {
  it('is plain text, with no switcher', async () => {
    const api = new FakeReaderApi(samplePosts(), CURRENT);
    api.recentFolders = [CURRENT, OTHER];
    await renderApp({ api });
    expect(screen.getByText('press-releases')).toHaveAttribute('title', CURRENT);
    expect(screen.queryByRole('button', { name: 'press-releases' })).toBeNull();
    expect(document.querySelector('[aria-haspopup="menu"]')).toBeNull();
  });
});
