/**
 * The container image (issue 18). What the Dockerfile promises is checked on its text always:
 * two stages, the run stage takes only the built application and the fonts from the build stage
 * and installs nothing, runs as a user that is not root, declares /templates a volume, checks
 * /healthz, and starts Node itself (so SIGTERM reaches the server). Where a container tool with
 * a running engine and the base image are at hand, the image is built and started with a
 * read-only root filesystem, renders a letter, and stops on SIGTERM with exit 0; elsewhere that
 * part is skipped with a notice (KP_BREV_REQUIRE_CONTAINER=1 makes it a failure).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newToken } from '../../src/server/auth.js';
import { openDocx } from '../helpers/inspect.js';
import { needTool } from '../helpers/tools.js';
import { until } from '../helpers/wait.js';

const root = join(import.meta.dirname, '../..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const karen = JSON.parse(readFileSync(join(root, 'samples/sager/np_1004/karen-85-procent.json'), 'utf8')) as Record<string, unknown>;

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Array<{ op: string; args: string }> {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

const all = instructions(dockerfile);
const stages = all.reduce<Array<Array<{ op: string; args: string }>>>(
  (acc, i) => (i.op === 'FROM' ? [...acc, [i]] : (acc.length && acc[acc.length - 1]!.push(i), acc)),
  [],
);
const run = stages[stages.length - 1]!;

describe('the Dockerfile', () => {
  it('has a build stage and a run stage on the same Node image, a Node line engines names', () => {
    expect(stages.length).toBe(2);
    expect(stages[0]![0]!.args).toMatch(/ AS build$/);
    expect(run[0]!.args).toBe(stages[0]![0]!.args.replace(/ AS build$/, ''));
    const image = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfile)?.[1];
    const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toContain(`^${image}.`);
  });

  it('the run stage takes the application and the fonts from the build stage and runs nothing', () => {
    expect(run.filter((i) => i.op === 'RUN')).toEqual([]);
    const copies = run.filter((i) => i.op === 'COPY' || i.op === 'ADD');
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) expect(c.args, c.args).toMatch(/^--from=build /);
    expect(copies.map((c) => c.args.split(/\s+/)[1])).toEqual(expect.arrayContaining(['/app/dist', '/app/node_modules', '/app/fonts', '/app/schemas']));
  });

  it('runs as an unprivileged user, with the templates as a volume, every setting from the environment, a health check and Node as PID 1', () => {
    const user = run.find((i) => i.op === 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(run.find((i) => i.op === 'VOLUME')?.args).toContain('/templates');
    expect(run.find((i) => i.op === 'ENV')?.args).toContain('KP_BREV_TEMPLATES=/templates');
    expect(run.find((i) => i.op === 'HEALTHCHECK')?.args).toMatch(/\/healthz/);
    expect(run.find((i) => i.op === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    // Exec form: no shell between the container's stop signal and the server.
    expect(run.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["node", "bin/kp-brev.js"]');
    expect(run.find((i) => i.op === 'CMD')?.args).toBe('["serve"]');
  });

  it('.dockerignore keeps the tests, the samples, the templates and local builds out of the context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['node_modules', 'dist', 'test', 'templates', 'samples']) expect(ignored).toContain(p);
  });
});

/**
 * The base images the build may start from: KP_BREV_CONTAINER_BASE when set, else the
 * Dockerfile's own (node:24-bookworm-slim from Docker Hub) or the one scripts/container-base.sh
 * makes without Docker Hub (localhost/kp-brev-node:24-bookworm-slim).
 */
const declared = /^ARG NODE_IMAGE=(\S+)/m.exec(dockerfile)![1]!;
const bases = process.env['KP_BREV_CONTAINER_BASE']
  ? [process.env['KP_BREV_CONTAINER_BASE']]
  : [declared, `localhost/kp-brev-node:${/^node:(\d+)-/.exec(declared)![1]}-bookworm-slim`];
/** An image built already (.ci/run builds it once for the suite's runs on every Node line): started, not built. */
const prebuilt = process.env['KP_BREV_CONTAINER_IMAGE'];

