/**
 * A gallery of digits being forgotten: a fixed, seeded set of test digits of each task trained so
 * far, each drawn as the image it is, with every method's answer and confidence under it. An answer
 * that was right and has turned wrong since is highlighted with the step it flipped at. A digit
 * (clicked, or focused and Enter/Space) opens every method's whole output distribution on it.
 */
import * as d3 from 'd3';
import { METHOD_COLORS, METHOD_LABELS } from '../engine/methods/registry';
import { useResults } from '../store/results';
import type { SynapseState } from '../store/synapses';
import { type CsvExport, csvExport } from './export';
import { type GalleryAnswer, type GalleryDigit, galleryDigits, galleryRows } from './galleryData';
import { digitImage, objectKey } from './mapImages';
import { frameInputs, unchangedSinceLastDraw } from './redrawGuard';
import { emptyState, layer, sizeSvg } from './svgFrame';
import { fontSizes, textWidth, wrapText } from './textMetrics';

/** Okabe–Ito yellow: a forgotten answer's mark, readable on both themes with dark text. */
const FLIP = '#F0E442';
/** A digit's image size in px: legible from the back at least, not larger than half a hand. */
const MIN_IMAGE = 36;
const MAX_IMAGE = 128;

export interface GalleryOptions {
  /** The gallery digit whose distributions are open, or null. */
  selected: number | null;
  select: (digit: number | null) => void;
}

/** The tasks trained so far, in task order. */
function seenTasks(): number[] {
  const { switches } = useResults.getState();
  return [...new Set([0, ...switches.map((s) => s.to)])].sort((a, b) => a - b);
}

function digitsOf(s: SynapseState): GalleryDigit[] {
  const methods = useResults.getState().config?.methods ?? [];
  return s.setup ? galleryDigits(s.setup, s.gallery, methods, seenTasks()) : [];
}

const answerText = (a: GalleryAnswer) => {
  const name = METHOD_LABELS[a.method];
  if (a.flippedAt >= 0) return `${name} ${a.answer} @${a.flippedAt}`;
  return `${name} ${a.answer}${a.right ? '' : ' ✗'} ${Math.round(a.confidence * 100)}%`;
};

