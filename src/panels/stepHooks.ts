/**
 * What A-GEM's projection and LwF's distillation do, live, in small plots over training steps:
 * for A-GEM the share of steps whose update was projected (per evaluation interval) and the angle
 * between the current batch's gradient g and the memory's g_ref (the angle of the mean cosine,
 * shaded ±1 s.d., 90° marked: A-GEM projects when the angle is above it); for LwF the probability
 * its frozen old network gives its own answer on the current task's digits, against the
 * probability the network now gives that answer. Task switches are marked in every plot. A plot
 * per quantity, laid out in a row or a column, whichever leaves the plots larger.
 */
import * as d3 from 'd3';
import { METHOD_LABELS, type MethodId } from '../engine/methodIds';
import { METHOD_COLORS } from '../engine/methods/registry';
import type { ResultsState } from '../store/results';
import { clearCorner, drawAxis, fitTicks, percent } from './axes';
import { type CsvExport, csvExport } from './export';
import { chooseGrid } from './smallMultiples';
import {
  type FrozenSeries,
  frozenSeries,
  keepsFrozenCopy,
  type ProjectionSeries,
  pooledShare,
  projectionSeries,
  projects,
} from './stepHooksData';
import {
  DASH,
  drawLineLegend,
  drawSwitchMarkers,
  type LegendLine,
  legendWidth,
  switchLabelsKept,
} from './stepPlotParts';
import { axisTitle, emptyState, fitTitle, layer, type Svg, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

type Point = readonly [step: number, value: number];

interface Line {
  key: string;
  method: MethodId;
  dashed: boolean;
  points: Point[];
}

interface Band {
  key: string;
  method: MethodId;
  points: (readonly [step: number, lo: number, hi: number])[];
}

/** One small plot: its title, y axis and what it draws. */
interface Cell {
  id: 'projected' | 'angle' | 'frozen';
  /** Longest first; the first that fits is shown. */
  titles: string[];
  yTitles: string[];
  domain: [number, number];
  ticks: number[] | null;
  format: (v: number) => string;
  lines: Line[];
  bands: Band[];
  /** Reference lines across the plot, with a label at their right end. */
  rules: { value: number; label: string }[];
  /** Shown in place of the lines while there are none. */
  hint: string;
  /** For tests and tools: the pooled projected share after the first switch, per A-GEM lane. */
  data: string | null;
}

const degrees = (v: number) => `${d3.format('.0f')(v)}`;

/** An interval's value held from its start to its end: a staircase over the intervals. */
const staircase = <T extends { from: number; to: number }>(
  intervals: readonly T[],
  value: (i: T) => number,
) =>
  intervals.flatMap((i): Point[] => [
    [i.from, value(i)],
    [i.to, value(i)],
  ]);

function projectionCells(series: ProjectionSeries[], firstSwitch: number | undefined): Cell[] {
  if (series.length === 0) return [];
  const hint = 'A-GEM’s memory fills at the first switch: switch to task 2 (key 2).';
  const share = (p: ProjectionSeries) => pooledShare(p, firstSwitch ?? 0);
  // One A-GEM lane with projections since the first switch: its pooled share in the title.
  const one =
    series.length === 1 && firstSwitch !== undefined && series[0].intervals.length > 0 ? series[0] : null;
  return [
    {
      id: 'projected',
      titles: [
        ...(one
          ? [
              `A-GEM: ${percent(share(one))} % of updates projected since T2`,
              `A-GEM: ${percent(share(one))} % projected`,
            ]
          : []),
        'A-GEM: updates projected',
        'A-GEM projected',
      ],
      yTitles: ['steps projected (%)', 'projected (%)'],
      domain: [0, 1],
      ticks: null,
      format: percent,
      lines: series.map((p) => ({
        key: `share-${p.lane}`,
        method: p.method,
        dashed: false,
        points: staircase(p.intervals, (i) => i.share),
      })),
      bands: [],
      rules: [],
      hint,
      data: series.map((p) => share(p)).join(','),
    },
    {
      id: 'angle',
      titles: [
        'A-GEM: angle between g and g_ref (mean, ±1 s.d.)',
        'A-GEM: angle(g, g_ref)',
        'angle(g, g_ref)',
      ],
      yTitles: ['angle between the gradients (°)', 'angle (°)'],
      domain: [0, 180],
      ticks: [0, 45, 90, 135, 180],
      format: degrees,
      lines: series.map((p) => ({
        key: `angle-${p.lane}`,
        method: p.method,
        dashed: false,
        points: staircase(p.intervals, (i) => i.angle),
      })),
      bands: series.map((p) => ({
        key: `band-${p.lane}`,
        method: p.method,
        points: p.intervals.flatMap((i) => [
          [i.from, i.angleLo, i.angleHi] as const,
          [i.to, i.angleLo, i.angleHi] as const,
        ]),
      })),
      rules: [{ value: 90, label: 'above 90°: projected' }],
      hint,
      data: null,
    },
  ];
}

function frozenCell(series: FrozenSeries[]): Cell[] {
  if (series.length === 0) return [];
  return [
    {
      id: 'frozen',
      titles: [
        'LwF: the old network’s answer on the new digits, kept by distillation',
        'LwF: the old network’s answer, kept',
        'LwF: old answer kept',
      ],
      yTitles: ['probability of the old answer (%)', 'p(old answer) (%)'],
      domain: [0, 1],
      ticks: null,
      format: percent,
      lines: series.flatMap((f) => [
        {
          key: `old-${f.lane}`,
          method: f.method,
          dashed: true,
          points: f.points.map((p) => [p.step, p.old] as const),
        },
        {
          key: `now-${f.lane}`,
          method: f.method,
          dashed: false,
          points: f.points.map((p) => [p.step, p.current] as const),
        },
      ]),
      bands: [],
      rules: [],
      hint: 'LwF freezes a copy of its network at each switch: switch to task 2 (key 2).',
      data: null,
    },
  ];
}

export function drawStepHooks(el: SVGSVGElement, s: ResultsState): void {
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const methods: MethodId[] = s.config?.methods ?? [];
  const shows = methods.some((m) => projects(m) || keepsFrozenCopy(m));
  if (
    emptyState(
      svg,
      width,
      height,
      !s.config
        ? 'Press Start (Space) to train.'
        : shows
          ? null
          : 'Tick A-GEM or LwF in the methods: this figure shows how often A-GEM projects its update and what LwF’s distillation keeps.',
    )
  )
    return;
  const { small } = fontSizes(el);
  const projections = projectionSeries(s.evaluations, methods);
  const frozen = frozenSeries(s.evaluations, methods);
  const cells = [...projectionCells(projections, s.switches[0]?.step), ...frozenCell(frozen)];

  // The legend says which colour is which lane and which LwF line is which; one A-GEM lane alone
  // needs none (its plots' titles name it), and the figure keeps the legend's height.
  const legend = frozen.length > 0 || projections.length > 1;
  const legendH = legend ? small * 2.2 : 0;
  // Room above each plot for its title and, under it, half of its top tick label.
  const titleH = small * 2;
  const left = small * 1.8 + textWidth('100', small) + 8;
  const lastStep = s.evaluations.at(-1)?.step ?? 1;
  const right = Math.max(textWidth(String(lastStep), small) / 2, small * 0.5);
  const bottom = small * 3.2;
  const gapX = small * 1.5;
  const gapY = small * 0.8;
  // Each cell carries its own axes: the y title and ticks on its left, the x ticks and title below.
  const grid = chooseGrid(cells.length, width, height - legendH, gapX, gapY, titleH + bottom);
  const boxW = Math.max(60, grid.cellWidth);
  const w = Math.max(20, boxW - left - right);
  const h = Math.max(20, grid.cellHeight);
  const origin = (k: number): [number, number] => [
    (k % grid.cols) * (boxW + gapX) + left,
    legendH + Math.floor(k / grid.cols) * (h + titleH + bottom + gapY) + titleH,
  ];
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, lastStep)])
    .range([0, w]);
  drawLegend(svg, legend ? projections : [], legend ? frozen : [], width, small);

  const xTicks = fitTicks(x, w, small, String, false);
  const kept = switchLabelsKept(s.switches, x, small);
  const g = layer(svg, 'cells')
    .selectAll<SVGGElement, Cell>('g.hook-cell')
    .data(cells, (c) => c.id)
    .join((enter) => {
      const c = enter.append('g').attr('class', 'hook-cell');
      c.append('text').attr('class', 'cell-title');
      c.append('g').attr('class', 'y-grid');
      c.append('g').attr('class', 'bands');
      c.append('g').attr('class', 'rules');
      c.append('g').attr('class', 'switches');
      c.append('g').attr('class', 'lines');
      c.append('g').attr('class', 'x-axis axis');
      c.append('g').attr('class', 'y-axis axis');
      c.append('g').attr('class', 'titles');
      c.append('text').attr('class', 'cell-empty').attr('text-anchor', 'middle');
      return c;
    })
    .attr('data-cell', (c) => c.id)
    .attr('data-projected-share', (c) => c.data)
    .attr('transform', (_, k) => `translate(${origin(k)[0]},${origin(k)[1]})`);

  g.each(function (cell) {
    const c = d3.select<SVGGElement, Cell>(this);
    const y = d3.scaleLinear().domain(cell.domain).range([h, 0]);
    const yTicks = cell.ticks
      ? cell.ticks.filter((_, i, all) => all.length * small * 1.6 <= h || i % 2 === 0)
      : fitTicks(y, h, small, cell.format, true);
    c.select('.cell-title')
      // Centred over the cell's whole box (its y title and ticks too), as wide as the box.
      .attr('x', (w + right - left) / 2)
      .attr('y', -small)
      .attr('text-anchor', 'middle')
      .text(cell.titles.find((t) => textWidth(t, small, true) <= boxW - small) ?? cell.titles.at(-1)!);
    c.select('.y-grid')
      .selectAll('line')
      .data(yTicks)
      .join('line')
      .attr('x2', w)
      .attr('y1', (v) => y(v))
      .attr('y2', (v) => y(v));
    drawAxis(
      c.select<SVGGElement>('.x-axis').attr('transform', `translate(0,${h})`),
      'bottom',
      x,
      xTicks,
      String,
    );
    drawAxis(c.select<SVGGElement>('.y-axis'), 'left', y, clearCorner(yTicks, y, small * 0.2), cell.format);
    const titles = c.select<SVGGElement>('.titles') as unknown as d3.Selection<
      SVGGElement,
      unknown,
      null,
      undefined
    >;
    axisTitle(titles, 'x-title', 'training step', w / 2, h + small * 2.9);
    axisTitle(titles, 'y-title', fitTitle(cell.yTitles, h, small), -(left - small * 1.1), h / 2, true);

    c.select('.bands')
      .selectAll<SVGPathElement, Band>('path.band')
      .data(cell.bands, (b) => b.key)
      .join('path')
      .attr('class', 'band')
      .attr('fill', (b) => METHOD_COLORS[b.method])
      .attr('fill-opacity', 0.2)
      .attr(
        'd',
        (b) =>
          d3
            .area<Band['points'][number]>()
            .x((p) => x(p[0]))
            .y0((p) => y(p[1]))
            .y1((p) => y(p[2]))(b.points) ?? '',
      );
    c.select('.rules')
      .selectAll<SVGGElement, Cell['rules'][number]>('g.rule')
      .data(cell.rules, (r) => r.label)
      .join((enter) => {
        const r = enter.append('g').attr('class', 'rule');
        r.append('line').attr('class', 'chance');
        r.append('text').attr('class', 'rule-label').attr('text-anchor', 'end');
        return r;
      })
      .attr('transform', (r) => `translate(0,${y(r.value)})`)
      .call((r) => r.select('line').attr('x2', w))
      .call((r) =>
        r
          .select('text')
          .attr('x', w - small * 0.3)
          // Below the line: the switch labels sit at the plot's top.
          .attr('y', small * 1.1)
          .text((d) => (textWidth(d.label, small) < w * 0.6 ? d.label : '90°')),
      );
    drawSwitchMarkers(c.select<SVGGElement>('.switches'), () => s.switches, x, h, small, kept);
    c.select('.lines')
      .selectAll<SVGPathElement, Line>('path.curve')
      .data(cell.lines, (l) => l.key)
      .join('path')
      .attr('class', 'curve')
      .attr('data-method', (l) => l.method)
      .attr('stroke', (l) => METHOD_COLORS[l.method])
      .attr('stroke-dasharray', (l) => (l.dashed ? DASH : null))
      .attr(
        'd',
        (l) =>
          d3
            .line<Point>()
            .x((p) => x(p[0]))
            .y((p) => y(p[1]))(l.points) ?? '',
      );
    const empty = cell.lines.every((l) => l.points.length === 0);
    const hint = empty ? wrapText(cell.hint, w - small, small) : [];
    c.select('.cell-empty')
      .selectAll('tspan')
      .data(hint)
      .join('tspan')
      .attr('x', w / 2)
      .attr('y', (_, i) => h / 2 + (i - (hint.length - 1) / 2) * small * 1.25)
      .text((l) => l);
  });
}

