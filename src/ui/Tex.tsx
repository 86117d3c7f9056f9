import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export type Katex = typeof import('katex')['default'];

// KaTeX and its CSS are loaded on first use, never in the main bundle; one load for every formula.
let katexLoad: Promise<Katex> | null = null;
const loadKatex = (): Promise<Katex> => {
  katexLoad ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return katexLoad;
};

/** KaTeX once it has loaded; null until then (and for good if it fails: formulas stay plain text). */
export function useKatex(): Katex | null {
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    let live = true;
    loadKatex().then(
      (k) => live && setKatex(() => k),
      () => undefined, // stays plain text: the formulas are still readable
    );
    return () => {
      live = false;
    };
  }, []);
  return katex;
}

/**
 * KaTeX writes into a span React leaves empty (its output carries MathML for screen readers); until it
 * has loaded, the plain-text form is shown, so a formula is never blank.
 */
export function Tex({
  tex,
  text,
  katex,
  className,
  display = false,
}: {
  tex: string;
  /** The plain-text form shown until KaTeX loads. */
  text: string;
  katex: Katex | null;
  className: string;
  /** Display style: full-size fractions and sums, for a formula that stands on its own. */
  display?: boolean;
}) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (katex && ref.current) katex.render(tex, ref.current, { throwOnError: false, displayMode: display });
  }, [katex, tex, display]);
  return katex ? <span ref={ref} className={className} /> : <code className={className}>{text}</code>;
}
