// Run ids: given, from RUNNABLE_RUN_ID, or generated readable and unique (runnable's `<adjective>-<name>-HHMM`,
// plus a random tail so two runs started in the same minute never clash).
import crypto from 'node:crypto';
import { InvalidInputError } from '../errors.js';

const ADJECTIVES = [
  'brave',
  'calm',
  'eager',
  'fancy',
  'gentle',
  'happy',
  'jolly',
  'keen',
  'lively',
  'merry',
  'nimble',
  'proud',
  'quick',
  'quiet',
  'sharp',
  'steady',
  'swift',
  'tidy',
  'witty',
  'zesty',
];
const NAMES = [
  'babbage',
  'curie',
  'darwin',
  'euler',
  'fermi',
  'gauss',
  'hopper',
  'joliot',
  'kepler',
  'lovelace',
  'meitner',
  'noether',
  'pascal',
  'ramanujan',
  'shannon',
  'turing',
  'volta',
  'wiles',
  'yalow',
  'zuse',
];

export function generateRunId(now = new Date()): string {
  const pick = <T>(a: T[]) => a[crypto.randomInt(a.length)];
  const hhmm = `${String(now.getHours()).padStart(2, '0')}${String(now.getMinutes()).padStart(2, '0')}`;
  return `${pick(ADJECTIVES)}-${pick(NAMES)}-${hhmm}-${crypto.randomBytes(2).toString('hex')}`;
}

/** A run id names files and folders: keep it to characters that are safe there. */
export function checkRunId(runId: string, from: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(runId) || runId.includes('..')) {
    throw new InvalidInputError('invalid arguments', [
      {
        message: `the run id "${runId}" (${from}) cannot be used: it names files of the run log and catalog.`,
        fix: 'use letters, digits, ".", "_" and "-", starting with a letter or digit.',
      },
    ]);
  }
  return runId;
}