/** The lanes' colours, and for LwF which line is which, centred above the plots. */
function drawLegend(
  svg: Svg,
  projections: readonly ProjectionSeries[],
  frozen: readonly FrozenSeries[],
  width: number,
  px: number,
): void {
  const methods = [...new Set([...projections, ...frozen].map((p) => p.method))];
  const items: LegendLine[] = [
    ...methods.map((m) => ({
      key: m,
      label: METHOD_LABELS[m],
      color: METHOD_COLORS[m],
      dash: false,
      method: m,
    })),
    ...(frozen.length > 0
      ? [
          { key: 'old', label: 'LwF: frozen old network', color: 'var(--muted)', dash: true },
          { key: 'now', label: 'LwF: network now', color: 'var(--muted)', dash: false },
        ]
      : []),
  ];
  drawLineLegend(svg, items, px, Math.max(px * 0.5, (width - legendWidth(items, px)) / 2));
}

/** A-GEM's intervals and LwF's evaluations, one CSV each. */
export function stepHooksCsv(s: ResultsState): CsvExport[] {
  const methods = s.config?.methods ?? [];
  return [
    csvExport('A-GEM: one row per lane and evaluation interval', 'agem', () => [
      [
        'method',
        'lane',
        'from_step',
        'to_step',
        'reference_steps',
        'projected_share',
        'mean_cos',
        'sd_cos',
        'angle_deg',
        'angle_minus_sd_deg',
        'angle_plus_sd_deg',
      ],
      ...projectionSeries(s.evaluations, methods).flatMap((p) =>
        p.intervals.map((i) => [
          p.method,
          p.lane,
          i.from,
          i.to,
          i.references,
          i.share,
          i.meanCos,
          i.sdCos,
          i.angle,
          i.angleLo,
          i.angleHi,
        ]),
      ),
    ]),
    csvExport('LwF: one row per lane and evaluation', 'lwf', () => [
      ['method', 'lane', 'step', 'old_network_p_top', 'current_network_p_same', 'agreement'],
      ...frozenSeries(s.evaluations, methods).flatMap((f) =>
        f.points.map((p) => [f.method, f.lane, p.step, p.old, p.current, p.agreement]),
      ),
    ]),
  ];
}
