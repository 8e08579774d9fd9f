// The task runners that ship with runnable, registered by command_type. A new task type is a runner in its own
// file and one line here (or one `taskRunners.register` call in a plugin).
import { taskRunners } from '../engine/task-runner.js';
import { notebookRunner } from './notebook-task.js';
import { pythonRunner } from './python-task.js';
import { shellRunner } from './shell-task.js';
import { typescriptRunner } from './typescript-task.js';

taskRunners.register('shell', shellRunner);
taskRunners.register('python', pythonRunner);
taskRunners.register('typescript', typescriptRunner);
taskRunners.register('notebook', notebookRunner);
