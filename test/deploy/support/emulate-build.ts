import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dockerignore, expand, readDockerfile, Stage } from './dockerfile';
import { ROOT } from './repo';

/**
 * Runs the Dockerfile's stages on this machine, without an engine: each stage gets a folder that
 * stands for its root filesystem, COPY copies (from the build context, filtered by .dockerignore,
 * or from an earlier stage's folder), RUN runs in the stage's WORKDIR with its ARG/ENV values, and
 * the base image is this machine's Node. Supports what the Dockerfile uses; anything else fails.
 * Returns the folder of every stage's root filesystem.
 */
export function emulateBuild(workDir: string, buildArgs: Record<string, string>, log: (line: string) => void = () => undefined): Record<string, string> {
  const { globalArgs, stages } = readDockerfile();
  const globals: Record<string, string> = {};
  for (const arg of globalArgs) declareArg(arg.args, globals, buildArgs);
  const roots: Record<string, string> = {};
  stages.forEach((stage, index) => {
    const name = stage.name ?? String(index);
    const root = path.join(workDir, name);
    fs.mkdirSync(root, { recursive: true });
    roots[name] = root;
    runStage(stage, root, roots, globals, buildArgs, log);
  });
  return roots;
}

function declareArg(spec: string, vars: Record<string, string>, buildArgs: Record<string, string>): void {
  const [, name, fallback] = spec.match(/^(\w+)(?:=(.*))?$/)!;
  const value = buildArgs[name] ?? (fallback !== undefined ? expand(fallback, vars) : undefined);
  if (value !== undefined) vars[name] = value;
}

function runStage(stage: Stage, root: string, roots: Record<string, string>, globals: Record<string, string>, buildArgs: Record<string, string>, log: (line: string) => void): void {
  const vars: Record<string, string> = {};
  const env: Record<string, string> = {};
  const base = expand(stage.from, globals);
  if (roots[base]) {
    fs.cpSync(roots[base], root, { recursive: true, verbatimSymlinks: true });
    Object.assign(env, JSON.parse(fs.readFileSync(path.join(roots[base], '.emulated-env.json'), 'utf8')));
  } else if (!/^node:\d+\.\d+\.\d+-/.test(base)) {
    throw new Error(`Only node:<version> base images are emulated, got ${base}`);
  }
  let workdir = '/';
  const inRoot = (p: string) => path.join(root, path.posix.resolve(workdir, p));
  for (const { keyword, args } of stage.instructions) {
    const text = expand(args, { ...env, ...vars });
    switch (keyword) {
      case 'ARG':
        declareArg(args, vars, { ...globals, ...buildArgs });
        break;
      case 'ENV':
        for (const [, key, value] of text.matchAll(/(\w+)=(\S+)/g)) env[key] = value;
        break;
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, text);
        fs.mkdirSync(path.join(root, workdir), { recursive: true });
        break;
      case 'COPY': {
        const parts = text.split(' ').filter((p) => !p.startsWith('--chown'));
        const from = parts[0].startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const [source, target] = parts;
        const destination = inRoot(target);
        if (from) {
          if (!roots[from]) throw new Error(`COPY --from=${from}: no such stage`);
          fs.cpSync(path.join(roots[from], source), destination, { recursive: true, verbatimSymlinks: true });
        } else {
          if (source !== '.') throw new Error(`Only COPY . from the context is emulated, got ${source}`);
          const ignored = dockerignore();
          fs.cpSync(ROOT, destination, { recursive: true, filter: (file) => file === ROOT || !ignored(path.relative(ROOT, file)) });
        }
        log(`COPY ${text}`);
        break;
      }
      case 'RUN':
        log(`RUN ${args}`);
        execFileSync('sh', ['-c', args], {
          cwd: path.join(root, workdir),
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, ...vars },
          stdio: ['ignore', 'pipe', 'pipe'],
          maxBuffer: 64 * 1024 * 1024,
        });
        break;
      default:
        break; // USER, HEALTHCHECK, CMD, EXPOSE, LABEL: metadata, checked by dockerfile.spec.ts.
    }
  }
  fs.writeFileSync(path.join(root, '.emulated-env.json'), JSON.stringify(env));
}
