/**
 * One colour per method, the same in every panel and view, declared in each method's module.
 * Okabe–Ito, a colour-blind-safe palette; SGD blue, L2 green and EWC vermillion follow the EWC
 * paper's ellipse figure.
 */
export { METHOD_COLORS } from '../engine/methods/registry';
