// The `runnable` executable. Signals cancel the run (its run log is still written whole) and set 130/143; a
// closed stdout/stderr (`| head`) is ignored for console output.
import { tolerateClosedConsole } from '../util/closed-console.js';
import { main } from './main.js';
import { processIO } from './io.js';

tolerateClosedConsole();

const controller = new AbortController();
let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // a second signal means "now": do not wait for the cleanup
    if (++signals > 1) process.exit(sig === 'SIGINT' ? 130 : 143);
    controller.abort(sig);
  });
}

main(process.argv.slice(2), processIO(controller.signal)).then(
  (code) => {
    process.exitCode = code;
    // The run is over and written. Something may still hold the event loop: a TypeScript task left running past
    // its time limit (a function in this process cannot be stopped). Exit anyway after a moment; this timer is
    // unref'd, so a process with nothing left to do exits at once as before.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (e) => {
    process.stderr.write(`internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 1;
  },
);
