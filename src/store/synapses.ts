import { create } from 'zustand';
import type {
  ConfusionEvent,
  GalleryEvent,
  PixelMapsEvent,
  SynapseEvent,
  SynapseSetupEvent,
} from '../worker/synapseProtocol';

export type SynapseSetup = Omit<SynapseSetupEvent, 'type'>;
export type PixelMaps = Omit<PixelMapsEvent, 'type'>;
export type Gallery = Omit<GalleryEvent, 'type'>;
export type Confusion = Omit<ConfusionEvent, 'type'>;

/**
 * What the worker sent for the synapse figures of the current run: the gallery's digits, every
 * boundary's pixel maps (784 values per measure and method: all are kept, a lecture's worth is a
 * few hundred kilobytes), the latest gallery predictions and live ω maps, and the confusion counts
 * of every switch. Written only by `applySynapseEvent` and `clearSynapses`.
 */
export interface SynapseState {
  setup: SynapseSetup | null;
  maps: PixelMaps[];
  gallery: Gallery | null;
  confusion: Confusion[];
}

const empty = (): SynapseState => ({ setup: null, maps: [], gallery: null, confusion: [] });

export const useSynapses = create<SynapseState>(empty);

export function applySynapseEvent(event: SynapseEvent): void {
  const { type, ...data } = event;
  switch (type) {
    case 'synapse-setup':
      // A restore builds the run again and sends the same digits: what was recorded stays.
      useSynapses.setState({ setup: data as SynapseSetup });
      return;
    case 'pixel-maps':
      useSynapses.setState((s) => ({ maps: [...s.maps, data as PixelMaps] }));
      return;
    case 'gallery':
      useSynapses.setState({ gallery: data as Gallery });
      return;
    case 'confusion':
      useSynapses.setState((s) => ({ confusion: [...s.confusion, data as Confusion] }));
      return;
  }
}

/** A new run (or a reset) forgets the old one's figures. */
export function clearSynapses(): void {
  useSynapses.setState(empty());
}
