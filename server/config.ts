/**
 * Start-up configuration from the environment. A bad value stops start-up with a message naming the
 * variable, what it holds and what was expected.
 */
import path from 'node:path';
import { z } from 'zod';

const BATCH_LIMIT_ERROR = { error: 'expected a whole number from 1 to 1000000, or off' };

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/bopask.sqlite'),
  /** Where imported dataset images are kept (served by key at /img/<key>, never by path). */
  IMAGES_DIR: z.string().min(1).default('./data/images'),
  /** Import the bundled demo dataset when the database holds no questions. */
  DEMO: z.enum(['on', 'off']).default('on'),
  /** `on` behind one reverse proxy: the client address is the last one in X-Forwarded-For. */
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** Session cookie `Secure` flag: `auto` sets it on requests that came over HTTPS. */
  SECURE_COOKIES: z.enum(['auto', 'on', 'off']).default('auto'),
  /**
   * New batches per client address per window (security/guards.ts). A study whose participants share
   * one address (a lab behind one NAT) raises it; `off` only for a load test, never for a study.
   */
  NEW_BATCHES_PER_ADDRESS: z
    .union([z.literal('off'), z.coerce.number(BATCH_LIMIT_ERROR).int(BATCH_LIMIT_ERROR).min(1, BATCH_LIMIT_ERROR).max(1_000_000, BATCH_LIMIT_ERROR)], BATCH_LIMIT_ERROR)
    .default(30),
  NEW_BATCH_WINDOW_MIN: z.coerce.number().int().min(1, 'expected 1 to 1440 minutes').max(24 * 60, 'expected 1 to 1440 minutes').default(10),
});

export type Config = {
  port: number;
  host: string;
  databasePath: string;
  imagesDir: string;
  isDemoEnabled: boolean;
  trustProxy: boolean;
  secureCookies: 'auto' | 'on' | 'off';
  /** The per-address limit on new batches, or null when switched off (NEW_BATCHES_PER_ADDRESS=off). */
  newBatchLimit: { points: number; windowS: number } | null;
};

export class ConfigError extends Error {}

/** Parses `env` (process.env by default); throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.join('.')}=${JSON.stringify(picked[String(i.path[0])])}: ${i.message}`,
    );
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: path.resolve(e.DATABASE_PATH),
    imagesDir: path.resolve(e.IMAGES_DIR),
    isDemoEnabled: e.DEMO === 'on',
    trustProxy: e.TRUST_PROXY === 'on',
    secureCookies: e.SECURE_COOKIES,
    newBatchLimit: e.NEW_BATCHES_PER_ADDRESS === 'off' ? null : { points: e.NEW_BATCHES_PER_ADDRESS, windowS: e.NEW_BATCH_WINDOW_MIN * 60 },
  };
}

/** What start-up must say loudly about a configuration that is valid but unsafe for a study. */
export function configWarnings(config: Pick<Config, 'newBatchLimit'>): string[] {
  if (config.newBatchLimit) return [];
  return [
    'WARNING: NEW_BATCHES_PER_ADDRESS=off: any client may start unlimited batches and so take every question.',
    'WARNING: this setting is for load tests only; never run a study with it.',
  ];
}
