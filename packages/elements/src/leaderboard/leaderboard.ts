import { defineElement } from '../shared/define.js';
import { StrideLeaderboard } from './leaderboard.component.js';

export { StrideLeaderboard };
export { rankWithTies, TIE_BREAKS, type RankBy, type RankedEntry, type RankOptions, type TieBreak, type Movement } from './leaderboard.ranking.js';

defineElement('stride-leaderboard', StrideLeaderboard);

declare global {
  interface HTMLElementTagNameMap {
    'stride-leaderboard': StrideLeaderboard;
  }
}
