import { type RefObject, useEffect, useRef } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';

/**
 * React owns the frame, D3 owns the inside: redraws the panel when the store changes or the
 * element resizes, at most once per animation frame, without re-rendering React. `draw` gets a
 * `redraw` to call when something it waits for (a transform computed off the main thread) is in.
 */
export function usePanel<S, E extends Element>(
  store: UseBoundStore<StoreApi<S>>,
  draw: (el: E, state: S, redraw: () => void) => void,
): RefObject<E> {
  const ref = useRef<E>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        draw(el, store.getState(), schedule);
      });
    };
    schedule();
    const unsubscribe = store.subscribe(schedule);
    const observer = new ResizeObserver(schedule);
    observer.observe(el);
    return () => {
      unsubscribe();
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [store, draw]);
  return ref;
}
