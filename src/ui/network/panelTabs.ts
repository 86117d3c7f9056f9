import type { PanelId } from '../../store/panelTab';

/**
 * The network view's figures, one at a time behind a tab strip: each gets the whole area, which at
 * 1280×720 is the only way a figure is large enough for the back of a room. Tabs show a short
 * label; their accessible name (and tooltip) is the figure's full name. The caption line under the
 * tabs is short (it shares its line with the figure's options); the full caption is the tab's
 * tooltip and the title of an exported image.
 */
export const TABS: readonly { id: PanelId; label: string; name: string; short: string; caption: string }[] = [
  {
    id: 'forgetting-curves',
    label: 'Curves',
    name: 'Forgetting curves',
    short: 'Accuracy on each task over training',
    caption: 'Test accuracy on each task while the tasks follow one another',
  },
  {
    id: 'accuracy-matrix',
    label: 'Matrix',
    name: 'Accuracy matrix',
    short: 'R: accuracy on task j after training task i',
    caption: 'R: accuracy on task j after training task i, with average accuracy, BWT and FWT',
  },
  {
    id: 'omega-vs-fisher',
    label: 'ω vs Fisher',
    name: 'ω vs Fisher',
    // Its options fill the caption line.
    short: '',
    caption: 'SI’s importance against the diagonal Fisher, per parameter',
  },
  {
    id: 'importance-distributions',
    label: 'Importances',
    name: 'Importances',
    short: 'SI’s Ω and EWC’s F per layer',
    caption: 'Distributions of SI’s Ω and EWC’s F per layer',
  },
  {
    id: 'path-integral',
    label: 'Path integral',
    name: 'Path integral',
    short: '−Σω against the actual loss change per task',
    caption: 'Sanity check: −Σω against the actual loss change of each task',
  },
  {
    id: 'loss-landscape',
    label: 'Landscape',
    name: 'Loss landscape',
    short: 'L_A and L_B on a plane of weight space',
    caption: 'L_A and L_B of the real network on a plane of weight space, with each method’s path',
  },
  {
    id: 'importance-maps',
    label: 'Maps',
    name: 'Importance maps',
    short: 'What each method protects, pixel by pixel',
    caption: 'Each method’s importance over the input pixels after every task, and SI’s ω live',
  },
  {
    id: 'digit-gallery',
    label: 'Digits',
    name: 'Digit gallery',
    short: 'Each method’s answers on fixed test digits',
    caption: 'Fixed test digits of every task with each method’s answer; forgotten answers highlighted',
  },
  {
    id: 'confusion-matrix',
    label: 'Confusion',
    name: 'Confusion matrices',
    short: 'Where each true digit’s answers go',
    caption: 'Confusion matrix per method on the full test sets: where each true digit’s answers go',
  },
  {
    id: 'agem-lwf',
    label: 'A-GEM & LwF',
    name: 'A-GEM and LwF at work',
    // Its plots' titles say what they show; the caption line's height goes to the plots.
    short: '',
    caption:
      'A-GEM: share of updates projected and the angle between the new task’s gradient and the memory’s; LwF: the old network’s answers on the new digits, kept',
  },
  {
    id: 'strength-sweep',
    label: 'Sweep',
    name: 'Strength sweep',
    short: 'Accuracy against the penalty’s strength',
    caption:
      'Stability–plasticity trade-off: task 1, newest-task and average accuracy against the penalty’s strength, one lane per strength',
  },
];

/**
 * A sweep shows its own figure only (the others are per method); every other run shows the rest,
 * the A-GEM & LwF figure only when one of them is ticked (`hooks`): one more tab wraps the strip
 * onto a second line at 1280×720, which takes that line's height from every figure.
 */
export const tabsFor = (sweep: boolean, hooks: boolean) =>
  TABS.filter((t) => (t.id === 'strength-sweep') === sweep && (t.id !== 'agem-lwf' || hooks));
