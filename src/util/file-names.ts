// File names built from data (step, branch and map item names) must fit the file system's limit of 255 bytes
// per name: a name that would not is cut and given a hash of the whole name, so distinct names stay distinct
// and the same name always maps to the same file. runnable uses the names as they are and fails with
// ENAMETOOLONG, leaving the run PROCESSING.
import crypto from 'node:crypto';

/** The longest file name (bytes) ext4, xfs, btrfs, APFS and NTFS (in UTF-16 units, fewer) all accept. */
export const FILE_NAME_LIMIT = 255;

/**
 * `prefix + stem + suffix` when it fits in `limit` bytes; else the stem is cut (at a character boundary) and
 * followed by `~` and 16 hex characters of the stem's SHA-256.
 */
export function fitFileName(prefix: string, stem: string, suffix: string, limit = FILE_NAME_LIMIT): string {
  const whole = `${prefix}${stem}${suffix}`;
  if (Buffer.byteLength(whole) <= limit) return whole;
  const hash = `~${crypto.createHash('sha256').update(stem).digest('hex').slice(0, 16)}`;
  const room = limit - Buffer.byteLength(prefix + suffix + hash);
  let cut = '';
  let bytes = 0;
  for (const ch of stem) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > room) break;
    cut += ch;
    bytes += n;
  }
  return `${prefix}${cut}${hash}${suffix}`;
}
