import { create } from 'zustand';

/** Bumped when data behind the reports changed on this page (a call-back import): every open report asks again. */
export const useReportsVersion = create<{ version: number; bump(): void }>((set) => ({
  version: 0,
  bump: () => set((s) => ({ version: s.version + 1 })),
}));
