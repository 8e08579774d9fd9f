// What a run starts once and shares between its tasks (a pool of python workers), kept by the run and closed when
// it ends or is cancelled. The engine does not know what is in it: task runners ask for a resource by key and
// say how to make it, so the first task that needs it starts it.
/** A resource a run owns: closed once, when the run ends (or at once when it is cancelled). */
export interface RunResource {
  close(): Promise<void>;
}

/** Settings every resource of the run is made from. */
export interface RunResourceSettings {
  /** The folder tasks run in (the catalog's compute_data_folder). */
  cwd: string;
  /** The environment tasks start from. */
  env: NodeJS.ProcessEnv;
}

export class RunResources {
  private readonly owned = new Map<string, RunResource>();

  constructor(readonly settings: RunResourceSettings) {}

  /** The run's resource under `key`, made by `create` the first time it is asked for. */
  get<T extends RunResource>(key: string, create: (settings: RunResourceSettings) => T): T {
    let r = this.owned.get(key);
    if (!r) this.owned.set(key, (r = create(this.settings)));
    return r as T;
  }

  /** Closes everything the run started (a resource asked for afterwards is refused by the resource itself). Safe to call more than once. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.owned.values()].map((r) => r.close()));
  }
}
