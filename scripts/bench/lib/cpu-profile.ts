/**
 * Summarises a V8 .cpuprofile (from cpu-profile-preload.js): where the process spent its CPU, by function
 * (self time) and by area (an npm package, Node's internals, or the repo's own code).
 *
 *   npx tsx scripts/bench/lib/cpu-profile.ts test-artifacts/profiles/gateway-1234.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  label: string;
  ms: number;
  share: number;
}

/** Where a frame's code lives: `npm:<package>`, `node:internal`, `(gc)`-style V8 entries, or the repo path. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return 'node:internal';
  const repo = url.replace(/^file:\/\//, '').match(/\/(gateway|services\/[^/]+|packages\/[^/]+)\//);
  return repo ? `repo:${repo[1]}` : url;
}

function frameLabel({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url ? ` ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where}`;
}

export function summariseProfile(
  profile: CpuProfile,
  top = 20,
): { totalMs: number; functions: ProfileShare[]; areas: ProfileShare[]; inclusive: ProfileShare[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  // Samples taken while the profiler itself stopped and serialised the profile (cpu-profile-preload.js) are not the app's.
  const ownFrames = new Map<number, boolean>();
  const isProfilerOwn = (id: number): boolean => {
    const known = ownFrames.get(id);
    if (known !== undefined) return known;
    const parent = parentOf.get(id);
    const own = byId.get(id)!.callFrame.url.endsWith('cpu-profile-preload.js') || (parent !== undefined && isProfilerOwn(parent));
    ownFrames.set(id, own);
    return own;
  };
  for (const id of [...selfMicros.keys()]) if (isProfilerOwn(id)) selfMicros.delete(id);
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    total += micros;
    const area = areaOf(url, functionName);
    const label = frameLabel({ functionName, url, lineNumber });
    functions.set(label, (functions.get(label) ?? 0) + micros);
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  // Inclusive time of the repo's own functions: every sample counts once for each distinct repo frame on its stack.
  const inclusive = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!areaOf(frame.url, frame.functionName).startsWith('repo:')) continue;
      const label = frameLabel(frame);
      if (seen.has(label)) continue;
      seen.add(label);
      inclusive.set(label, (inclusive.get(label) ?? 0) + micros);
    }
  }
  const ranked = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, micros]) => ({ label, ms: micros / 1000, share: total ? micros / total : 0 }));
  return { totalMs: total / 1000, functions: ranked(functions), areas: ranked(areas), inclusive: ranked(inclusive) };
}

export function profileTable(title: string, rows: ProfileShare[]): string {
  return [`| ${title} | self ms | share |`, '|---|---:|---:|', ...rows.map((r) => `| \`${r.label.replace(/\|/g, '\\|')}\` | ${r.ms.toFixed(0)} | ${(r.share * 100).toFixed(1)} % |`)].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  const topIndex = process.argv.indexOf('--top');
  const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 20;
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), top);
  console.log(`${file}: ${summary.totalMs.toFixed(0)} ms on CPU (idle excluded)\n`);
  console.log(profileTable('area', summary.areas));
  console.log();
  console.log(profileTable('function', summary.functions));
  console.log();
  console.log(profileTable("the repo's functions, inclusive", summary.inclusive).replace('self ms', 'total ms'));
}
