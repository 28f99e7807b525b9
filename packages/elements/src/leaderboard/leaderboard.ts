import { defineElement } from '../shared/define.js';
import { registerComponent } from '../registry.js';
import { StrideLeaderboard } from './leaderboard.component.js';

export { StrideLeaderboard };
export {
  rankWithTies,
  TIE_BREAKS,
  type RankBy,
  type RankedEntry,
  type RankOptions,
  type TieBreak,
  type Movement,
} from './leaderboard.ranking.js';

registerComponent('stride-leaderboard', StrideLeaderboard);
defineElement('stride-leaderboard', StrideLeaderboard);

declare global {
  interface HTMLElementTagNameMap {
    'stride-leaderboard': StrideLeaderboard;
  }
}
