// The public API of the `runnable` package, in one file: the SDK to build and run pipelines in code, the engine
// and loader for tools that drive runs themselves, the error taxonomy, the run-log types, and what a plugin
// needs (the executor interface, the service registry, the task-runner registry, runLeaf). Importing it registers
// the built-in services and task runners.
// Anything not exported here is internal and may change.

// SDK
export { Pipeline, type PipelineDefinition, type PipelineOptions } from './sdk/pipeline.js';
export {
  Conditional,
  Fail,
  Loop,
  Map,
  NotebookTask,
  Parallel,
  PythonTask,
  ShellTask,
  Step,
  Stub,
  Success,
  TypeScriptTask,
  json,
  metric,
  object,
  pickled,
  type CatalogOptions,
  type ConditionalOptions,
  type LeafStepOptions,
  type LoopOptions,
  type MapOptions,
  type NotebookTaskOptions,
  type ParallelOptions,
  type PipelineStep,
  type PythonTaskOptions,
  type ShellTaskOptions,
  type StepOptions,
  type TaskFunction,
  type TaskOptions,
  type TaskReturn,
  type TypeScriptTaskOptions,
} from './sdk/steps.js';
export type { ExecuteOptions, ExecuteResult } from './sdk/execute.js';

// Loading pipelines and running them (what the CLI does, step by step)
export { buildPipeline, type Locator } from './pipeline/build.js';
export { loadPipelineFile } from './pipeline/load.js';
export { dagHash } from './pipeline/dag-hash.js';
export type {
  CatalogSpec,
  CommandType,
  CompositeNode,
  ConditionalNode,
  FailNode,
  Graph,
  LeafNode,
  LoopNode,
  MapNode,
  NodeType,
  ParallelNode,
  Pipeline as PipelineModel,
  PipelineNode,
  ReturnKind,
  ReturnSpec,
  SourceLocation,
  StubNode,
  SuccessNode,
  TaskNode,
  TaskSpec,
} from './pipeline/model.js';
export { runPipeline, type RunOutcome, type RunRequest } from './engine/run-pipeline.js';
export { initialParameters } from './engine/parameters.js';
export { findConfigFile, loadConfig, type RunnableConfig, type ServiceConfig } from './config/config-file.js';
export { createServices, type Services } from './config/services.js';
export { assembleRun, type AssembledRun, type PipelineSource, type RunInput } from './run/assemble.js';
export { consoleReporter, type ConsoleReporterOptions } from './report/console-reporter.js';

// Events
export { EventBus, type EngineEvent, type EventListener } from './engine/events.js';

// Errors
export {
  CancelledError,
  EXIT,
  InfrastructureError,
  InvalidInputError,
  RunFailedError,
  RunnableError,
  StepError,
  formatIssue,
  type InputIssue,
} from './errors.js';

// Run logs
export type {
  Attempt,
  BranchLog,
  CodeIdentity,
  DataCatalog,
  Parameter,
  ParameterKind,
  Parameters,
  RunLog,
  Status,
  StepLog,
} from './services/run-log/model.js';

// Plugins: executors and services register themselves with the registry under a configuration type name.
export type { Executor, NodeExecutor, GraphExecutor, GraphRun, GraphOutcome } from './engine/executor.js';
export { isNodeExecutor, stepsRunElsewhere } from './engine/executor.js';
export type { RunContext, Scope } from './engine/run-context.js';
export {
  taskRunners,
  TaskRunnerRegistry,
  type ReducerCall,
  type TaskInvocation,
  type TaskResult,
  type TaskRunner,
} from './engine/task-runner.js';
export { RunResources, type RunResource, type RunResourceSettings } from './engine/run-resources.js';
export { runLeaf, mockLeaf, type LeafOptions } from './engine/leaf.js';
export { loadPlugins, type Plugin, type PluginHost } from './run/plugins.js';
export { registry, SERVICE_KINDS, ServiceRegistry, type ServiceDefinition, type ServiceKind } from './services/registry.js';
export type { RunLogStore } from './services/run-log/store.js';
export type { Catalog } from './services/catalog/catalog.js';
export type { SecretsStore } from './services/secrets/secrets.js';
