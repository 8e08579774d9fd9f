// Each TypeScript task's own view of the environment. TypeScript tasks are functions called in this process, and
// parallel branches call them at the same time, so setting their variables (secrets, RUNNABLE_STEP_ATTEMPT, a loop's
// index) on the one process.env would let one branch see another's. Instead process.env becomes, once, a proxy over
// the real environment that answers from the current task's own object while that task's code runs (tracked through
// AsyncLocalStorage, so it follows awaits, timers and callbacks the task starts). Outside a task it is the real
// environment, unchanged: reads, writes and deletes go straight through. Inside a task, writes stay in the task's view.
// runnable's python tasks run in one process per branch and set os.environ; this is the in-process equivalent.
import { AsyncLocalStorage } from 'node:async_hooks';

type EnvView = Record<string, string>;

const current = new AsyncLocalStorage<EnvView>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  const target = () => current.getStore() ?? real;
  process.env = new Proxy(real, {
    get: (_t, key) => Reflect.get(target(), key),
    set: (_t, key, value) => {
      const env = target();
      if (env === real) return Reflect.set(real, key, value);
      if (typeof key === 'string') env[key] = String(value);
      return true;
    },
    has: (_t, key) => Reflect.has(target(), key),
    deleteProperty: (_t, key) => Reflect.deleteProperty(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_t, key) => {
      const env = target();
      if (env === real) return Reflect.getOwnPropertyDescriptor(real, key);
      return Object.hasOwn(env, key) ? { value: env[key as string], writable: true, enumerable: true, configurable: true } : undefined;
    },
    defineProperty: (_t, key, d) => Reflect.defineProperty(target(), key, d),
  });
}

/** Runs `fn` with `env` as what process.env shows to it and to everything it starts. */
export function withEnvironment<T>(env: Record<string, string | undefined>, fn: () => T): T {
  install();
  const view: EnvView = Object.create(null) as EnvView;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) view[k] = v;
  return current.run(view, fn);
}
