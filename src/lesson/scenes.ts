/**
 * The guided lesson, as data: one entry per scene, shown in this order (scene 1 is the first).
 *
 * To reorder the lesson, move entries; to drop a scene, delete it; to add one, copy an entry and edit
 * it. A link names a scene by its id (?scene=first-click); its number ("Scene 3 of 8") is its place
 * here. Links from before ids name scenes by their old numbers (src/store/sceneLinks.ts): keep ids.
 * Each scene sets up everything it shows:
 *   - `view`: 'network' (a real network trained on MNIST) or 'lab' (the 2D ellipse lab);
 *   - `run`: network-run settings, with the same names as the URL parameters (README); every run
 *     setting a scene does not name goes back to its default, so a scene looks the same however it
 *     was reached. Backend and theme are never touched;
 *   - `panel`: which figure the network view shows;
 *   - `lab`: the lab's preset, any slider values (`params`), overlays and the methods drawn (`show`);
 *   - `text`: two or three sentences; `formula`: TeX (KaTeX), shown as typed until KaTeX has loaded;
 *   - `predict` (optional): a question asked before the run, its choices and the index of the right
 *     one (no choices: an open question), and what the reveal says. On a network scene, revealing
 *     starts the run; on a lab scene, `labAtReveal` changes the lab (e.g. draws the hidden method).
 *   - `claims` / `labClaims`: what the run or the lab shows, as data (src/engine/claims.ts,
 *     ./labClaims.ts). The tests run every scene's own settings and fail when a claim does not
 *     hold, so the text, the settings and the numbers cannot drift apart: change one, run
 *     `npx vitest run src/lesson`, and fix the others.
 * A network scene's run uses its scenario's recommended network, schedule and strengths (the
 * schedule is automatic: the run plays through without a hand on the keys).
 * Only type and data imports here, so the end-to-end test can read the same data.
 */
import type { PresetId } from '../engine/quadratic/presets';
import { FIRST_CLICK_CLAIMS } from '../engine/stories';
import type { Scene } from './sceneTypes';

const PAPER: PresetId = 'ewc-paper';
const SPLIT_CLASS = { protocol: 'split-mnist', scenario: 'class' } as const;

