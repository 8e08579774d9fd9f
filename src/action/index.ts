// The action's entry (dist/action/index.js), for both `main` and `post` in action.yml: the main step saves the
// `isPost` state first thing, so the same bundle started again as the post step finds it and cleans up.
import * as core from '@actions/core';
import { STATE, UrgentReport, run } from './main.js';
import { post } from './post.js';
import { tolerateClosedConsole } from '../util/closed-console.js';

// a cancelled log stream must not crash the run before its run log and summary are written
tolerateClosedConsole();

if (core.getState(STATE.isPost)) {
  await post();
} else {
  core.saveState(STATE.isPost, 'true');
  const controller = new AbortController();
  const urgent = new UrgentReport();
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      // the runner sends SIGINT, then SIGTERM 7.5 s later, then kills: the second one means "now"
      if (++signals > 1) urgent.finishNow(signal);
      controller.abort(signal);
    });
  }
  await run({ signal: controller.signal, urgent });
}
