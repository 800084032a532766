import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

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
});
