import { memo } from 'react';
import type { LabParams, LabResult } from '../../engine/quadratic/lab';
import { Tex, useKatex } from '../Tex';
import { labFormulas } from './labFormulas';

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
            <Tex tex={line.tex} text={line.text} katex={katex} className="lab-tex" />
          </li>
        ))}
      </ul>
    </section>
  );
});
