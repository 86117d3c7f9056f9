import { type ReactNode, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { PHONE_MEDIA as PHONE } from '../panels/textMetrics';

const subscribe = (onChange: () => void) => {
  const media = window.matchMedia(PHONE);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
};

/** True while the page is laid out for a phone (narrower than 600 CSS px). */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches);
}

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * On a phone, the view's settings column moves into a drawer over the page, opened by a labelled
 * button; it closes by its close button, Esc or a tap outside, and keeps focus inside while open
 * (a modal dialog), handing it back to the button when it closes. Wider, the children are rendered
 * as they were, untouched.
 */
export function PhoneDrawer({ label, children }: { label: string; children: ReactNode }) {
  const phone = usePhoneLayout();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!phone) setOpen(false);
  }, [phone]);

  useEffect(() => {
    const el = panel.current;
    if (!open || !el) return;
    el.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        opener.current?.focus();
      } else if (e.key === 'Tab') {
        // Tab and Shift+Tab go round inside the drawer.
        const all = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((f) => f.offsetParent !== null);
        const first = all[0];
        const last = all.at(-1);
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last?.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first?.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!phone) return <>{children}</>;
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className="drawer-opener"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">☰ </span>Settings
      </button>
      {/* A tap outside the drawer closes it; keyboard users have Esc and the close button. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the backdrop is a pointer-only shortcut */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Esc and the close button do the same by keyboard */}
      {open && <div className="drawer-backdrop" onClick={close} />}
      <div
        ref={panel}
        id={id}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        hidden={!open}
      >
        <div className="drawer-head">
          <h2>{label}</h2>
          <button type="button" onClick={close} aria-label="Close settings">
            ✕ Close
          </button>
        </div>
        {children}
      </div>
    </>
  );
}
