import { dismissError, useResults } from '../store/results';
import { session } from '../store/session';
import { useSettings } from '../store/settings';
import { shorten } from '../store/urlParams';

/** Messages a person can act on: ignored URL parameters, data or worker failures. */
export function Notices() {
  const ignored = useSettings((s) => s.ignoredParams);
  const from = useSettings((s) => s.ignoredFrom);
  const dismissIgnored = useSettings((s) => s.dismissIgnored);
  const errors = useResults((s) => s.errors);
  return (
    <div className="notices" aria-live="polite">
      {ignored.length > 0 && (
        <div className="notice" role="status" data-testid="url-notice">
          <span>
            Some {from === null ? 'link parameters' : `settings in ${shorten(from)}`} were ignored and their
            defaults used: <strong>{ignored.join('; ')}</strong>.
          </span>
          <button type="button" onClick={dismissIgnored}>
            Dismiss
          </button>
        </div>
      )}
      {errors.map((e) => (
        <div className="notice error" role="alert" data-testid={`error-${e.scope}`} key={e.id}>
          <span>
            <strong>{e.message}</strong> {e.hint}
          </span>
          {e.scope === 'worker' && (
            <button type="button" onClick={session.restart}>
              Restart worker
            </button>
          )}
          <button type="button" onClick={() => dismissError(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
