/**
 * The scorer the server uses: the engine's scoreResponse (engine/scoring), injected
 * into createApp so the routes depend on its signature, not its module.
 */
// The module itself, not engine/index.ts: the barrel would load the whole compiler into the server.
import { scoreResponse } from '../engine/scoring/score-response.ts';

export type ScoreFn = typeof scoreResponse;
export type ScoreResultOf = ReturnType<ScoreFn>;

export const defaultScore: ScoreFn = scoreResponse;
