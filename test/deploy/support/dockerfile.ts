import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './repo';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

/** Dockerfile instructions (comments dropped, `\` continuations joined) grouped by stage. */
export function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = line.match(/^(\S+)\s*(.*)$/)!;
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [, from, name] = instruction.args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i)!;
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0) globalArgs.push(instruction);
    else stages[stages.length - 1].instructions.push(instruction);
  }
  return { globalArgs, stages };
}

export function readDockerfile() {
  return parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
}

/** `${NAME}` / `$NAME` replaced from `vars` (ARG and ENV values in scope). */
export function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, a, b) => vars[a ?? b] ?? whole);
}

/** Patterns of .dockerignore as a predicate over context-relative paths (the subset Docker's matcher needs here). */
export function dockerignore(): (relative: string) => boolean {
  const rules = fs
    .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((pattern) => {
      const negate = pattern.startsWith('!');
      const glob = negate ? pattern.slice(1) : pattern;
      const source = glob
        .split('/')
        .map((part) => (part === '**' ? '(?:.*/)?' : `${part.replace(/[.+^$()|[\]{}]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
        .join('');
      return { negate, regex: new RegExp(`^${source}`) };
    });
  return (relative) => {
    let ignored = false;
    for (const rule of rules) if (rule.regex.test(`${relative}/`)) ignored = !rule.negate;
    return ignored;
  };
}
