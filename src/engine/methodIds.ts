/** Method ids and labels, for code that needs no more of the registry (src/engine/methods/registry.ts). */
export { METHOD_IDS, METHOD_LABELS, type MethodId } from './methods/registry';
