import { execFileSync } from 'node:child_process';
import { ensurePostgresInstalled } from './postgres.js';

/**
 * Server tests need PostgreSQL (the storage engine tests) and make test certificates with openssl (HTTPS, the
 * webhook tests' chat receiver). As root, either is installed with apt when missing (as the browser tests install
 * Chromium); otherwise the message says what to run.
 */
function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default function setup(): void {
  // The storage tests run on PostgreSQL too, on a server of their own (test/server/postgres.ts).
  ensurePostgresInstalled();
  if (hasOpenssl()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      'The server tests need openssl. Install it with: sudo apt-get update && sudo apt-get install -y openssl',
    );
  }
  console.log('Installing Debian openssl for the server tests…');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'openssl'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
