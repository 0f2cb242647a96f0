/**
 * The scorer the server uses: the engine's scoreResponse (engine/scoring), injected
 * into createApp so the routes depend on its signature, not its module.
 */
import { scoreResponse } from '../engine/index.ts';

export type ScoreFn = typeof scoreResponse;
export type ScoreResultOf = ReturnType<ScoreFn>;

export const defaultScore: ScoreFn = scoreResponse;
