import { create } from 'zustand';

export const pages = ['library', 'evaluate', 'reports', 'sync', 'settings', 'scorecards'] as const;
export type Page = (typeof pages)[number];

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (pages as readonly string[]).includes(name) ? (name as Page) : 'library';
}

interface NavigationState {
  page: Page;
  go(page: Page): void;
}

/** The page lives in the URL hash so a reload, or Electron's window restore, lands where the user was. */
export const useNavigation = create<NavigationState>((set) => ({
  page: pageFromHash(),
  go: (page) => {
    window.location.hash = `#/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useNavigation.setState({ page: pageFromHash() }));
