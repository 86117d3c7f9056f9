import { dismissError, type RestoreState, useResults } from '../store/results';
import { session } from '../store/session';
import { useSettings } from '../store/settings';
import { stallMessage, startupLimits } from '../store/startupWatch';
import { shorten } from '../store/urlParams';

/** Messages a person can act on: ignored settings, a stalled start-up, data or worker failures, a restored run. */
export function Notices() {
  const ignored = useSettings((s) => s.ignoredParams);
  const from = useSettings((s) => s.ignoredFrom);
  const dismissIgnored = useSettings((s) => s.dismissIgnored);
  const errors = useResults((s) => s.errors);
  const stalled = useResults((s) => s.stalled);
  const restore = useResults((s) => s.restore);
  const stall = stalled && stallMessage(stalled, startupLimits());
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
      {stall && (
        <div className="notice error" role="alert" data-testid="startup-stalled">
          <span>
            <strong>{stall.message}</strong> {stall.hint} The ellipse lab and the lesson work meanwhile.
          </span>
          <button type="button" onClick={session.restart}>
            Retry
          </button>
          {stalled.stage !== 'worker' && stalled.stage !== 'data' && (
            <button type="button" onClick={session.useCpu}>
              Use the CPU backend
            </button>
          )}
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
          {e.scope === 'data' && (
            <button
              type="button"
              onClick={() => {
                dismissError(e.id);
                session.retryData();
              }}
            >
              Retry
            </button>
          )}
          <button type="button" onClick={() => dismissError(e.id)}>
            Dismiss
          </button>
        </div>
      ))}
      {restore?.mismatch !== undefined && (
        <div className="notice" role="status" data-testid="restored">
          <span>{restoredText(restore)}</span>
          <button type="button" onClick={() => useResults.setState({ restore: null })}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

function restoredText({ until, mismatch = 0 }: RestoreState): string {
  const how =
    mismatch === 0
      ? 'the restored run matches the recorded curves exactly'
      : `the restored run differs from the recorded accuracies by up to ${(100 * mismatch).toFixed(1)} points (${
          Number.isFinite(mismatch) ? 'another backend rounds differently' : 'nothing recorded to compare'
        })`;
  return `The run was restored: trained again to step ${until} with its task switches and settings; ${how}. The curves so far are kept. Press Resume to go on.`;
}
