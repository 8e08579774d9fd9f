// Secrets from a dotenv file (python-dotenv's format: KEY=value, `export` prefix, quotes, # comments),
// read once, on first use.
import path from 'node:path';
import type { HostPath } from '../host-paths.js';
import { readInputFile } from '../../util/input-file.js';
import { SecretNotFoundError, type SecretsStore } from './secrets.js';

export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    let value = m[2];
    const q = value[0];
    if (q === '"' || q === "'") {
      // a quoted value may span lines until its closing quote
      let body = value.slice(1);
      while (!new RegExp(`(^|[^\\\\])${q}`).test(body) && i + 1 < lines.length) body += `\n${lines[++i]}`;
      const end = body.search(new RegExp(`(?<!\\\\)${q}`));
      value = end >= 0 ? body.slice(0, end) : body;
      if (q === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[m[1]] = value;
  }
  return out;
}

export class DotenvSecrets implements SecretsStore {
  readonly type = 'dotenv';
  readonly mountFile: string;
  private values: Record<string, string> | undefined;

  constructor(config: { location?: string } = {}) {
    this.mountFile = path.resolve(config.location ?? '.env');
  }

  hostPaths(): HostPath[] {
    return [{ key: 'location', path: this.mountFile, kind: 'file' }];
  }

  get(name: string): string {
    if (!this.values) {
      try {
        this.values = parseDotenv(readInputFile(this.mountFile, 'dotenv secrets'));
      } catch (e) {
        throw new SecretNotFoundError(name, `${this.mountFile}, which cannot be used: ${(e as Error).message}`);
      }
    }
    const v = this.values[name];
    if (v === undefined) throw new SecretNotFoundError(name, this.mountFile);
    return v;
  }
}
