// A small argument parser: per command, the flags it takes (with legacy spellings), positionals, and an
// InvalidInputError naming the flag and the fix for anything else.
import { InvalidInputError } from '../errors.js';
import { didYouMean } from '../util/suggest.js';

export interface FlagSpec {
  /** Canonical name (the key in the result), e.g. "config". */
  name: string;
  /** Every spelling: "-c", "--config", "--config-file". */
  spellings: string[];
  /** A flag without a value is a boolean. */
  takesValue: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(command: string, argv: string[], specs: FlagSpec[], usage: string): ParsedArgs {
  const bySpelling = new Map<string, FlagSpec>();
  for (const s of specs) for (const sp of s.spellings) bySpelling.set(sp, s);
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const spec = bySpelling.get(flag);
      if (!spec) {
        throw new InvalidInputError('invalid arguments', [
          { message: `\`runnable ${command}\` has no option ${flag}.${didYouMean(flag, bySpelling.keys())}`, fix: `usage: ${usage}` },
        ]);
      }
      if (!spec.takesValue) {
        out.flags[spec.name] = true;
        continue;
      }
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new InvalidInputError('invalid arguments', [{ message: `${flag} needs a value.`, fix: `usage: ${usage}` }]);
      }
      out.flags[spec.name] = value;
    } else out.positionals.push(a);
  }
  return out;
}

export const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
