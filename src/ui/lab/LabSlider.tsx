import { useId } from 'react';

export interface LabSliderProps {
  /** The visible label, with the symbol (e.g. "λ (EWC)"). */
  readonly label: string;
  /** What the parameter does; shown on hover (title) and read by screen readers (aria-describedby). */
  readonly help: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly digits?: number;
  readonly onChange: (value: number) => void;
}

/** A labelled range input with its live value. */
export function LabSlider({ label, help, value, min, max, step, digits = 2, onChange }: LabSliderProps) {
  const id = useId();
  return (
    <div className="lab-slider" title={help}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <output htmlFor={id}>{value.toFixed(digits)}</output>
      <span id={`${id}-help`} className="visually-hidden">
        {help}
      </span>
    </div>
  );
}
