import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium';

/**
 * Browser tests need Debian's Chromium (playwright cannot download a browser here) and the built client.
 * As root, a missing Chromium is installed with apt; otherwise the message says exactly what to install.
 */
function hasFonts(): boolean {
  try {
    execFileSync('dpkg', ['-s', 'fonts-noto-cjk'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (!existsSync(CHROMIUM_PATH) || !hasFonts()) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      throw new Error(
        `The browser tests need Debian's chromium (at ${CHROMIUM_PATH}) and fonts-noto-cjk. Install them with: sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk`,
      );
    }
    console.log('Installing Debian chromium and fonts-noto-cjk for the browser tests…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  // Always test the client as it is now, not a stale build.
  // NODE_ENV is 'test' under vitest, which would make vite build React's development bundle.
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
