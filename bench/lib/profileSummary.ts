/**
 * Summaries of what the DevTools protocol returns for a page: a CPU profile's self time by package or client
 * folder and by function (modules found through the `// <path>` comments of an unminified build), and a
 * heap snapshot's objects grouped by constructor.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

/** Which module each line of a bundle belongs to, from the comment the bundler puts before each module. */
export function moduleRegions(bundle: string): (line: number) => string {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const match = /^\/\/(?:#region)? (\S+\.[cm]?[jt]sx?)$/.exec(text);
    if (match) starts.push({ line, module: match[1]!.trim() });
  });
  return (line) => {
    let found = '(bundle)';
    for (const start of starts) {
      if (start.line > line) break;
      found = start.module;
    }
    return found;
  };
}

/** A package name (`react-dom`, `@dnd-kit/core`) or a client folder (`client/board`). */
export function groupOf(module: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (pkg) return pkg[1]!;
  const own = /^(client|shared)\/([^/]+)\//.exec(module);
  return own ? `${own[1]}/${own[2]}` : module;
}

export interface CpuSummary {
  totalMs: number;
  byGroup: [string, number][];
  byFunction: [string, number][];
}

/** Self time (ms) by group and by function; `bundleLines(url)` maps a script's lines to modules. */
export function summariseCpu(profile: CpuProfile, bundleLines: (url: string) => ((line: number) => string) | null) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = nodes.get(id)!.callFrame;
    const lines = frame.url ? bundleLines(frame.url) : null;
    const module = lines ? lines(frame.lineNumber) : frame.url ? frame.url.replace(/^.*\//, '') : frame.functionName;
    const group = lines ? groupOf(module) : module || '(native)';
    const name = `${frame.functionName || '(anonymous)'} — ${module || '(native)'}`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    totalMs += ms;
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs, byGroup: sorted(byGroup), byFunction: sorted(byFunction) } satisfies CpuSummary;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  name: string;
  count: number;
  selfMb: number;
}

/** The snapshot's objects by constructor (objects) or by kind (strings, arrays, code…), largest first. */
export function summariseHeap(snapshot: HeapSnapshot): { totalMb: number; groups: HeapGroup[] } {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const size = snapshot.nodes[i + sizeAt]!;
    const name = type === 'object' || type === 'native' ? snapshot.strings[snapshot.nodes[i + nameAt]!]! : `(${type})`;
    const group = groups.get(name) ?? { name, count: 0, selfMb: 0 };
    group.count++;
    group.selfMb += size / 1024 / 1024;
    groups.set(name, group);
    total += size;
  }
  return { totalMb: total / 1024 / 1024, groups: [...groups.values()].sort((a, b) => b.selfMb - a.selfMb) };
}
