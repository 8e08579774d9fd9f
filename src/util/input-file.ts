// Reads a file the user named (pipeline, configuration, parameters, dotenv secrets, a run log) only when it is a
// regular file of a sane size: a FIFO would hang the read and /dev/zero would exhaust memory before any check.
// Errors are InvalidInputErrors that name the file and the fix (exit 2), never a stack trace.
import fs from 'node:fs';
import { InvalidInputError } from '../errors.js';

/** The largest input file read (bytes): far above any real pipeline, far below what would hurt. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** The text of `file`, a regular file of at most `maxBytes` (MAX_INPUT_BYTES); `kind` says what it is ("pipeline"). */
export function readInputFile(file: string, kind: string, errorKind = `invalid ${kind}`, maxBytes = MAX_INPUT_BYTES): string {
  const fail = (what: string, fix = 'check the path (it is relative to the current directory).') =>
    new InvalidInputError(errorKind, [{ message: `the ${kind} file ${file} ${what}.`, fix }]);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})`);
  }
  if (st.isDirectory()) throw fail('is a directory');
  if (!st.isFile()) throw fail('is not a regular file (a pipe, a device or a socket)', `give the path of a regular ${kind} file.`);
  if (st.size > maxBytes) {
    throw fail(
      `is ${(st.size / 2 ** 20).toFixed(1)} MB, more than the ${maxBytes / 2 ** 20} MB an input file may have`,
      'split it, or move big values into files the tasks read.',
    );
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw fail(`cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
}
