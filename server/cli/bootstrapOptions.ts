/** The bootstrap options shared by `bopask score --ci` and `bopask table --ci`, checked once here. */
import { BadInputError } from '../../shared/errors';
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from '../../shared/metrics/bootstrap';
import type { CiStyle } from '../../shared/metrics/tableReport';

export const BOOTSTRAP_OPTIONS = {
  ci: { type: 'boolean' },
  seed: { type: 'string' },
  resamples: { type: 'string' },
  'ci-style': { type: 'string' },
} as const;

export const BOOTSTRAP_USAGE = `--ci adds to each figure its ${DEFAULT_BOOTSTRAP.level * 100}% bootstrap interval over questions and the
questions it rests on, the human baseline's coverage and agreement per task, and notes; --seed S
(default ${DEFAULT_BOOTSTRAP.seed}) and --resamples B (default ${DEFAULT_BOOTSTRAP.resamples}) make it reproducible; --ci-style pm
prints ± half the interval instead of [lo, hi].`;

function integer(value: string, option: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new BadInputError(`--${option}: expected an integer from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

/** The settings, or null without --ci; bad values (or --seed without --ci) are bad input. */
export function bootstrapOptions(values: { ci?: boolean; seed?: string; resamples?: string; 'ci-style'?: string }): { settings: BootstrapSettings; style: CiStyle } | null {
  if (!values.ci) {
    const stray = (['seed', 'resamples', 'ci-style'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new BadInputError(`--${stray} only goes with --ci`);
    return null;
  }
  const style = values['ci-style'] ?? 'brackets';
  if (style !== 'brackets' && style !== 'pm') throw new BadInputError(`--ci-style: expected brackets or pm, got '${style}'`);
  return {
    settings: {
      ...DEFAULT_BOOTSTRAP,
      seed: values.seed === undefined ? DEFAULT_BOOTSTRAP.seed : integer(values.seed, 'seed', 0, 2 ** 32 - 1),
      resamples: values.resamples === undefined ? DEFAULT_BOOTSTRAP.resamples : integer(values.resamples, 'resamples', 10, 100_000),
    },
    style,
  };
}
