// The folder a module belongs to: in source, the module's own folder; in the bundle (dist/cli), the bundle's
// folder even when the module was split into dist/cli/chunks/. Files shipped beside the bundle (shim.py,
// notebook.py) and "is this stack frame ours?" checks use it, so they hold whichever chunk esbuild puts code in.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the module at `moduleUrl` (pass `import.meta.url`), or of its bundle when it is a chunk. */
export function bundleDir(moduleUrl: string): string {
  const here = path.dirname(fileURLToPath(moduleUrl));
  return path.basename(here) === 'chunks' ? path.dirname(here) : here;
}
