import { create } from 'zustand';

/** The pages of the side menu, in order (Alt+1… follows it). */
export const pages = [
  'library',
  'evaluate',
  'reports',
  'sync',
  'settings',
  'scorecards',
  'disputes',
  'coaching',
  'calibration',
] as const;
export type MenuPage = (typeof pages)[number];
/** Pages reached from another page rather than the menu: `#/evaluation/<id>` opens from the reports. */
export const routes = [...pages, 'evaluation'] as const;
export type Page = (typeof routes)[number];

/** The menu entry a page belongs to, so the menu still shows where the user is. */
export const menuPageOf: Record<Page, MenuPage> = {
  library: 'library',
  evaluate: 'evaluate',
  reports: 'reports',
  sync: 'sync',
  settings: 'settings',
  scorecards: 'scorecards',
  disputes: 'disputes',
  coaching: 'coaching',
  calibration: 'calibration',
  evaluation: 'reports',
};

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '').split('/')[0];
  return (routes as readonly string[]).includes(name) ? (name as Page) : 'library';
}

interface NavigationState {
  page: Page;
  /** The page before this one (a call opened from the library goes back there, not to the work queue). */
  from: Page | null;
  go(page: Page): void;
}

/** The page lives in the URL hash so a reload, or Electron's window restore, lands where the user was. */
export const useNavigation = create<NavigationState>((set) => ({
  page: pageFromHash(),
  from: null,
  go: (page) => {
    window.location.hash = `#/${page}`;
    set((s) => (s.page === page ? { page } : { page, from: s.page }));
  },
}));

// Only a change of page re-renders the shell: a hash change within a page (opening a call) is the page's own, and
// a shell render here would run before the page's own listener starts loading what the new hash needs.
window.addEventListener('hashchange', () => {
  const page = pageFromHash();
  const current = useNavigation.getState().page;
  if (page !== current) useNavigation.setState({ page, from: current });
});
