import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LabParams, LabResult } from '../../engine/quadratic/lab';
import { type FormulaLine, labFormulas } from './labFormulas';

type Katex = typeof import('katex')['default'];

// KaTeX and its CSS are loaded on first use, never in the main bundle; one load for every formula.
let katexLoad: Promise<Katex> | null = null;
const loadKatex = (): Promise<Katex> => {
  katexLoad ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  return katexLoad;
};

function useKatex(): Katex | null {
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
 * has loaded, the plain-text form is shown.
 */
function Formula({ line, katex }: { line: FormulaLine; katex: Katex | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (katex && ref.current)
      katex.render(line.tex, ref.current, { throwOnError: false, displayMode: false });
  }, [katex, line.tex]);
  return katex ? <span ref={ref} className="lab-tex" /> : <code className="lab-tex">{line.text}</code>;
}

/** "The numbers behind it": the penalties' formulas with this run's live values. */
export const LabNumbers = memo(function LabNumbers({
  params,
  result,
}: {
  params: LabParams;
  result: LabResult;
}) {
  const katex = useKatex();
  return (
    <section className="lab-numbers" aria-label="The numbers behind it">
      <h3>The numbers behind it</h3>
      <ul>
        {labFormulas(params, result).map((line) => (
          <li key={line.id} data-formula={line.id}>
            {line.caption && <span className="lab-caption">{line.caption}</span>}
            <Formula line={line} katex={katex} />
          </li>
        ))}
      </ul>
    </section>
  );
});
