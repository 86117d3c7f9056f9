import { create } from 'zustand';
import type { LabParams } from '../engine/quadratic/lab';
import type { Vec2 } from '../engine/quadratic/mat2';
import { CL_METHODS, type ClMethod } from '../engine/quadratic/methods';
import { PRESETS, type PresetId } from '../engine/quadratic/presets';
import type { QuadTask } from '../engine/quadratic/task';

/** The optional drawings on the ellipse plot. */
export interface LabOverlays {
  /** Each method's own objective (task loss + its penalty). */
  readonly objectives: boolean;
  /** Each method's implied penalty ellipse against task A's true ellipse. */
  readonly penalties: boolean;
  readonly joint: boolean;
  /** End-point curves as each strength sweeps 0 → very large. */
  readonly sweep: boolean;
}

/**
 * Everything the lab view shows, as one plain JSON-serialisable object (a later issue mirrors it
 * into the URL), plus setters.
 */
export interface LabSettings {
  /** The preset the tasks came from; 'custom' once they are edited on the plot. */
  readonly preset: PresetId | 'custom';
  readonly params: LabParams;
  readonly overlays: LabOverlays;
  readonly visible: Readonly<Record<ClMethod, boolean>>;
  /** Playback position in steps over all tasks; null = trajectories drawn whole. */
  readonly playStep: number | null;
}

export type NumericParam = 'lr' | 'steps' | 'noise' | 'seed' | 'lambdaL2' | 'lambdaEwc' | 'c' | 'xi';

export interface LabStore {
  readonly settings: LabSettings;
  setParam(key: NumericParam, value: number): void;
  setFullFisher(full: boolean): void;
  /** Task and start-point edits from the plot's handles (which make the preset 'custom'). */
  setGeometry(tasks: readonly QuadTask[], theta0: Vec2): void;
  applyPreset(id: PresetId): void;
  setOverlay(key: keyof LabOverlays, on: boolean): void;
  setVisible(method: ClMethod, on: boolean): void;
  setPlayStep(step: number | null): void;
  /** Replaces everything at once (e.g. from a URL). */
  replaceSettings(settings: LabSettings): void;
}

export function defaultLabSettings(preset: PresetId = 'ewc-paper'): LabSettings {
  const { tasks, theta0, lr } = PRESETS[preset];
  return {
    preset,
    params: {
      tasks,
      theta0,
      lr,
      steps: 400,
      noise: 0,
      seed: 1,
      lambdaL2: 0.5,
      lambdaEwc: 1,
      c: 1,
      xi: 0.1,
      fullFisher: false,
    },
    overlays: { objectives: false, penalties: true, joint: true, sweep: false },
    visible: Object.fromEntries(CL_METHODS.map((m) => [m, true])) as Record<ClMethod, boolean>, // keys: CL_METHODS
    playStep: null,
  };
}

export const useLabStore = create<LabStore>()((set) => {
  const update = (f: (s: LabSettings) => LabSettings): void =>
    set((state) => ({ settings: f(state.settings) }));
  const editParams = (s: LabSettings, patch: Partial<LabParams>, custom: boolean): LabSettings => ({
    ...s,
    preset: custom ? 'custom' : s.preset,
    params: { ...s.params, ...patch },
  });
  return {
    settings: defaultLabSettings(),
    setParam: (key, value) => update((s) => editParams(s, { [key]: value }, false)),
    setFullFisher: (full) => update((s) => editParams(s, { fullFisher: full }, false)),
    setGeometry: (tasks, theta0) => update((s) => editParams(s, { tasks, theta0 }, true)),
    applyPreset: (id) =>
      update((s) =>
        editParams(
          { ...s, preset: id, playStep: null },
          { tasks: PRESETS[id].tasks, theta0: PRESETS[id].theta0, lr: PRESETS[id].lr },
          false,
        ),
      ),
    setOverlay: (key, on) => update((s) => ({ ...s, overlays: { ...s.overlays, [key]: on } })),
    setVisible: (method, on) => update((s) => ({ ...s, visible: { ...s.visible, [method]: on } })),
    setPlayStep: (step) => update((s) => ({ ...s, playStep: step })),
    replaceSettings: (settings) => set({ settings }),
  };
});
