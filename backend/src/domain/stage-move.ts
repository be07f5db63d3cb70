// Which pipeline stage changes are allowed.
import { OPEN_STAGES, type Stage } from './types.ts';

/**
 * Any open stage may move to any stage, backwards included (a deal can fall back from offer to contacted).
 * A closed deal (won or lost) may only be reopened to an open stage, never flipped straight from won to lost
 * or back: the outcome changes through a reopening that the history shows. The same stage is allowed and is a
 * no-op: callers skip the write (and keep stageChangedAt) when from === to.
 */
export function canMoveStage(from: Stage, to: Stage): boolean {
  if (from === to) return true;
  return OPEN_STAGES.includes(from) || OPEN_STAGES.includes(to);
}
