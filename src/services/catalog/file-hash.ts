// runnable's data_hash: sha256 of the file; from 1 GiB up, of its size, first MiB and last MiB (reading a huge
// file end to end for a fingerprint would cost more than the step).
import crypto from 'node:crypto';
import fs from 'node:fs';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export async function fileHash(file: string): Promise<string> {
  const size = (await fs.promises.stat(file)).size;
  const h = crypto.createHash('sha256');
  if (size < GIB) {
    for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
    return h.digest('hex');
  }
  const fd = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(MIB);
    const tail = Buffer.alloc(MIB);
    await fd.read(head, 0, MIB, 0);
    await fd.read(tail, 0, MIB, size - MIB);
    h.update(String(size)).update(head).update(tail);
  } finally {
    await fd.close();
  }
  return h.digest('hex');
}