/** A container tool (KP_BREV_CONTAINER_TOOL, else docker, else podman) whose engine answers and which has a base image, or why not. */
function containerTool(): { tool: string; base: string } | { missing: string } {
  const tools = process.env['KP_BREV_CONTAINER_TOOL'] ? [process.env['KP_BREV_CONTAINER_TOOL']] : ['docker', 'podman'];
  for (const tool of tools) {
    const info = spawnSync(tool, ['info'], { encoding: 'utf8', timeout: 60_000 });
    if (info.error || info.status !== 0) continue;
    const wanted = prebuilt ? [prebuilt] : bases;
    const base = wanted.find((image) => spawnSync(tool, ['image', 'inspect', image], { encoding: 'utf8', timeout: 60_000 }).status === 0);
    if (!base)
      return {
        missing: prebuilt
          ? `${tool} has no image ${prebuilt} (KP_BREV_CONTAINER_IMAGE)`
          : `${tool} has none of the base images ${wanted.join(', ')} (${tool} pull ${declared}, or scripts/container-base.sh without Docker Hub)`,
      };
    // An engine that answers may still be unable to start a container (podman's defaults on a
    // machine without CAP_SYS_RESOURCE or with hybrid cgroups: docs/operations.md, "Without Docker Hub").
    const probe = spawnSync(tool, ['run', '--rm', '--network', 'none', '--entrypoint', 'true', base], { encoding: 'utf8', timeout: 120_000 });
    if (probe.status !== 0)
      return {
        missing: `${tool} cannot start a container here (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}; see docs/operations.md, "Without Docker Hub", for a containers.conf)`,
      };
    return { tool, base };
  }
  return { missing: `no container tool with a running engine (${tools.join(' or ')})` };
}

const found = containerTool();
const tool = 'tool' in found ? found.tool : undefined;
if (!tool) {
  if (process.env['KP_BREV_REQUIRE_CONTAINER'] === '1') throw new Error(`KP_BREV_REQUIRE_CONTAINER=1 but ${(found as { missing: string }).missing}`);
  console.warn(
    `The container image is not built here: ${(found as { missing: string }).missing}. test/project/container.test.ts checks the Dockerfile's text only.`,
  );
}

