import { create } from 'zustand';
import type { Isolation } from '../isolation/plan';

/** The page's cross-origin isolation, settled once at start-up (src/isolation/prepare.ts). */
export const useIsolation = create<Isolation>(() => ({ isolated: false, reason: 'not settled yet' }));
