import { type CSSProperties, useId } from 'react';
import './controls.css';

export interface SliderProps {
  /** Accessible name, e.g. "SI strength". */
  label: string;
  /** The formula symbol shown beside the label, e.g. "c". */
  symbol?: string;
  /** One or two sentences shown on hover and focus. */
  help: string;
  value: number;
  min: number;
  max: number;
  /** Logarithmic sliders move through decades (strengths, rates); linear ones by `step`. */
  log?: boolean;
  step?: number;
  onChange: (value: number) => void;
  /** A short note under the slider ("applies at the next task switch"). */
  note?: string;
  testId?: string;
  /** The scenario's recommended value: a mark on the track and, away from it, a button back to it. */
  recommended?: number;
}

const LOG_STEPS = 200;

export function format(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  // A count (a memory of 1000 examples) reads better whole than as 1.0e+3.
  if (Number.isInteger(v) && a < 1e5) return String(v);
  if (a >= 1000 || a < 0.001) return v.toExponential(1);
  return String(Number(v.toPrecision(3)));
}

/** A labelled range input with its symbol, value and help text; log or linear. */
export function Slider({
  label,
  symbol,
  help,
  value,
  min,
  max,
  log,
  step = 1,
  onChange,
  note,
  testId,
  recommended,
}: SliderProps) {
  const id = useId();
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const toPos = (v: number) =>
    log ? Math.round(((Math.log10(Math.max(v, min)) - lo) / (hi - lo)) * LOG_STEPS) : v;
  const fromPos = (p: number) =>
    log ? Number((10 ** (lo + (p / LOG_STEPS) * (hi - lo))).toPrecision(3)) : p;
  // Where the recommended value sits along the track, 0–1 (the thumb's centre travels the width less one thumb).
  const mark =
    recommended === undefined
      ? null
      : Math.min(1, Math.max(0, (toPos(recommended) - toPos(min)) / (toPos(max) - toPos(min))));
  // Off the recommendation by more than the slider can show (a log slider rounds to 3 digits).
  const away = recommended !== undefined && toPos(value) !== toPos(recommended);
  return (
    <div className="slider" title={help}>
      <label htmlFor={id}>
        {label} {symbol && <var>{symbol}</var>}
      </label>
      <span className="track">
        <input
          id={id}
          type="range"
          min={log ? 0 : min}
          max={log ? LOG_STEPS : max}
          step={log ? 1 : step}
          value={toPos(value)}
          aria-valuetext={format(value)}
          aria-describedby={`${id}-help`}
          data-testid={testId}
          onChange={(e) => onChange(fromPos(Number(e.target.value)))}
        />
        {mark !== null && (
          <span
            className="recommended-mark"
            style={{ '--at': mark } as CSSProperties}
            aria-hidden="true"
            title={`Recommended: ${format(recommended ?? 0)}`}
            data-testid={testId && `${testId}-mark`}
          />
        )}
      </span>
      <output htmlFor={id}>{format(value)}</output>
      {recommended !== undefined &&
        (away ? (
          <button
            type="button"
            className="to-recommended"
            onClick={() => onChange(recommended)}
            aria-label={`${label}: back to the recommended ${format(recommended)}`}
            title={`Back to the recommended ${format(recommended)}`}
            data-testid={testId && `${testId}-recommended`}
          >
            ↺ {format(recommended)}
          </button>
        ) : (
          <span className="at-recommended" title="The scenario's recommended value">
            rec.
          </span>
        ))}
      <span id={`${id}-help`} className="help">
        {help}
        {note && <em> {note}</em>}
      </span>
    </div>
  );
}
