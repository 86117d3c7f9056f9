import { describe } from 'vitest';
import { isClassIncremental, sceneRunTests } from './sceneClaimsCheck';

/** The class-incremental scenes' run, in a file of its own so it trains beside the other scene runs. */
describe('the class-incremental network scenes', () => {
  sceneRunTests(isClassIncremental);
});
