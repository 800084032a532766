import { describe, expect, it } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from './config';

describe('loadConfig', () => {
  it('has defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databasePath.endsWith('data/bopask.sqlite')).toBe(true);
    expect(c.isDemoEnabled).toBe(true);
  });
  it('names the bad variable and its value', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT="70000"/);
    expect(() => loadConfig({ DEMO: 'maybe' })).toThrow(/DEMO="maybe"/);
  });

  it('reads the new-batch limit: a count per window, or off with a loud warning', () => {
    expect(loadConfig({}).newBatchLimit).toEqual({ points: 30, windowS: 600 });
    expect(configWarnings(loadConfig({}))).toEqual([]);
    expect(loadConfig({ NEW_BATCHES_PER_ADDRESS: '500', NEW_BATCH_WINDOW_MIN: '60' }).newBatchLimit).toEqual({ points: 500, windowS: 3600 });
    const off = loadConfig({ NEW_BATCHES_PER_ADDRESS: 'off' });
    expect(off.newBatchLimit).toBeNull();
    expect(configWarnings(off).join('\n')).toMatch(/WARNING: NEW_BATCHES_PER_ADDRESS=off.*load tests only/s);
  });
  it('refuses a bad new-batch limit, naming it', () => {
    for (const bad of ['0', '-3', '2.5', 'lots', 'OFF', '1000001']) {
      expect(() => loadConfig({ NEW_BATCHES_PER_ADDRESS: bad })).toThrow(new RegExp(`NEW_BATCHES_PER_ADDRESS="${bad}": expected a whole number from 1 to 1000000, or off`));
    }
    expect(() => loadConfig({ NEW_BATCH_WINDOW_MIN: '0' })).toThrow(/NEW_BATCH_WINDOW_MIN="0": expected 1 to 1440 minutes/);
    expect(() => loadConfig({ NEW_BATCH_WINDOW_MIN: '1441' })).toThrow(/NEW_BATCH_WINDOW_MIN="1441"/);
  });
});