export function drawGallery(el: SVGSVGElement, s: SynapseState, options: GalleryOptions): void {
  const { config, switches } = useResults.getState();
  if (
    unchangedSinceLastDraw(el, [s.setup, s.gallery, config, switches, options.selected, ...frameInputs(el)])
  )
    return;
  const frame = sizeSvg(el);
  if (!frame) return;
  const { svg, width, height } = frame;
  const all = digitsOf(s);
  const message = !s.setup
    ? 'The gallery’s digits arrive with the run.'
    : !s.gallery
      ? 'Train a few steps: every method’s answer on these digits shows at each evaluation.'
      : null;
  if (emptyState(svg, width, height, message)) return;
  const { small } = fontSizes(el);
  const lineH = Math.round(small * 1.3);
  const methods = config?.methods ?? [];
  const taskNames = useResults.getState().taskNames;

  // One row of digits per task; each digit: its image, and beside it one answer line per method.
  const longest = Math.max(
    ...methods.map((m) => textWidth(`${METHOD_LABELS[m]} 8 @99999`, small)),
    ...methods.map((m) => textWidth(`${METHOD_LABELS[m]} 8 ✗ 100%`, small)),
  );
  const taskW = textWidth('T10', small, true) + small;
  const perTask = Math.max(1, ...s.setup!.task.map((t) => all.filter((d) => d.task === t).length));
  const answersH = methods.length * lineH;
  const pad = small * 0.8;
  const tasks = [...new Set(all.map((d) => d.task))];
  const permuted = s.setup!.permutations.some(Boolean);
  const noteText = (hidden: number) =>
    `Beside each digit: each method’s answer and confidence · ✗ wrong · yellow: was right, wrong since step @N · click a digit for every answer${
      permuted ? ' · digits drawn unscrambled' : ''
    }${hidden > 0 ? ` · ${hidden} middle task${hidden > 1 ? 's' : ''} not shown` : ''}`;
  const noteLines = wrapText(noteText(0), width - small, small);
  const headerH = noteLines.length * lineH + small * 0.6;
  // As many task rows as fit at the smallest cell; then digits as large as the rows allow.
  const fit = Math.max(1, Math.floor((height - headerH) / (Math.max(MIN_IMAGE, answersH) + pad)));
  // Too many tasks for the panel: the first (the most forgotten) and the latest ones.
  const shownTasks = tasks.length <= fit ? tasks : [tasks[0], ...tasks.slice(tasks.length - fit + 1)];
  const rowSpace = (height - headerH) / shownTasks.length - pad;
  const image = Math.floor(Math.max(MIN_IMAGE, Math.min(MAX_IMAGE, rowSpace)));
  const cellW = image + small * 0.5 + longest + small;
  const cellH = Math.max(image, answersH) + pad;
  const perRow = Math.max(1, Math.min(perTask, Math.floor((width - taskW) / cellW)));
  const digits = all.filter(
    (d) => shownTasks.includes(d.task) && all.filter((e) => e.task === d.task).indexOf(d) < perRow,
  );
  const hidden = tasks.length - shownTasks.length;
  layer(svg, 'gallery-note')
    .selectAll('text')
    .data(wrapText(noteText(hidden), width - small, small))
    .join('text')
    .attr('class', 'axis-label')
    .attr('y', (_, k) => small + k * lineH)
    .text((d) => d);

  const rows = layer(svg, 'gallery-rows').attr('transform', `translate(0,${headerH})`);
  rows
    .selectAll<SVGTextElement, number>('text.task-label')
    .data(shownTasks, (t) => t)
    .join('text')
    .attr('class', 'axis-label task-label')
    .attr('font-weight', 700)
    .attr('y', (_, r) => r * cellH + image / 2)
    .attr('dy', '0.35em')
    .text((t) => `T${t + 1}`)
    .attr('aria-label', (t) => `Task ${t + 1}: ${taskNames[t] ?? ''}`);
  const rowOf = (d: GalleryDigit) => shownTasks.indexOf(d.task);
  const colOf = (d: GalleryDigit) => digits.filter((e) => e.task === d.task).indexOf(d);
  const cells = rows
    .selectAll<SVGGElement, GalleryDigit>('g.digit')
    .data(digits, (d) => d.index)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'digit').attr('tabindex', 0).attr('role', 'button');
      g.append('rect').attr('class', 'digit-frame').attr('fill', 'none');
      g.append('image').style('image-rendering', 'pixelated');
      g.append('g').attr('class', 'answers');
      return g;
    })
    .attr('transform', (d) => `translate(${taskW + colOf(d) * cellW},${rowOf(d) * cellH})`)
    .attr('data-digit', (d) => d.digit)
    .attr('data-flips', (d) =>
      d.answers
        .filter((a) => a.flippedAt >= 0)
        .map((a) => a.method)
        .join(' '),
    )
    .attr('aria-pressed', (d) => (d.index === options.selected ? 'true' : 'false'))
    .attr(
      'aria-label',
      (d) =>
        `Digit ${d.digit} of task ${d.task + 1}: ${d.answers.map((a) => `${METHOD_LABELS[a.method]} answers ${a.answer}${a.flippedAt >= 0 ? `, forgotten at step ${a.flippedAt}` : ''}`).join('; ')}`,
    )
    .on('click', (_, d) => options.select(options.selected === d.index ? null : d.index))
    .on('keydown', (event: KeyboardEvent, d) => {
      if (event.key === 'Enter' || event.key === ' ') {
        // The digit's own keys: Space does not also start or pause the run.
        event.preventDefault();
        event.stopPropagation();
        options.select(options.selected === d.index ? null : d.index);
      }
    });
  cells
    .select('image')
    .attr('width', image)
    .attr('height', image)
    .attr('href', (d) => {
      const side = s.setup!.width;
      return digitImage(
        `digit ${objectKey(s.setup!)} ${d.index}`,
        s.setup!.images.subarray(d.index * side * side, (d.index + 1) * side * side),
        side,
        s.setup!.height,
      );
    });
  cells
    .select('rect.digit-frame')
    .attr('x', -2)
    .attr('width', cellW - small * 0.3)
    .attr('height', cellH - small * 0.4)
    .attr('y', -small * 0.2)
    .attr('rx', 4)
    .attr('stroke', (d) => (d.index === options.selected ? 'currentColor' : 'none'));
  const lines = cells
    .select('.answers')
    .attr('transform', `translate(${image + small * 0.5},${Math.max(0, (image - answersH) / 2)})`)
    .selectAll<SVGGElement, GalleryAnswer>('g.answer')
    .data(
      (d) => d.answers,
      (a) => a.method,
    )
    .join((enter) => {
      const g = enter.append('g').attr('class', 'answer');
      g.append('rect').attr('class', 'flip-mark');
      g.append('text').attr('class', 'axis-label');
      return g;
    })
    .attr('transform', (_, k) => `translate(0,${k * lineH})`)
    .attr('data-method', (a) => a.method)
    .attr('data-flipped', (a) => (a.flippedAt >= 0 ? a.flippedAt : null));
  lines
    .select('rect')
    .attr('x', -2)
    .attr('width', (a) => textWidth(answerText(a), small) + 4)
    .attr('height', lineH)
    .attr('rx', 3)
    .attr('fill', (a) => (a.flippedAt >= 0 ? FLIP : 'none'));
  lines
    .select('text')
    .attr('y', lineH * 0.78)
    .style('fill', (a) => (a.flippedAt >= 0 ? '#000' : null))
    .attr('font-weight', (a) => (a.right ? 400 : 700))
    .text((a) => answerText(a));

  const open = all.find((d) => d.index === options.selected) ?? null;
  drawDistributions(svg, { width, height, top: headerH }, small, open, options);
}

