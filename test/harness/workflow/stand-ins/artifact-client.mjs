// The upload/download-artifact stand-ins' way to the results service when a run has one (runWorkflow's
// `artifactService`): the real @actions/artifact client in a child process with the job's environment
// (ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN, GITHUB_WORKSPACE), as the real actions use it, so artifacts
// an action uploads through @actions/artifact and those of actions/upload-artifact are one store.
// Usage: node artifact-client.mjs '<json request>' (op list, upload or download); prints the JSON answer on the
// last line of stdout.
/* global process */
import { DefaultArtifactClient } from '@actions/artifact';

const request = JSON.parse(process.argv[2]);
const client = new DefaultArtifactClient();
let answer;
switch (request.op) {
  case 'list':
    answer = (await client.listArtifacts({ latest: true })).artifacts.map((a) => ({ name: a.name, id: a.id }));
    break;
  case 'upload': {
    // one process per step: the client's import is the slow part
    const taken = (await client.listArtifacts({ latest: true })).artifacts.some((a) => a.name === request.name);
    if (taken && !request.overwrite) {
      answer = { error: request.conflict };
      break;
    }
    if (taken) await client.deleteArtifact(request.name);
    const r = await client.uploadArtifact(request.name, request.files, request.root, {});
    answer = { id: r.id, digest: r.digest ?? '' };
    break;
  }
  case 'download':
    for (const item of request.items) await client.downloadArtifact(item.id, { path: item.into });
    break;
  default:
    throw new Error(`unknown op ${request.op}`);
}
// exit now: the client's keep-alive sockets would hold the process ~5 s
process.stdout.write(`${JSON.stringify(answer ?? null)}\n`, () => process.exit(0));
