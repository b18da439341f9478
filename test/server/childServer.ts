import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildServer {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

/** The real CLI entry in a child process, so that it can be killed with SIGKILL. */
export async function spawnServer(
  dataDir: string,
  commitBatchMs = 4,
  /** More configuration variables (e.g. limits). */
  extraEnv: Record<string, string> = {},
): Promise<ChildServer> {
  const { ADMIN_TOKEN: _admin, PUBLIC_URL: _public, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      COMMIT_BATCH_MS: String(commitBatchMs),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000).unref();
  });
  return {
    child,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/ws`,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}
