import { execFileSync } from 'node:child_process';

/**
 * Server tests make test certificates with openssl (HTTPS, the webhook tests' chat receiver). As root, a missing
 * openssl is installed with apt (as the browser tests install Chromium); otherwise the message says what to run.
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
