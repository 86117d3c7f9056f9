import { curvatureHandle, taskFromHandle } from '../engine/quadratic/ellipse';
import type { LabParams } from '../engine/quadratic/lab';
import type { Vec2 } from '../engine/quadratic/mat2';
import { REGION_LEVEL } from './contourLayer';
import { TASK_NAMES } from './plotShapes';

/** A draggable point: a task's centre, one of its two axis handles, or the start θ₀. */
export interface Handle {
  readonly key: string;
  readonly kind: 'centre' | 'axis' | 'start';
  /** Task index; -1 for θ₀. */
  readonly task: number;
  readonly axis: 0 | 1;
  readonly point: Vec2;
  readonly label: string;
}

export function handlesOf(params: LabParams): Handle[] {
  const handles: Handle[] = [];
  params.tasks.forEach((task, i) => {
    const name = TASK_NAMES[i];
    for (const axis of [0, 1] as const) {
      const point = curvatureHandle(task, axis, REGION_LEVEL);
      const label = `Task ${name}: curvature ${axis + 1} and rotation`;
      handles.push({ key: `axis${i}-${axis}`, kind: 'axis', task: i, axis, point, label });
    }
    handles.push({
      key: `centre${i}`,
      kind: 'centre',
      task: i,
      axis: 0,
      point: task.centre,
      label: `Task ${name}: centre θ*`,
    });
  });
  handles.push({ key: 'start', kind: 'start', task: -1, axis: 0, point: params.theta0, label: 'Start θ₀' });
  return handles;
}

/** The tasks and start point after dragging `handle` to `point` (parameter space). */
export function dragTo(params: LabParams, handle: Handle, point: Vec2): Pick<LabParams, 'tasks' | 'theta0'> {
  if (handle.kind === 'start') return { tasks: params.tasks, theta0: point };
  const tasks = params.tasks.map((task, i) => {
    if (i !== handle.task) return task;
    return handle.kind === 'centre'
      ? { ...task, centre: point }
      : taskFromHandle(task, handle.axis, point, REGION_LEVEL);
  });
  return { tasks, theta0: params.theta0 };
}
