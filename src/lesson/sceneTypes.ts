/** The shape of a lesson scene (the scenes themselves are in scenes.ts). Types only. */
import type { Claim } from '../engine/claims';
import type { ClMethod } from '../engine/quadratic/methods';
import type { PresetId } from '../engine/quadratic/presets';
import type { SweepClaim } from '../engine/sweepClaims';
import type { LabOverlays, NumericParam } from '../store/labStore';
import type { PanelId } from '../store/panelTab';
import type { UrlSettings, View } from '../store/urlParams';
import type { LabClaim } from './labClaims';

/** The URL settings that describe a network run (everything but the page's own: view, theme, …). */
export type RunSettings = Omit<
  UrlSettings,
  'view' | 'scene' | 'embed' | 'backend' | 'theme' | 'zoom' | 'mapLog' | 'unscramble' | 'debug'
>;

/** How the ellipse lab is set up: a preset, then slider values, overlays and the methods drawn. */
export interface LabSetup {
  readonly preset: PresetId;
  readonly params?: Partial<Record<NumericParam, number> & { fullFisher: boolean }>;
  readonly overlays?: Partial<LabOverlays>;
  /** The methods drawn; the others are hidden (all are drawn when this is left out). */
  readonly show?: readonly ClMethod[];
}

export interface Prediction {
  readonly question: string;
  /** Left out: an open question, answered aloud. */
  readonly choices?: readonly string[];
  /** Index of the right choice in `choices`, marked at the reveal. */
  readonly answer?: number;
  readonly reveal: string;
  /** Lab scenes: what changes at the reveal (e.g. the hidden method is drawn). Network scenes start their run. */
  readonly labAtReveal?: Omit<LabSetup, 'preset'>;
}

export interface Scene {
  /** Stable name, used for screenshots and tests (the position in the list is the scene number). */
  readonly id: string;
  readonly title: string;
  readonly view: View;
  /** Network-run settings; every run setting left out is at its default. */
  readonly run?: Partial<RunSettings>;
  /** The network view's figure. */
  readonly panel?: PanelId;
  /** The lab's setup; required for the lab view. */
  readonly lab?: LabSetup;
  readonly text: string;
  /** TeX for KaTeX. */
  readonly formula: string;
  readonly predict?: Prediction;
  /**
   * What the scene's run shows, as data: shown beside the text once revealed, and checked by the
   * tests on the scene's own settings (network scenes: src/lesson/sceneClaims.test.ts, with the
   * engine; lab scenes: src/lesson/labClaims.test.ts, with the lab's code).
   */
  readonly claims?: readonly Claim[];
  readonly labClaims?: readonly LabClaim[];
  /** A strength-sweep scene's claims, on its final sweep table (src/engine/sweepClaims.ts). */
  readonly sweepClaims?: readonly SweepClaim[];
}
