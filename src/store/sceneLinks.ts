/**
 * How a link names a lesson scene. The page writes `?scene=<id>` (e.g. `?scene=first-click`); links
 * shared before the lesson grew a scene in the middle named it by its position, `?scene=6`, and
 * still open the scene that had that position then. The scenes themselves live in src/lesson (a
 * layer above): here only the URL format, which an id either names or does not (the lesson says so).
 */
import type { Codec } from '../engine/settingsTable';

/**
 * The lesson's scene ids in the order `?scene=N` counted them before ids replaced numbers (13 scenes,
 * issue 21). Frozen: a number in a link is a position in this list, whatever the lesson's order now.
 */
export const LEGACY_SCENE_ORDER: readonly string[] = Object.freeze([
  'forgetting',
  'l2-rigid',
  'ewc-ellipse',
  'ewc-diagonal',
  'si-path',
  'first-click',
  'si-network',
  'omega-fisher',
  'si-pixels',
  'how-strong',
  'class-incremental',
  'replay',
  'agem',
]);

/** No lesson (free play); a link says it as `scene=0`, as before. */
export const NO_SCENE = '';

/** The old numbers' range (a whole number up to 99), so an old link reads exactly as it did. */
const LEGACY_NUMBER = /^\d{1,2}$/;
/** What an id looks like: lower case, digits and dashes, starting with a letter. */
const SCENE_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * A scene by id, or by its old number: 0 is no lesson, 1–13 the scene that number opened, and
 * another number up to 99 stays as given, so the lesson can say it has no such scene (as it did).
 */
export const sceneCodec: Codec<string> = {
  parse: (raw) => {
    // An empty `scene=` names nothing: it is ignored with a notice, as it always was.
    if (LEGACY_NUMBER.test(raw)) {
      const n = Number(raw);
      return n === 0 ? NO_SCENE : (LEGACY_SCENE_ORDER[n - 1] ?? String(n));
    }
    return SCENE_ID.test(raw) ? raw : undefined;
  },
  format: (v) => (v === NO_SCENE ? '0' : v),
  describe: 'a scene’s name (or its number in the first 13 scenes)',
};
