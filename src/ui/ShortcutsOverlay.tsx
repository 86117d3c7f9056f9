import { useEffect, useRef } from 'react';
import { toggleShortcuts, useUi } from '../store/ui';
import { SHORTCUTS } from './useShortcuts';

/** The "?" overlay: every keyboard shortcut, for the lecturer and the clicker. */
export function ShortcutsOverlay() {
  const open = useUi((s) => s.shortcutsOpen);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div
      className="modal-backdrop"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts"
    >
      <div className="modal-card">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.label}>
                <th scope="row">
                  <kbd>{s.label}</kbd>
                </th>
                <td>
                  {s.does}
                  {s.view === 'network' && <span className="muted"> (network run)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Shortcuts never fire while you type in a field.</p>
        <button type="button" ref={closeRef} onClick={() => toggleShortcuts(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
