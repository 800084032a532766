/** The statistics of the data as it is now: the cached ones when fresh, else computed at once. */
import type { TableStatistics } from '../../../shared/metrics/tableStats';
import type { Db } from '../../db/client';
import { bootstrapSettings, getSettings } from '../settings';
import { refreshStatistics, statisticsState } from './statistics';

export function currentStatistics(db: Db): TableStatistics {
  const settings = bootstrapSettings(getSettings(db));
  const state = statisticsState(db, settings);
  return state.stats && !state.isStale ? state.stats : refreshStatistics(db, settings);
}
