/** Load-generating worker processes (bench/workers/*.ts), driven by messages over the IPC channel. */
import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

export interface Worker<Result> {
  /** Resolves when the worker said it is ready (its clients are connected and synced). */
  ready: Promise<void>;
  send(message: unknown): void;
  /** The worker's result, sent just before it exits. */
  result: Promise<Result>;
  kill(): void;
}

export function startWorker<Result>(script: string, input: unknown): Worker<Result> {
  const child: ChildProcess = fork(resolve('bench/workers', script), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((done) => {
    resolveReady = done;
  });
  const result = new Promise<Result>((done, reject) => {
    child.on('message', (message: { type: string; result?: Result; error?: string }) => {
      if (message.type === 'ready') resolveReady();
      if (message.type === 'result') done(message.result as Result);
      if (message.type === 'error') reject(new Error(`${script}: ${message.error}`));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before its result`)));
  });
  // A worker that fails before it is ready must not leave the run waiting for ever.
  result.catch(() => resolveReady());
  child.send({ type: 'input', input });
  return { ready, send: (message) => child.send(message as object), result, kill: () => child.kill('SIGKILL') };
}

/** Inside a worker: the input, and a way to report. */
export function workerInput<Input>(): Promise<Input> {
  return new Promise((done) => {
    process.once('message', (message: { type: string; input: Input }) => done(message.input));
  });
}

export function nextMessage<Message>(): Promise<Message> {
  return new Promise((done) => process.once('message', (message: Message) => done(message)));
}

export function report(type: 'ready' | 'result', result?: unknown): Promise<void> {
  return new Promise((done) => process.send?.({ type, result }, () => done()));
}

export function failWorker(error: unknown): void {
  process.send?.({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  setTimeout(() => process.exit(1), 100);
}
