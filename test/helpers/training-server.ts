/**
 * `kp-brev serve --training` in its own process on a free loopback port, for the browser tests
 * (Chromium and Firefox). Resolves with the URL the server announces once it listens (after its
 * render thread has warmed up: on a busy machine that takes a while, so there is no deadline
 * here; the hook's timeout is the guard), or fails with what it wrote if it stops first.
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
    let err = '';
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      // The whole sentence, so that an address cut off between two reads is never taken for it.
      const m = /lytter på (http:\/\/\S+?)\. Stop med/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code, signal) => reject(new Error(`the training server stopped (exit code ${code}, signal ${signal}): ${err}`)));
  });
  return { child, url };
}
