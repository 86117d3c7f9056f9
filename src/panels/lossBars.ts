import { scaleLinear, select } from 'd3';
import { METHOD_LABELS } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { LabResult } from '../engine/quadratic/lab';
import { CL_METHODS, type ClMethod } from '../engine/quadratic/methods';
import { TASK_NAMES, taskColour } from './plotShapes';

interface Bar {
  readonly key: string;
  readonly method: ClMethod;
  readonly task: number;
  readonly value: number;
  readonly row: number;
}

/** Widths of the method label and the value text, in ems of the theme's small font. */
const LABEL_EMS = 3.2;
const VALUE_EMS = 5;

/**
 * The readout beside the plot: each method's final loss on every task, one bar per task in the
 * task's colour, so forgetting (a long A bar) and failing to learn (a long B bar) show at a glance.
 */
export function drawLossBars(
  svgEl: SVGSVGElement,
  result: LabResult,
  visible: Readonly<Record<ClMethod, boolean>>,
): void {
  const methods = CL_METHODS.filter((m) => visible[m]);
  const tasks = result.methods.sgd.finalLosses.length;
  const bars: Bar[] = methods.flatMap((method, i) =>
    result.methods[method].finalLosses.map((value, task) => ({
      key: `${method}-${task}`,
      method,
      task,
      value,
      row: i * (tasks + 0.6) + task,
    })),
  );
  // Rows follow the theme's small font size, so projector mode's larger text still fits its bar.
  const em = Number.parseFloat(getComputedStyle(svgEl).fontSize) || 13;
  const rowHeight = em + 3;
  const labelWidth = LABEL_EMS * em;
  const valueWidth = VALUE_EMS * em;
  const width = Math.max(120, svgEl.clientWidth);
  // A little below the last row for its label's descenders.
  const height = Math.max(rowHeight, (methods.length * (tasks + 0.6) - 0.6) * rowHeight) + em * 0.3;
  // A diverged run's losses are astronomical: scale to the others and let its bars run full width.
  const settled = bars.filter((b) => !result.methods[b.method].diverged);
  const max = Math.max(1e-9, ...(settled.length > 0 ? settled : bars).map((b) => b.value));
  const length = (v: number): number => x(Math.min(v, max));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - labelWidth - valueWidth]);
  const svg = select(svgEl).attr('viewBox', `0 0 ${width} ${height}`).attr('height', height);
  svg
    .selectAll<SVGRectElement, Bar>('rect')
    .data(bars, (b) => b.key)
    .join('rect')
    .attr('x', labelWidth)
    .attr('y', (b) => b.row * rowHeight + 1)
    .attr('height', rowHeight - 2)
    .attr('width', (b) => Math.max(1, length(b.value)))
    .style('fill', (b) => taskColour(b.task))
    .style('stroke', (b) => METHOD_COLORS[b.method])
    .style('stroke-width', 1.5);
  const texts = [
    ...methods.map((m, i) => ({
      key: m,
      x: 0,
      y: i * (tasks + 0.6) * rowHeight + rowHeight - 2,
      text: METHOD_LABELS[m],
      fill: METHOD_COLORS[m],
    })),
    ...bars.map((b) => ({
      key: `v-${b.key}`,
      x: labelWidth + length(b.value) + 4,
      y: b.row * rowHeight + rowHeight - 2,
      text: `L${TASK_NAMES[b.task]} ${b.value < 1000 ? b.value.toFixed(2) : b.value.toExponential(1)}`,
      fill: 'var(--fg)',
    })),
  ];
  svg
    .selectAll<SVGTextElement, (typeof texts)[number]>('text')
    .data(texts, (t) => t.key)
    .join('text')
    .attr('x', (t) => t.x)
    .attr('y', (t) => t.y)
    .text((t) => t.text)
    .style('fill', (t) => t.fill)
    .style('font-size', 'var(--font-size-small)')
    .style('font-weight', (t) => (t.key.startsWith('v-') ? 400 : 700));
}
