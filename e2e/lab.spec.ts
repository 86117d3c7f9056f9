import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors } from './helpers';

const METHODS = ['sgd', 'l2', 'ewc', 'si'] as const;
const ARTIFACTS = 'e2e/artifacts';

type Point = [number, number];

/** Each method's trajectory `d`, read from the rendered SVG. */
function trajectories(page: Page): Promise<Record<string, string>> {
  return page
    .getByTestId('ellipse-plot')
    .locator('path.trajectory')
    .evaluateAll((paths) =>
      Object.fromEntries(paths.map((p) => [p.getAttribute('data-method'), p.getAttribute('d') ?? ''])),
    );
}

const pointsOf = (d: string): Point[] =>
  [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
  xDomain: Point;
  yDomain: Point;
}

function plotArea(page: Page): Promise<PlotArea> {
  return page.getByTestId('plot-area').evaluate((r) => {
    const attr = (name: string) => Number(r.getAttribute(name));
    const domain = (name: string) => (r.getAttribute(name) ?? '').split(',').map(Number) as [number, number];
    const [x, y, width, height] = [attr('x'), attr('y'), attr('width'), attr('height')];
    return { x, y, width, height, xDomain: domain('data-x-domain'), yDomain: domain('data-y-domain') };
  });
}

/**
 * The trajectories in θ coordinates: the shell around the view may change the plot's pixel size
 * (a notice appearing), which must neither fake a change nor hide one.
 */
async function trajectoriesInTheta(page: Page): Promise<Record<string, Point[]>> {
  const [paths, a] = [await trajectories(page), await plotArea(page)];
  const k = a.width / (a.xDomain[1] - a.xDomain[0]);
  const toTheta = ([px, py]: Point): Point => [a.xDomain[0] + (px - a.x) / k, a.yDomain[1] - (py - a.y) / k];
  return Object.fromEntries(Object.entries(paths).map(([m, d]) => [m, pointsOf(d).map(toTheta)]));
}

/** Largest pointwise distance between two paths of the same length (Infinity otherwise). */
const distance = (p: Point[] | undefined, q: Point[] | undefined): number =>
  p && q && p.length === q.length
    ? Math.max(...p.map((a, i) => Math.hypot(a[0] - q[i]![0], a[1] - q[i]![1])))
    : Infinity;

async function expectInsidePlot(page: Page): Promise<void> {
  const area = await plotArea(page);
  expect(area.width).toBeGreaterThan(200);
  const paths = await trajectories(page);
  const eps = 0.05; // the path's one-decimal rounding
  for (const method of [...METHODS, 'task-a']) {
    const points = pointsOf(paths[method] ?? '');
    expect(points.length, method).toBeGreaterThanOrEqual(2); // a diverging run stops at the edge early
    // One assertion per path, not per point: thousands of expect() calls would each be traced.
    const outside = points.filter(
      ([x, y]) =>
        x < area.x - eps ||
        x > area.x + area.width + eps ||
        y < area.y - eps ||
        y > area.y + area.height + eps,
    );
    expect(outside, method).toEqual([]);
  }
}

/** The view must fit the window: no page scrolling. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow).toEqual({ x: 0, y: 0 });
}

test('ellipse lab: dragging task B and a slider redraw the trajectories inside the plot', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?view=lab');
  const plot = page.getByTestId('ellipse-plot');
  await expect(plot.locator('path.trajectory[data-method="si"]')).toHaveAttribute('d', /L/);
  const initial = await trajectoriesInTheta(page);
  const initialD = await trajectories(page);
  await expectInsidePlot(page);

  // Drag task B's centre down and to the left.
  const box = (await plot.locator('[data-handle="centre1"]').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 80, y + 60, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByLabel('Preset')).toHaveValue('custom'); // the drag was committed
  const draggedD = await trajectories(page);
  const dragged = await trajectoriesInTheta(page);
  for (const m of METHODS) {
    expect(draggedD[m], m).not.toBe(initialD[m]);
    expect(distance(dragged[m], initial[m]), m).toBeGreaterThan(0.1);
  }
  expect(distance(dragged['task-a'], initial['task-a'])).toBeLessThan(0.01); // task A did not move
  await expectInsidePlot(page);

  // A slider: EWC's λ changes EWC's path only.
  await page.getByLabel('λ (EWC)').fill('8');
  await expect
    .poll(async () => distance((await trajectoriesInTheta(page)).ewc, dragged.ewc))
    .toBeGreaterThan(0.1);
  expect((await trajectories(page)).ewc).not.toBe(draggedD.ewc);
  expect(distance((await trajectoriesInTheta(page)).sgd, dragged.sgd)).toBeLessThan(0.01);
  await expectInsidePlot(page);

  // A learning rate large enough to diverge is reported, and still drawn inside the plot.
  await page.getByLabel('η learning rate').fill('0.5');
  await expect(page.getByRole('status').filter({ hasText: 'Diverges' })).toBeVisible();
  await expectInsidePlot(page);
  await page.getByLabel('η learning rate').fill('0.05'); // stable again even with λ = 8: η·h_max < 2
  await expect(page.getByRole('status').filter({ hasText: 'Diverges' })).toHaveCount(0);

  // Overlays on for the pictures; KaTeX (lazy) must have replaced the plain-text formulas.
  await page.getByRole('checkbox', { name: 'Own objectives' }).check();
  await page.getByRole('button', { name: 'Sweep strengths' }).click();
  await expect(plot.locator('path.sweep')).toHaveCount(3);
  await expect(page.locator('.lab-numbers .katex').first()).toBeVisible();

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect
      .poll(() => page.getByTestId('plot-area').evaluate((r) => Number(r.getAttribute('width'))))
      .toBeGreaterThan(width / 3);
    await expectNoPageScroll(page);
    await expectInsidePlot(page);
    const name = `lab-${width}x${height}.png`;
    await page.screenshot({ path: `${ARTIFACTS}/${name}` });
    await testInfo.attach(name, { path: `${ARTIFACTS}/${name}`, contentType: 'image/png' });
  }
  expect(consoleErrors).toEqual([]);
});
