// Before a run: every image the pipeline will use is in the engine (pulled per its pull policy) and has a node
// our mounted CLI can run on. The node check starts a container, so its answer is remembered per image id (an id
// is a content hash: the same id always has the same node) in the temp dir, and later runs skip it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InfrastructureError } from '../../errors.js';
import type { DockerClient, ImageInfo, PullPolicy } from './docker-client.js';

export const MIN_NODE_MAJOR = 20;

export interface ImageUse {
  pullPolicy: PullPolicy;
  /** Internal names of the steps that run in it, for messages. */
  steps: string[];
}

const stepList = (steps: string[]) => {
  const shown = steps
    .slice(0, 5)
    .map((s) => `"${s}"`)
    .join(', ');
  return `${steps.length > 1 ? 'steps' : 'step'} ${shown}${steps.length > 5 ? ` and ${steps.length - 5} more` : ''}`;
};

function probeCacheFile(imageId: string): string {
  return path.join(os.tmpdir(), 'runnable-image-probes', `${imageId.replace(/^sha256:/, '').replace(/[^A-Za-z0-9]/g, '')}.node-version`);
}

async function nodeVersion(
  client: DockerClient,
  image: string,
  info: ImageInfo,
): Promise<{ ok: true; version: string } | { ok: false; detail: string }> {
  const cache = probeCacheFile(info.id);
  try {
    const version = fs.readFileSync(cache, 'utf8').trim();
    if (/^v\d+\./.test(version)) return { ok: true, version };
  } catch {
    // not probed yet
  }
  const r = await client.probeCommand(image, ['node', '--version']);
  const out = r.output.trim();
  const version = /^v\d+\.\d+\.\d+/m.exec(out)?.[0];
  if (r.exitCode !== 0 || !version) {
    return {
      ok: false,
      detail: `\`node --version\` in the image ${r.exitCode === 127 ? 'found no node' : `exited with ${r.exitCode}`}${out ? ` (${out.split('\n').slice(-2).join(' ').slice(0, 300)})` : ''}`,
    };
  }
  try {
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    fs.writeFileSync(cache, `${version}\n`);
  } catch {
    // a cache we cannot write only costs a probe next time
  }
  return { ok: true, version };
}

/** Pulls (per policy) and checks each image; returns the info of each by name. Throws InfrastructureError. */
export async function checkImages(
  client: DockerClient,
  uses: Map<string, ImageUse>,
  asInfrastructure: (e: unknown, context: string) => unknown,
): Promise<Map<string, ImageInfo>> {
  const infos = new Map<string, ImageInfo>();
  for (const [image, use] of uses) {
    let info: ImageInfo;
    try {
      info = await client.ensureImage(image, use.pullPolicy);
    } catch (e) {
      throw asInfrastructure(e, stepList(use.steps));
    }
    let probe: Awaited<ReturnType<typeof nodeVersion>>;
    try {
      probe = await nodeVersion(client, image, info);
    } catch (e) {
      throw asInfrastructure(e, `checking node in image "${image}"`);
    }
    const major = probe.ok ? Number(/^v(\d+)/.exec(probe.version)?.[1]) : 0;
    if (!probe.ok || major < MIN_NODE_MAJOR) {
      const why = probe.ok ? `has node ${probe.version}, older than ${MIN_NODE_MAJOR}` : `has no usable node: ${probe.detail}`;
      throw new InfrastructureError(
        'docker',
        `Docker image "${image}" (used by ${stepList(use.steps)}) ${why}. The local-container executor runs every step with ` +
          `runnable's own CLI, mounted read-only into the container, and that needs node ${MIN_NODE_MAJOR} or later on the ` +
          `image's PATH (and python3 for python tasks). Use an image with node >= ${MIN_NODE_MAJOR} (for example node:22-slim, ` +
          `or an image with both python3 and node), or add node to your image (\`COPY --from=node:22-slim /usr/local/bin/node ` +
          `/usr/local/bin/node\` in its Dockerfile), then run again.`,
      );
    }
    infos.set(image, info);
  }
  return infos;
}