export const SCENES: readonly Scene[] = [
  {
    id: 'forgetting',
    title: 'Catastrophic forgetting with plain SGD',
    view: 'network',
    run: { methods: ['sgd'] },
    panel: 'forgetting-curves',
    text: 'A network learns four tasks in turn: the same ten digits, each task with the pixels shuffled by its own fixed permutation. Plain SGD only sees the current task: nothing in its objective remembers the old ones.',
    formula: String.raw`\mathcal{L}^{\text{tot}}(\theta) = \mathcal{L}^{\text{new}}(\theta) + \mathcal{L}^{\text{old}}(\theta)`,
    predict: {
      question:
        'Task 1 is learned to about 92 %. After tasks 2, 3 and 4, how well does it still do on task 1?',
      choices: ['Still about 92 %', '15 points or more lower', 'Down to chance (10 %)'],
      answer: 1,
      reveal:
        'Each new task overwrites weights the first one relied on: task 1 falls from 92 % to about 68 %, while every new task is still learned to about 90 %. Capacity is not the issue, the objective is: SGD minimises only the new loss.',
    },
    claims: [
      { method: 'sgd', metric: 'learned', task: 'every', atLeast: 85 },
      // Seeds 0–19: drop 8.8–33.8 points, task 1 ends at 57.5–82.8 %.
      { method: 'sgd', metric: 'drop', task: 1, atLeast: 8 },
      { method: 'sgd', metric: 'final', task: 1, between: [50, 85] },
    ],
  },
  {
    id: 'luck',
    title: 'Could it be luck?',
    view: 'network',
    run: { methods: ['sgd'], seedLanes: 5 },
    panel: 'forgetting-curves',
    text: 'Scene 1 was one seed’s run. Here SGD learns the four tasks on five seeds at once, each with its own initial weights, minibatches and permutations: the line is their mean.',
    formula: String.raw`\text{drop}_s = R^{(s)}_{1,1} - R^{(s)}_{4,1}, \qquad s = 0, 1, \dots, 4`,
    predict: {
      question: 'On one seed SGD lost about 24 points of task 1. Over five seeds:',
      choices: [
        'Some seeds keep task 1',
        'Every seed forgets it: the band ends far below its start',
        'The drop was luck: the mean stays flat',
      ],
      answer: 1,
      reveal:
        'Every seed forgets: task 1 drops 14 to 24 points (mean 19) on seeds 0–4. A scientist weighs an effect against its spread over seeds: the smallest drop here is far from zero, so it is no luck; a gap smaller than the band could be.',
    },
    claims: [{ method: 'sgd', metric: 'drop', task: 1, atLeast: 8 }],
  },
  {
    id: 'l2-rigid',
    title: 'L2: every parameter held equally hard',
    view: 'lab',
    lab: { preset: PAPER, overlays: { penalties: true }, show: ['sgd'] },
    text: 'Two quadratic tasks in a 2D plane: grey task A, gold task B. SGD (blue) walks from A’s optimum straight into B’s. L2 pulls every parameter back towards θ*A equally hard: a circle.',
    formula: String.raw`\mathcal{L}(\theta) = \mathcal{L}_B(\theta) + \lambda \sum_i (\theta_i - \theta_{A,i}^*)^2`,
    predict: {
      question: 'Where does L2 end up?',
      choices: ['At θ*B, like SGD', 'Half-way: poor on both A and B', 'In A’s flat valley, next to B'],
      answer: 1,
      reveal:
        'The circle ignores that task A is flat along θ₁: θ₁ could move freely, but L2 holds it as hard as θ₂. It stops half-way, good at neither task (the green path): too rigid.',
      labAtReveal: { show: ['sgd', 'l2'] },
    },
    labClaims: [
      { method: 'sgd', nearest: 'θ*B' },
      { method: 'l2', loss: 0, atLeast: 1 },
      { method: 'l2', loss: 1, atLeast: 1 },
    ],
  },
  {
    id: 'ewc-ellipse',
    title: 'EWC: the Fisher ellipse',
    view: 'lab',
    lab: { preset: PAPER, overlays: { penalties: true }, show: ['sgd', 'l2'] },
    text: 'EWC weighs each parameter by task A’s Fisher information: how much A’s likelihood changes when it moves. For a quadratic task that is A’s curvature, so the penalty is an ellipse.',
    formula: String.raw`\mathcal{L}(\theta) = \mathcal{L}_B(\theta) + \sum_i \frac{\lambda}{2} F_i (\theta_i - \theta_{A,i}^*)^2`,
    predict: {
      question: 'Where does EWC end up?',
      choices: ['At θ*B, like SGD', 'Half-way, like L2', 'In A’s flat valley, next to B'],
      answer: 2,
      reveal:
        'Its ellipse (orange) matches task A’s: stiff along θ₂, loose along θ₁. EWC slides along A’s flat valley to where B is good too, near the joint optimum (×).',
      labAtReveal: { show: ['sgd', 'l2', 'ewc'] },
    },
    labClaims: [
      { method: 'ewc', nearest: 'joint optimum' },
      { method: 'ewc', loss: 0, atMost: 1 },
      { method: 'ewc', loss: 1, atMost: 0.5 },
    ],
  },
  {
    id: 'ewc-diagonal',
    title: 'When the diagonal Fisher fails',
    view: 'lab',
    lab: {
      preset: 'rotated-a',
      params: { fullFisher: false },
      overlays: { penalties: true },
      show: ['sgd', 'l2'],
    },
    text: 'EWC keeps only the Fisher’s diagonal: one number per parameter, no correlations. Here task A’s valley runs diagonally.',
    formula: String.raw`\sum_i \frac{\lambda}{2} F_{ii} (\theta_i - \theta_{A,i}^*)^2 \quad\text{vs}\quad \frac{\lambda}{2} (\theta - \theta_A^*)^{\top} F\, (\theta - \theta_A^*)`,
    predict: {
      question: 'What does diagonal EWC do now?',
      choices: ['Still slides along A’s valley', 'Behaves like L2', 'Forgets A like SGD'],
      answer: 1,
      reveal:
        'Both diagonal entries are equal, so diag(F) is a circle and EWC acts like L2. Tick “Full Fisher for EWC” on the left: the full matrix follows the valley again.',
      labAtReveal: { show: ['sgd', 'l2', 'ewc'] },
    },
    labClaims: [
      { method: 'ewc', nearest: 'θ*B' },
      { method: 'l2', nearest: 'θ*B' },
      { method: 'ewc', loss: 0, atLeast: 2 },
      { method: 'ewc', loss: 1, atLeast: 0.5 },
    ],
  },
  {
    id: 'si-path',
    title: 'SI: importance from the path integral',
    view: 'lab',
    lab: { preset: PAPER, params: { noise: 0 }, overlays: { penalties: true }, show: ['si'] },
    text: 'While task A is learned, SI credits each parameter with its share ω of the loss decrease: a running sum of gradient × step. Divided by how far it moved, that is its importance Ω (numbers on the right).',
    formula: String.raw`\int_C \boldsymbol{g}(\boldsymbol{\theta}(t))\, d\boldsymbol{\theta} \equiv -\sum_k \omega_k, \qquad \Omega_k^{\mu} = \sum_{\nu<\mu} \frac{\omega_k^{\nu}}{(\Delta_k^{\nu})^2 + \xi}`,
    predict: {
      question:
        'Task A is flat along θ₁, so ω₁ is tiny. Add gradient noise σ = 0.5, as minibatches would: ω₁',
      choices: ['stays tiny', 'grows a lot', 'turns negative'],
      answer: 1,
      reveal:
        'Noisy steps earn credit too: ω₁ jumps from about 0.1 to about 11, so the flat θ₁ now looks important and SI holds it: it stays near θ*A and fails on B. The talk’s “deviation due to noise from SGD”.',
      labAtReveal: { params: { noise: 0.5 } },
    },
    labClaims: [
      { omega: 0, when: 'before', between: [0.05, 0.3] },
      { omega: 0, when: 'after', between: [5, 20] },
      { method: 'si', nearest: 'θ*A' },
      { method: 'si', loss: 1, atLeast: 5 },
    ],
  },
  {
    id: 'first-click',
    title: 'EWC and SI in a real network',
    view: 'network',
    run: { methods: ['sgd', 'l2', 'ewc', 'si'] },
    panel: 'forgetting-curves',
    text: 'The four permuted tasks of scene 1 again, now with SGD, L2 (every weight held equally), EWC (held by its Fisher) and SI (held by its path integral) side by side on the same minibatches.',
    formula: String.raw`\mathcal{L}(\theta) = \mathcal{L}^{\text{new}}(\theta) + \sum_k s\,\Omega_k (\theta_k - \theta^*_k)^2`,
    predict: {
      question: 'At the end, which methods still know task 1 and learned every new task?',
      choices: ['Only SGD', 'EWC and SI; L2 pays on the new tasks', 'All four equally'],
      answer: 1,
      reveal:
        'SGD loses 24 points of task 1; EWC and SI keep it within about 2 and learn each new task within 6 points of SGD. L2 keeps most of task 1 too, but learns each new task 13–17 points worse: it holds every weight, not only those that matter.',
    },
    claims: FIRST_CLICK_CLAIMS,
  },
  {
    id: 'si-network',
    title: 'The path integral in a real network',
    view: 'network',
    run: { protocol: 'split-mnist', scenario: 'task', methods: ['sgd', 'si'] },
    panel: 'path-integral',
    text: 'The same bookkeeping in a network of 270,000 weights: ω sums g·Δθ over every minibatch step; at each task boundary Σω meets the measured loss change.',
    formula: String.raw`L(\theta(t_1)) - L(\theta(t_0)) = -\sum_k \omega_k`,
    predict: {
      question: 'With Adam on minibatches, Σω against each task’s loss drop is:',
      choices: ['Equal', 'Larger', 'Smaller'],
      answer: 1,
      reveal:
        'Each step carries some of the minibatch noise, which adds positive g·Δθ on average. The points sit above the y = x line, as in the talk’s sanity check.',
    },
    claims: [
      { method: 'si', metric: 'pathIntegral', task: 'every', atLeast: 1 },
      { method: 'sgd', metric: 'pathIntegral', task: 'every', atLeast: 1 },
    ],
  },
  {
    id: 'omega-fisher',
    title: 'ω against the Fisher',
    view: 'network',
    run: { protocol: 'split-mnist', scenario: 'task', methods: ['ewc', 'si'] },
    panel: 'omega-vs-fisher',
    text: 'SI measures importance along the whole path, online; EWC measures curvature (the Fisher) at the end of each task, in a separate pass. Each dot is one weight.',
    formula: String.raw`\Omega_k = \frac{\omega_k}{(\Delta_k)^2 + \xi} \quad\text{vs}\quad F(\theta^*) = E\left[ \left( \frac{\partial}{\partial \theta} \ln f(X; \theta^*) \right)^2 \right]`,
    predict: {
      question: 'Do the two measures agree on which weights matter?',
      choices: ['Not at all', 'Correlated, but not equal', 'Exactly equal'],
      answer: 1,
      reveal:
        'On log–log axes the dots form a rising band with a wide spread: the two measures are correlated but not the same. For a quadratic loss both recover the curvature; a real network is not quadratic.',
    },
    claims: [
      // Seeds 0–19: EWC's average 93.4–99.3 %; its drop on task 1 is within 2 points on only 11
      // of 20 seeds (up to 29.6), SI's on 19 (up to 4.2).
      { method: 'ewc', metric: 'average', atLeast: 90 },
      { method: 'si', metric: 'drop', task: 1, atMost: 2 },
    ],
  },
  {
    id: 'si-pixels',
    title: 'What SI protects, pixel by pixel',
    view: 'network',
    run: { protocol: 'split-mnist', scenario: 'task', methods: ['sgd', 'si'] },
    panel: 'importance-maps',
    text: 'Each input pixel feeds 256 weights of the first layer. Sum SI’s importance Ω over them and every pixel gets one number: a 28×28 picture of what SI protects.',
    formula: String.raw`\text{map}(p) = \sum_j \Omega_{pj}, \qquad \Omega_{pj} = \frac{\omega_{pj}}{(\Delta_{pj})^2 + \xi}`,
    predict: {
      question: 'After the 0/1 task, which pixels does SI protect most?',
      choices: [
        'The border, which never changes',
        'Where 0s and 1s are drawn: a ring and a bar',
        'Every pixel alike',
      ],
      answer: 1,
      reveal:
        'The map after T1 lights a ring with a bar through it: the strokes of 0 and 1. Border pixels are always blank, so their weights never move and earn no importance. Each later task adds the strokes of its own pair to Ω.',
    },
    // The same run as the path-integral scene: what SI protects, it keeps (BWT at most a third of SGD's).
    claims: [{ method: 'si', metric: 'bwt', than: 'sgd', times: 1 / 3, atLeast: 0 }],
  },
  {
    id: 'how-strong',
    title: 'How strong should the penalty be?',
    view: 'network',
    // Six SI lanes, c = 0, 0.01, 0.1, 1, 10, 100, on domain-incremental split MNIST (one shared head,
    // so the trade-off is stark); one epoch a task keeps the run short. Seeds 0–2 tell the same story.
    run: {
      protocol: 'split-mnist',
      scenario: 'domain',
      methods: ['si'],
      sweep: 'si',
      sweepLanes: 6,
      epochs: 1,
      hidden: [100, 100],
    },
    panel: 'strength-sweep',
    text: 'Six networks learn five pairs through one shared head, each with its own SI strength c from 0 to 100. Against c: accuracy on task 1, on the newest task, and the average.',
    formula: String.raw`\mathcal{L}(\theta) = \mathcal{L}^{\text{new}}(\theta) + c\sum_k\Omega_k(\theta_k-\tilde\theta_k)^2, \qquad c \in \{0,\ 0.01,\ \dots,\ 100\}`,
    predict: {
      question: 'What does a larger c do?',
      choices: [
        'Better on every task: more protection is always better',
        'Task 1 kept, the newest task learned worse at large c',
        'Nothing: c only rescales the loss',
      ],
      answer: 1,
      reveal:
        'No penalty: task 1 ends at 42 %. At c = 100 it keeps 100 %, but the last pair stays at chance. Best average: c = 10, as recommended.',
    },
    sweepClaims: [
      { kind: 'rises', metric: 'first', atLeast: 40 },
      { kind: 'fallsAtLargest', metric: 'newest', atLeast: 30 },
      { kind: 'recommendedNearBest', decades: 0.5 },
    ],
  },
  {
    id: 'class-incremental',
    title: 'The limits: class-incremental learning',
    view: 'network',
    run: { ...SPLIT_CLASS, methods: ['sgd', 'l2', 'ewc', 'si', 'joint'] },
    panel: 'accuracy-matrix',
    text: 'Now one shared 10-way output: the network must tell all ten digits apart, never told which pair it sees. Joint, trained on all data so far, is the upper bound.',
    formula: String.raw`\mathcal{L}^{\text{old}}(\theta) \approx \mathcal{L}^{\text{old}}(\theta_t) + \nabla \mathcal{L}^{\text{old}}(\theta_t)^T (\theta - \theta_t) + \frac{1}{2} (\theta - \theta_t)^T Hf(\theta_t) (\theta - \theta_t)`,
    predict: {
      question: 'Which methods still recognise the first digits at the end?',
      choices: ['EWC and SI, as before', 'Only Joint', 'None, not even Joint'],
      answer: 1,
      reveal:
        'SGD, L2, EWC and SI all end near 20 % (each knows little more than the last pair): far below Joint (about 95 %). The penalties rest on a quadratic picture of the old loss; here its assumptions (flat minima, linear approximations) are too strong, and they do little better than plain fine-tuning.',
    },
    claims: [
      { method: 'sgd', metric: 'average', between: [15, 25] },
      { method: 'l2', metric: 'average', between: [15, 25] },
      { method: 'ewc', metric: 'average', between: [15, 30] },
      { method: 'si', metric: 'average', between: [15, 30] },
      { method: 'joint', metric: 'average', atLeast: 85 },
    ],
  },
  {
    id: 'replay',
    title: 'How the story ends: remember a few examples',
    view: 'network',
    run: { ...SPLIT_CLASS, methods: ['sgd', 'ewc', 'replay', 'joint'] },
    panel: 'accuracy-matrix',
    text: 'The same class-incremental run, with one more method: replay keeps 500 training digits of the finished tasks (the same number of each digit) and mixes as many into every minibatch. Joint keeps everything; replay keeps 5 % of it.',
    formula: String.raw`\mathcal{L}(\theta) = \tfrac{1}{2}\,\mathcal{L}^{\text{new}}(\theta) + \tfrac{1}{2}\,\mathcal{L}^{\text{memory}}(\theta), \qquad |\text{memory}| = 500`,
    predict: {
      question: 'Where does replay end, between SGD (about 20 %) and Joint?',
      choices: ['Near 20 %, like EWC', 'Most of the way to Joint', 'Above Joint'],
      answer: 1,
      reveal:
        'Replay ends near 89 %, about 6 points below Joint and about 70 above SGD and EWC: a few hundred remembered examples recover most of what class-incremental learning loses. The old digits stay in the loss, which no penalty on the weights could do.',
    },
    claims: [
      { method: 'replay', than: 'sgd', metric: 'average', atLeast: 30 },
      { method: 'replay', metric: 'average', atLeast: 75 },
      { method: 'joint', than: 'replay', metric: 'average', between: [0, 10] },
      { method: 'ewc', metric: 'average', between: [15, 30] },
    ],
  },
  {
    id: 'agem',
    title: 'A-GEM: replay that only vetoes',
    view: 'network',
    // The replay scene's run with A-GEM beside replay: its memory is 100 digits a class (1000 in all).
    run: { ...SPLIT_CLASS, methods: ['sgd', 'agem', 'replay'] },
    panel: 'agem-lwf',
    text: 'A-GEM keeps a memory too, but never trains on it: when the new task’s gradient g points more than 90° away from the memory’s g_ref, it removes the part of g that would raise the memory’s loss.',
    formula: String.raw`\tilde g = g - \frac{g^\top g_{\text{ref}}}{g_{\text{ref}}^\top g_{\text{ref}}}\, g_{\text{ref}} \quad \text{if } g^\top g_{\text{ref}} < 0`,
    predict: {
      question: 'With twice replay’s memory, where does A-GEM end?',
      choices: ['Level with replay', 'Above SGD, far below replay', 'At SGD: it never projects'],
      answer: 1,
      reveal:
        'Over 20 seeds: 20–47 %, never below SGD, 40+ points below replay. Most updates are projected, yet a veto brings no old class back.',
    },
    // Seeds 0–19 of this run (10 epochs a task): A-GEM − SGD 0.2–27.3 points (≥ 8 on only 14 of
    // 20), replay − A-GEM 40.3–67.9 points, 53–67 % of each later task's updates projected.
    claims: [
      { method: 'agem', metric: 'projected', task: 'later', atLeast: 40 },
      { method: 'agem', than: 'sgd', metric: 'average', atLeast: 0 },
      { method: 'replay', than: 'agem', metric: 'average', atLeast: 25 },
    ],
  },
];
