// Where things are inside a step's container, and the configuration the step reads there.
//
// Mounts (host -> container):
//   the project (the host's working directory), when mount_code  -> working_dir (default: the same absolute path), rw
//   our CLI bundle (dist/cli: index.js, chunks/, shim.py)         -> /opt/runnable, ro
//   this run's generated configuration (a temp dir)               -> /opt/runnable-run, ro
//   every host path a service declares (services/host-paths.ts:   -> inside the project mount when they are in the
//   the run-log folder, the catalog location, the data folder,       project, else at their own absolute path;
//   a dotenv file), and the pipeline file                            folders rw, files ro
//   the user's `volumes`
// Paths are kept where they can be (same-path mounts), so most paths of the run need no rewriting; the generated
// configuration sets each declared key to its path in the container and the executor to `local`: in the
// container the step just runs. The layout asks the services for their paths: it knows none of their keys.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunnableConfig, ServiceConfig } from '../../config/config-file.js';
import type { RunContext } from '../../engine/run-context.js';
import type { HostPath } from '../../services/host-paths.js';
import { unreachable } from '../../util/unreachable.js';
import type { ContainerSettings } from './container-settings.js';

export const CLI_MOUNT = '/opt/runnable';
export const RUN_FILES_MOUNT = '/opt/runnable-run';

export interface ContainerLayout {
  /** Docker HostConfig.Binds. */
  binds: string[];
  workingDir?: string;
  /** The pipeline file and the generated configuration, as the container sees them. */
  pipelineFile: string;
  configFile: string;
}

const within = (p: string, dir: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** Builds layouts and writes one generated configuration per distinct layout into a temp dir (removed by dispose). */
export class LayoutBuilder {
  private readonly dir: string;
  private readonly configs = new Map<string, string>();

  constructor(
    private readonly run: RunContext,
    private readonly cliDir: string,
    private readonly hostCwd: string,
    /** The configuration as the user wrote it (variables filled in); its services are passed on. */
    private readonly raw: RunnableConfig['services'],
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runnable-container-'));
    // the container may run as another user than this process
    fs.chmodSync(this.dir, 0o755);
  }

  layout(s: ContainerSettings): ContainerLayout {
    const run = this.run;
    const projectTarget = s.mountCode ? (s.workingDir ?? this.hostCwd) : undefined;
    const toContainer = (p: string) =>
      projectTarget !== undefined && within(p, this.hostCwd)
        ? path.posix.join(projectTarget, path.relative(this.hostCwd, p).split(path.sep).join('/'))
        : p;
    const binds: string[] = [];
    const bind = (host: string, target: string, ro: boolean) => {
      const b = `${host}:${target}${ro ? ':ro' : ''}`;
      if (!binds.includes(b)) binds.push(b);
    };
    if (projectTarget !== undefined) bind(this.hostCwd, projectTarget, false);
    bind(this.cliDir, CLI_MOUNT, true);
    bind(this.dir, RUN_FILES_MOUNT, true);
    const own = (host: string, ro: boolean) => {
      if (projectTarget === undefined || !within(host, this.hostCwd)) bind(host, host, ro);
    };
    for (const [, service] of this.services()) {
      for (const p of this.sharedPaths(service, s)) {
        switch (p.kind) {
          case 'folder':
            // made here, so that Docker does not create it (as root) for the bind
            fs.mkdirSync(p.path, { recursive: true });
            own(p.path, false);
            break;
          case 'data-folder':
            // runnable does not create the data folder (a put into a missing one fails): mounted only when it exists
            if (fs.existsSync(p.path)) own(p.path, false);
            break;
          case 'file':
            // a missing file would be created by Docker as a directory: a missing file stays missing, as locally
            if (fs.existsSync(p.path)) own(p.path, true);
            break;
          default:
            unreachable(p.kind, 'host path kind');
        }
      }
    }
    const pipeline = path.resolve(this.hostCwd, run.files.pipeline);
    own(pipeline, true);
    for (const v of s.volumes) bind(v.source, v.target, v.readOnly);

    const config = this.generatedConfig(s, toContainer);
    return { binds, workingDir: s.workingDir, pipelineFile: toContainer(pipeline), configFile: config };
  }

  private generatedConfig(s: ContainerSettings, toContainer: (p: string) => string): string {
    const services: Record<string, { type: string; config: Record<string, unknown> }> = {
      // the step runs with the local executor in the container; this node's time limit comes along
      'pipeline-executor': { type: 'local', config: s.timeout === undefined ? {} : { timeout: s.timeout } },
    };
    const pass = (sc: ServiceConfig, type: string, over: Record<string, unknown>) => ({
      type,
      config: { ...(sc.type === type ? sc.config : {}), ...over },
    });
    for (const [kind, service] of this.services()) {
      const keys = Object.fromEntries(this.sharedPaths(service, s).map((p) => [p.key, toContainer(p.path)]));
      services[kind] = pass(this.raw[kind], service.type, keys);
    }
    services.pickler = { type: this.raw.pickler.type, config: this.raw.pickler.config };
    // Variables were filled in on the host: "$" is escaped so that the container does not substitute again.
    const text = `${JSON.stringify(escapeDollars(services), null, 2)}\n`;
    let name = this.configs.get(text);
    if (!name) {
      name = `config-${this.configs.size + 1}.yaml`;
      // JSON is YAML
      fs.writeFileSync(path.join(this.dir, name), `# generated by runnable's local-container executor\n${text}`, { mode: 0o644 });
      this.configs.set(text, name);
    }
    return path.posix.join(RUN_FILES_MOUNT, name);
  }

  /** The services whose configuration is passed on to the container, by configuration kind. */
  private services() {
    const run = this.run;
    return [
      ['run-log-store', run.store],
      ['catalog', run.catalog],
      ['secrets', run.secrets],
    ] as const;
  }

  /**
   * The host paths a service declares that the container shares. With the code baked into the image, the data
   * folder is the image's (relative to its working dir), as in runnable.
   */
  private sharedPaths(service: { hostPaths?(): HostPath[] }, s: ContainerSettings): HostPath[] {
    return (service.hostPaths?.() ?? []).filter((p) => p.kind !== 'data-folder' || s.mountCode);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\$/g, '$$$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}
