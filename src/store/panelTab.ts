import { create } from 'zustand';

const PANEL_IDS = [
  'forgetting-curves',
  'accuracy-matrix',
  'omega-vs-fisher',
  'importance-distributions',
  'path-integral',
  'loss-landscape',
  'importance-maps',
  'digit-gallery',
  'confusion-matrix',
  'agem-lwf',
  'strength-sweep',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** Which figure the network view shows: a store rather than component state, so a lesson scene can choose it. */
export const usePanelTab = create<{ tab: PanelId; setTab: (tab: PanelId) => void }>((set) => ({
  tab: 'forgetting-curves',
  setTab: (tab) => set({ tab }),
}));