/** Runs the container tool; fails with its output when it fails. */
function sh(t: string, args: string[], timeout = 120_000): string {
  const r = spawnSync(t, args, { encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) throw new Error(`${t} ${args.join(' ')}: ${r.error?.message ?? `exit ${r.status}`}\n${(r.stdout + r.stderr).slice(-4000)}`);
  return r.stdout.trim();
}

/** The tool run asynchronously, so that the test's own requests are answered meanwhile. */
function shAsync(t: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(t, args);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe.skipIf(!tool)('the image, built and started', () => {
  const tag = prebuilt ?? `kp-brev:test-${process.pid}`;
  const name = `kp-brev-test-${process.pid}`;
  const t = tool!;
  const base = (found as { base: string }).base;
  afterAll(() => {
    spawnSync(t, ['rm', '-f', name]);
    if (!prebuilt) spawnSync(t, ['image', 'rm', '-f', tag]);
  });

  it('builds, starts read-only as a non-root user, is healthy, renders letters, and stops on SIGTERM with exit 0, finishing the letters in flight', async () => {
    if (!prebuilt) {
      // The image format "docker" keeps HEALTHCHECK (podman's default, OCI, drops it). A CA the
      // machine's Node trusts beyond its own (a TLS-inspecting proxy) is given to npm ci as the
      // build secret the Dockerfile takes.
      const ca = process.env['NODE_EXTRA_CA_CERTS'];
      sh(
        t,
        [
          'build',
          ...(t === 'podman' ? ['--format', 'docker'] : []),
          '--build-arg',
          `NODE_IMAGE=${base}`,
          ...(ca ? ['--secret', `id=ca,src=${ca}`] : []),
          '-t',
          tag,
          root,
        ],
        1_200_000,
      );
    }
    expect(sh(t, ['image', 'inspect', '-f', '{{json .Config.Healthcheck}}', tag])).toContain('/healthz');

    const admin = newToken('drift', { admin: true });
    sh(t, [
      'run',
      '-d',
      '--name',
      name,
      '--read-only',
      '--tmpfs',
      '/tmp',
      '-p',
      '127.0.0.1::8080',
      '-v',
      `${join(root, 'templates')}:/templates:ro`,
      '-e',
      `KP_BREV_CREDENTIALS=${JSON.stringify([admin.credential])}`,
      '-e',
      'KP_BREV_THREADS=1',
      tag,
    ]);
    const port = sh(t, ['port', name, '8080/tcp']).split('\n')[0]!.split(':').pop();
    const url = `http://127.0.0.1:${port}`;
    const running = (): void => {
      if (sh(t, ['inspect', '-f', '{{.State.Running}}', name]) !== 'true') throw new Error(`the container stopped:\n${sh(t, ['logs', name])}`);
    };
    const status = (path: string): Promise<number> =>
      fetch(`${url}${path}`).then(
        (r) => r.status,
        () => 0,
      );
    await until('/healthz', async () => (running(), (await status('/healthz')) === 200));
    // The image's own HEALTHCHECK passes: podman runs it on request, docker on its interval.
    if (t === 'podman') await until("the image's health check", () => spawnSync(t, ['healthcheck', 'run', name]).status === 0);
    else await until("the image's health check", () => sh(t, ['inspect', '-f', '{{.State.Health.Status}}', name]) === 'healthy', { every: 1000 });
    // Ready once the render threads have compiled the letters.
    await until('/readyz', async () => (running(), (await status('/readyz')) === 200));

    // Not root, and nothing outside /tmp can be written.
    expect(sh(t, ['exec', name, 'id', '-u'])).not.toBe('0');
    expect(sh(t, ['inspect', '-f', '{{.HostConfig.ReadonlyRootfs}}', name])).toBe('true');
    const write = spawnSync(t, ['exec', name, 'sh', '-c', 'touch /app/x'], { encoding: 'utf8' });
    expect(write.status).not.toBe(0);
    expect(write.stderr).toContain('Read-only file system');
    expect(spawnSync(t, ['exec', name, 'sh', '-c', 'touch /templates/x'], { encoding: 'utf8' }).status).not.toBe(0);

    const letter = (format: 'pdf' | 'docx'): Promise<Response> =>
      fetch(`${url}/v1/letters`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ template: 'np_1004', context: karen, format }),
      });
    const pdf = await letter('pdf');
    expect(pdf.status).toBe(200);
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-', '-'], { input: pdfBytes, encoding: 'utf8' });
    if (needTool('pdftotext', text.status === 0, 'poppler-utils')) expect(text.stdout).toContain('Kære Karen');
    const docx = await letter('docx');
    expect(docx.status).toBe(200);
    expect(openDocx(new Uint8Array(await docx.arrayBuffer())).texts()).toContain('Kære Karen');

    // SIGTERM while letters are waiting for the one render thread: every one is finished and
    // answered, then the server exits 0. Sixteen letters are kept under way until /readyz shows
    // some waiting (a PDF takes milliseconds: a fixed dozen could all be made between two looks;
    // sixteen stay below the queue's 32, beyond which the server answers 503).
    const inFlight: Array<Promise<{ status: number; head: string }>> = [];
    let underWay = 0;
    const send = (): void => {
      underWay++;
      inFlight.push(
        letter('pdf')
          .then(async (r) => ({
            status: r.status,
            head: Buffer.from(await r.arrayBuffer())
              .subarray(0, 5)
              .toString('latin1'),
          }))
          .finally(() => underWay--),
      );
    };
    await until(
      'letters waiting for the render thread',
      async () => {
        while (underWay < 16) send();
        const r = await fetch(`${url}/readyz`).then(
          (x) => x.json() as Promise<{ pool?: { queued: number } }>,
          () => ({}) as { pool?: { queued: number } },
        );
        return (r.pool?.queued ?? 0) > 0;
      },
      { every: 5 },
    );
    const stop = shAsync(t, ['stop', '-t', '60', name]);
    const answers = await Promise.all(inFlight);
    expect(answers).toEqual(answers.map(() => ({ status: 200, head: '%PDF-' })));
    const stopped = await stop;
    expect(stopped.status, stopped.output).toBe(0);
    expect(sh(t, ['inspect', '-f', '{{.State.ExitCode}}', name])).toBe('0');
    const logs = spawnSync(t, ['logs', name], { encoding: 'utf8' });
    expect(logs.stdout + logs.stderr).toContain('shutting down: finishing requests in flight');
  }, 1_500_000);
});
