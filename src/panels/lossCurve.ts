import * as d3 from 'd3';

export interface LossSeries {
  steps: readonly number[];
  loss: readonly number[];
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 64 };

/** Draws the evaluation loss against the training step into an <svg>, reusing its elements. */
export function drawLossCurve(svgEl: SVGSVGElement, series: LossSeries): void {
  const { width, height } = svgEl.getBoundingClientRect();
  if (width === 0 || height === 0) return;
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${width} ${height}`);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(10, d3.max(series.steps) ?? 0)])
    .range([0, innerW]);
  const y = d3
    .scaleLinear()
    .domain([0, Math.max(0.5, d3.max(series.loss) ?? 0)])
    .nice()
    .range([innerH, 0]);

  const g = svg
    .selectAll<SVGGElement, null>('g.frame')
    .data([null])
    .join((enter) => {
      const frame = enter.append('g').attr('class', 'frame');
      frame.append('g').attr('class', 'x-axis axis');
      frame.append('g').attr('class', 'y-axis axis');
      frame.append('path').attr('class', 'loss-line');
      frame
        .append('text')
        .attr('class', 'axis-label x-label')
        .attr('text-anchor', 'middle')
        .text('training step');
      frame
        .append('text')
        .attr('class', 'axis-label y-label')
        .attr('text-anchor', 'middle')
        .attr('transform', 'rotate(-90)')
        .text('loss (evaluation subset)');
      return frame;
    })
    .attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);

  g.select<SVGGElement>('.x-axis')
    .attr('transform', `translate(0,${innerH})`)
    .call(d3.axisBottom(x).ticks(6));
  g.select<SVGGElement>('.y-axis').call(d3.axisLeft(y).ticks(5));
  g.select('.x-label')
    .attr('x', innerW / 2)
    .attr('y', innerH + 38);
  g.select('.y-label')
    .attr('x', -innerH / 2)
    .attr('y', -48);
  const line = d3
    .line<number>()
    .x((_, i) => x(series.steps[i]))
    .y((d) => y(d));
  g.select('.loss-line').attr('d', line(series.loss as number[]) ?? '');
}
