/**
 * `kp-brev serve --training` in its own process on a free loopback port, for the browser tests
 * (Chromium and Firefox). Resolves with the URL the server announces.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export async function startTrainingServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin/kp-brev.js'), 'serve', '--training', '--port', '0', '--threads', '1'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, KP_BREV_LANG: '' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the training server did not start')), 30_000);
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /lytter på (http:\/\/\S+)\./.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`the training server stopped (${code}): ${err}`)));
  });
  return { child, url };
}
