// DockerClient against a REAL engine: started by scripts/ci/docker-up.sh, with the
// images of scripts/ci/build-test-images.sh. Set RUNNABLE_TEST_NO_DOCKER=1 to skip
// this file on a machine without Docker; otherwise a missing engine is a failure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ContainerStartError,
  DockerClient,
  DockerUnavailableError,
  ImageNotFoundError,
  type OutputStream,
  type RunContainerOptions,
} from '../src/executors/container/docker-client.js';

const NODE_IMAGE = 'runnable-test/node-python:1';
const NO_NODE_IMAGE = 'runnable-test/no-node:1';
const MISSING_IMAGE = 'runnable-test/does-not-exist:0';
// Every container of this run carries this label, so afterAll can clean up whatever a failed test left.
const RUN_LABEL = { 'runnable-test.docker-client': randomUUID() };

const skip = process.env.RUNNABLE_TEST_NO_DOCKER === '1';

describe.skipIf(skip)('DockerClient (real engine)', () => {
  const client = new DockerClient();
  let tmp: string;

  beforeAll(async () => {
    try {
      await client.ping();
    } catch (err) {
      throw new Error(
        `${(err as Error).message}\nThese tests need a real engine: run \`bash scripts/ci/docker-up.sh\` ` +
          `then \`bash scripts/ci/build-test-images.sh\` (as root), or set RUNNABLE_TEST_NO_DOCKER=1 to skip them.`,
        { cause: err },
      );
    }
    for (const image of [NODE_IMAGE, NO_NODE_IMAGE]) {
      try {
        await client.imageInfo(image);
      } catch (err) {
        throw new Error(`${(err as Error).message}\nBuild the test images with \`bash scripts/ci/build-test-images.sh\`.`, {
          cause: err,
        });
      }
    }
    tmp = mkdtempSync(join(tmpdir(), 'docker-client-test-'));
  });

  afterAll(async () => {
    if (!skip) await client.removeContainers(RUN_LABEL).catch(() => undefined);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Run with test defaults (no network, auto-removed, run label) and collect the output. */
  async function run(over: Partial<RunContainerOptions> & { cmd: string[] }) {
    const chunks: Array<{ stream: OutputStream; text: string }> = [];
    const res = await client.runContainer({
      image: NODE_IMAGE,
      env: {},
      binds: [],
      network: 'none',
      autoRemove: true,
      onOutput: (stream, text) => chunks.push({ stream, text }),
      ...over,
      labels: { ...RUN_LABEL, ...over.labels },
    });
    const text = (s: OutputStream) =>
      chunks
        .filter((c) => c.stream === s)
        .map((c) => c.text)
        .join('');
    return { ...res, chunks, stdout: text('stdout'), stderr: text('stderr') };
  }

  it('streams stdout and stderr live, in order, and returns exit code 0', async () => {
    // The pauses make the order observable: each line is its own frame.
    const script = 'echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2; sleep 0.2; echo err2 >&2';
    const r = await run({ cmd: ['sh', '-c', script] });
    expect(r.exitCode).toBe(0);
    expect(r.oomKilled).toBe(false);
    expect(r.stdout).toBe('out1\nout2\n');
    expect(r.stderr).toBe('err1\nerr2\n');
    const lines = r.chunks.flatMap((c) =>
      c.text
        .trim()
        .split('\n')
        .map((l) => `${c.stream}:${l}`),
    );
    expect(lines).toEqual(['stdout:out1', 'stderr:err1', 'stdout:out2', 'stderr:err2']);
  });

  it('delivers output before the container exits (streaming, not buffered)', async () => {
    let firstAt = 0;
    const start = Date.now();
    const res = await client.runContainer({
      image: NODE_IMAGE,
      cmd: ['sh', '-c', 'echo early; sleep 2; echo late'],
      env: {},
      binds: [],
      network: 'none',
      autoRemove: true,
      labels: RUN_LABEL,
      onOutput: () => {
        if (!firstAt) firstAt = Date.now();
      },
    });
    const end = Date.now();
    expect(res.exitCode).toBe(0);
    expect(end - firstAt).toBeGreaterThan(1_000);
    expect(firstAt).toBeGreaterThan(start);
  });

  it('returns a non-zero exit code instead of throwing', async () => {
    const r = await run({ cmd: ['sh', '-c', 'echo failing >&2; exit 3'] });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('failing\n');
  });

  it('passes env, working dir and binds into the container', async () => {
    writeFileSync(join(tmp, 'in.txt'), 'from host');
    const r = await run({
      cmd: ['sh', '-c', 'cat /data/in.txt; echo; echo "$GREETING $OTHER" > /data/out.txt; pwd'],
      env: { GREETING: 'hello world', OTHER: 'a=b' },
      binds: [`${tmp}:/data`],
      workingDir: '/tmp',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('from host\n/tmp\n');
    expect(readFileSync(join(tmp, 'out.txt'), 'utf8')).toBe('hello world a=b\n');
  });

  it('honours read-only binds', async () => {
    const r = await run({ cmd: ['sh', '-c', 'echo x > /data/ro.txt'], binds: [`${tmp}:/data:ro`] });
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/read-only/i);
  });

  it('runs node and python3 in the test image', async () => {
    const r = await run({ cmd: ['sh', '-c', 'node -e "console.log(6*7)" && python3 -c "import json; print(json.dumps([1]))"'] });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('42\n[1]\n');
  });

  it('autoRemove true leaves no container; false keeps it until removed', async () => {
    const label = { 'runnable-test.case': randomUUID() };
    const gone = await run({ cmd: ['true'], labels: label, autoRemove: true });
    expect(gone.exitCode).toBe(0);
    expect(await client.removeContainers(label)).toEqual([]);

    const kept = await run({ cmd: ['sh', '-c', 'exit 5'], labels: label, autoRemove: false });
    expect(kept.exitCode).toBe(5);
    expect(await client.removeContainers(label)).toEqual([kept.containerId]);
    expect(await client.removeContainers(label)).toEqual([]);
  });

  it('removeContainers force-removes running containers by label and leaves others', async () => {
    const mine = { 'runnable-test.case': randomUUID() };
    const other = { 'runnable-test.case': randomUUID() };
    const ids: string[] = [];
    const running = [mine, mine, other].map((labels) =>
      client.runContainer({
        image: NODE_IMAGE,
        cmd: ['sleep', '30'],
        env: {},
        binds: [],
        network: 'none',
        autoRemove: false,
        labels: { ...RUN_LABEL, ...labels },
        onOutput: () => undefined,
        onStart: (id) => ids.push(id),
      }),
    );
    // Handled up front: the removed ones may reject while we are still removing.
    for (const p of running) p.catch(() => undefined);
    await expect.poll(() => ids.length, { timeout: 30_000 }).toBe(3);
    const removed = await client.removeContainers(mine);
    expect(removed).toHaveLength(2);
    // The removed ones end; the other one is still there until we clean it.
    const settled = await Promise.allSettled(running.slice(0, 2));
    for (const s of settled) if (s.status === 'fulfilled') expect(s.value.exitCode).not.toBe(0);
    expect(await client.removeContainers(other)).toHaveLength(1);
    await Promise.allSettled(running);
  });

  it('kill stops a running container promptly with a non-zero exit code', async () => {
    const started = Date.now();
    const r = await run({
      cmd: ['sleep', '30'],
      onStart: (id) => {
        setTimeout(() => void client.kill(id), 500);
      },
    });
    expect(r.exitCode).toBe(137);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Killing a container that is gone is not an error.
    await expect(client.kill(r.containerId)).resolves.toBeUndefined();
  });

  it('reports a container killed for exceeding memoryBytes as oomKilled', async () => {
    const r = await run({
      cmd: ['python3', '-c', 'x = bytearray(300 * 1024 * 1024); print(len(x))'],
      memoryBytes: 64 * 1024 * 1024,
    });
    expect(r.exitCode).toBe(137);
    expect(r.oomKilled).toBe(true);
  });

  it('imageInfo describes a local image and throws ImageNotFoundError for a missing one', async () => {
    const info = await client.imageInfo(NODE_IMAGE);
    expect(info.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Imported locally: no RepoDigest, so the digest is the id.
    expect(info.digest).toBe(info.id);
    expect(info.workingDir).toBe('/work');
    expect(info.repoTags).toContain(NODE_IMAGE);

    const err = await client.imageInfo(MISSING_IMAGE).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageNotFoundError);
    expect((err as Error).message).toContain(MISSING_IMAGE);
    expect((err as Error).message).toMatch(/docker build|docker load/);
  });

  it('ensureImage: never and if-not-present use the local image; never on a missing one throws', async () => {
    expect((await client.ensureImage(NODE_IMAGE, 'never')).digest).toMatch(/^sha256:/);
    expect((await client.ensureImage(NODE_IMAGE, 'if-not-present')).digest).toMatch(/^sha256:/);
    await expect(client.ensureImage(MISSING_IMAGE, 'never')).rejects.toBeInstanceOf(ImageNotFoundError);
  });

  it('ensureImage: a pull that fails (no registry) is an ImageNotFoundError', async () => {
    // A registry on a closed loopback port: refused at once, no traffic leaves the machine.
    const image = '127.0.0.1:1/runnable-test/absent:1';
    const err = await client.ensureImage(image, 'if-not-present').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageNotFoundError);
    expect((err as ImageNotFoundError).reason).toBe('pull-failed');
    expect((err as Error).message).toMatch(/no registry answered/);
  });

  it('runContainer on a missing image throws ImageNotFoundError', async () => {
    await expect(run({ image: MISSING_IMAGE, cmd: ['true'] })).rejects.toBeInstanceOf(ImageNotFoundError);
  });

  it('a command the image lacks is a ContainerStartError, and leaves no container behind', async () => {
    const label = { 'runnable-test.case': randomUUID() };
    const err = await run({ image: NO_NODE_IMAGE, cmd: ['node', '--version'], labels: label }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContainerStartError);
    expect((err as Error).message).toMatch(/executable file not found/);
    expect(await client.removeContainers(label)).toEqual([]);
  });

  it('probeCommand: node --version works on node-python and fails on no-node', async () => {
    const ok = await client.probeCommand(NODE_IMAGE, ['node', '--version']);
    expect(ok.exitCode).toBe(0);
    expect(ok.output.trim()).toMatch(/^v\d+\.\d+\.\d+$/);

    const missing = await client.probeCommand(NO_NODE_IMAGE, ['node', '--version']);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.output).toMatch(/node/);
    // Through a shell, the shell's own "not found" exit code comes back.
    const viaShell = await client.probeCommand(NO_NODE_IMAGE, ['sh', '-c', 'node --version']);
    expect(viaShell.exitCode).toBe(127);
  });

  it('reports an engine that does not answer as DockerUnavailableError naming DOCKER_HOST', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${join(tmp, 'no-engine.sock')}`;
    try {
      const dead = new DockerClient();
      const err = await dead.ping().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DockerUnavailableError);
      expect((err as Error).message).toContain('DOCKER_HOST=unix://');
      expect((err as Error).message).toMatch(/docker-up\.sh|start Docker/);
      await expect(dead.imageInfo(NODE_IMAGE)).rejects.toBeInstanceOf(DockerUnavailableError);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