/** The open digit's output distribution for every method: one row of bars per method. */
function drawDistributions(
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  area: { width: number; height: number; top: number },
  small: number,
  digit: GalleryDigit | null,
  options: GalleryOptions,
): void {
  const box = layer(svg, 'distributions').attr('data-testid', null);
  box.selectAll('*').remove();
  if (!digit || digit.answers.length === 0) return;
  const { width, top } = area;
  const height = area.height - top;
  const lineH = small * 1.3;
  const C = digit.answers[0].distribution.length;
  const labelW =
    Math.max(...digit.answers.map((a) => textWidth(METHOD_LABELS[a.method], small, true))) + small;
  const w = Math.min(width - 20, Math.max(360, labelW + C * small * 2.6 + small * 2));
  const rowH = Math.min(lineH * 3.2, (height - lineH * 3 - 20) / digit.answers.length);
  const h = lineH * 2.2 + digit.answers.length * rowH + lineH;
  const x0 = (width - w) / 2;
  // Over the digits, under the note.
  const y0 = top + Math.max(0, (height - h) / 2);
  box.attr('transform', `translate(${x0},${y0})`).attr('data-testid', 'gallery-distributions');
  box.append('rect').attr('class', 'popover').attr('width', w).attr('height', h).attr('rx', 6);
  box
    .append('text')
    .attr('class', 'axis-label')
    .attr('x', small)
    .attr('y', lineH)
    .attr('font-weight', 700)
    .text(`Digit ${digit.digit} (task ${digit.task + 1}): each method’s output, answer by answer`);
  const barW = (w - labelW - small * 2) / C;
  const y = d3
    .scaleLinear()
    .domain([0, 1])
    .range([rowH - lineH * 1.1, 0]);
  digit.answers.forEach((a, k) => {
    const g = box.append('g').attr('transform', `translate(${small},${lineH * 1.8 + k * rowH})`);
    g.append('text')
      .attr('class', 'axis-label')
      .attr('font-weight', 700)
      .attr('y', rowH / 2)
      .style('fill', METHOD_COLORS[a.method])
      .text(METHOD_LABELS[a.method]);
    Array.from(a.distribution).forEach((p, c) => {
      const x = labelW + c * barW;
      g.append('rect')
        .attr('x', x + 2)
        .attr('y', y(p))
        .attr('width', Math.max(1, barW - 4))
        .attr('height', Math.max(0, y(0) - y(p)))
        .attr('fill', METHOD_COLORS[a.method])
        .attr('opacity', digit.offset + c === a.answer ? 1 : 0.45);
      g.append('text')
        .attr('class', 'axis-label')
        .attr('x', x + barW / 2)
        .attr('y', rowH - lineH * 0.1)
        .attr('text-anchor', 'middle')
        .attr('font-weight', digit.offset + c === digit.digit ? 700 : 400)
        .text(digit.offset + c);
    });
  });
  box.on('click', () => options.select(null));
}

/** Every method's answer on every gallery digit shown, at the latest evaluation. */
export function galleryCsv(s: SynapseState): CsvExport[] {
  return [
    csvExport('every method’s answer on every gallery digit', 'answers', () =>
      galleryRows(digitsOf(s), s.gallery?.step ?? 0),
    ),
  ];
}
