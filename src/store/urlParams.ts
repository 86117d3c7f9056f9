/**
 * Settings that live in the URL. Each parameter has a parser that returns undefined for a bad
 * value; a bad or unknown parameter falls back to its default and is listed in `ignored`, so the
 * page can say what it dropped and keep everything else.
 */

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const VIEWS = ['network', 'lab'] as const;
export type View = (typeof VIEWS)[number];
export const THEMES = ['auto', 'light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

export interface UrlSettings {
  view: View;
  /** 'auto' applies the documented backend rule; anything else forces that backend. */
  backend: BackendName | 'auto';
  theme: Theme;
}

export const URL_DEFAULTS: UrlSettings = { view: 'network', backend: 'auto', theme: 'auto' };

type Parser<T> = (raw: string) => T | undefined;

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) =>
    (values as readonly string[]).includes(raw) ? (raw as T) : undefined;

const PARSERS: { [K in keyof UrlSettings]: Parser<UrlSettings[K]> } = {
  view: oneOf(VIEWS),
  backend: oneOf([...BACKENDS, 'auto'] as const),
  theme: oneOf(THEMES),
};

/** Keys the page reads elsewhere (test hooks), accepted without a notice. */
const OTHER_KEYS = new Set<string>([]);

const MAX_SHOWN = 40;
const shorten = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);

export interface ParsedUrl {
  settings: UrlSettings;
  /** Human-readable descriptions of each ignored parameter. */
  ignored: string[];
}

export function parseUrlSettings(search: string): ParsedUrl {
  const params = new URLSearchParams(search);
  const settings: UrlSettings = { ...URL_DEFAULTS };
  const ignored: string[] = [];
  for (const [key, raw] of params) {
    if (key in PARSERS) {
      const k = key as keyof UrlSettings;
      const value = PARSERS[k](raw.trim().toLowerCase());
      if (value === undefined)
        ignored.push(`${k}=${shorten(raw)} (not a valid value; using ${URL_DEFAULTS[k]})`);
      else (settings as unknown as Record<string, unknown>)[k] = value;
    } else if (!OTHER_KEYS.has(key)) {
      ignored.push(`${shorten(key)} (unknown parameter)`);
    }
  }
  return { settings, ignored };
}

/** The query string for the settings, leaving defaults out so links stay short. */
export function formatUrlSettings(settings: UrlSettings): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(URL_DEFAULTS) as (keyof UrlSettings)[]) {
    if (settings[key] !== URL_DEFAULTS[key]) params.set(key, String(settings[key]));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
