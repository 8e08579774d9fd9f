// Write-then-rename: a reader (or a crash) never sees half a file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fitFileName } from './file-names.js';

let counter = 0;
// pid and a counter are not enough: every container's process is pid 1, and two may write beside each other.
// A random part drawn once per process keeps names apart without a random draw per write.
const processTag = `${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
const unique = () => `${processTag}.${++counter}`;

export function atomicWriteSync(file: string, content: string | Buffer): void {
  // the temporary name must fit the file-name limit too, however long the file's own name is
  const tmp = path.join(path.dirname(file), fitFileName('.', path.basename(file), `.${unique()}.tmp`));
  try {
    fs.writeFileSync(tmp, content);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    // the folder is missing (first write): create it and try once more
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, content);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
