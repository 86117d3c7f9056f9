import { useEffect, useId, useRef, useState } from 'react';
import { useLabStore } from '../../store/labStore';

/** Seconds a full playback (task A, then every later task) takes, whatever the step count. */
const PLAY_SECONDS = 5;

/**
 * Play/pause and a scrub bar over all steps. Playing moves the store's playStep once per animation
 * frame; scrubbing sets it directly (the plot then draws the trajectories whole up to that step).
 */
export function LabPlayback({ total }: { total: number }) {
  const playStep = useLabStore((s) => s.settings.playStep);
  const setPlayStep = useLabStore((s) => s.setPlayStep);
  const [playing, setPlaying] = useState(false);
  const id = useId();
  // Where play starts, read once when it starts (not a dependency: the loop itself moves it).
  const startRef = useRef(0);
  startRef.current = playStep === null || playStep >= total ? 0 : playStep;

  useEffect(() => {
    if (!playing) return;
    // With reduced motion asked for, "play" shows the finished trajectories at once.
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      setPlayStep(null);
      setPlaying(false);
      return;
    }
    const from = startRef.current;
    const began = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const step = Math.min(total, Math.round(from + ((now - began) / 1000) * (total / PLAY_SECONDS)));
      setPlayStep(step >= total ? null : step);
      if (step >= total) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, total, setPlayStep]);

  return (
    <div className="lab-playback">
      <button type="button" aria-pressed={playing} onClick={() => setPlaying((p) => !p)}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <label htmlFor={id}>Playback step</label>
      <input
        id={id}
        type="range"
        min={0}
        max={total}
        step={1}
        value={playStep ?? total}
        title="Scrub through training: task A from θ₀, then each later task."
        onChange={(e) => {
          setPlaying(false);
          const step = Number(e.currentTarget.value);
          setPlayStep(step >= total ? null : step);
        }}
      />
      <output htmlFor={id}>
        {playStep ?? total} / {total}
      </output>
    </div>
  );
}
