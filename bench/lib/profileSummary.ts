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
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
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
  /** Our own functions (client/, shared/) with the time spent in them and everything they called. */
  ownInclusive: [string, number][];
}

/** Self time (ms) by group and by function; `bundleLines(url)` maps a script's lines to modules. */
export function summariseCpu(profile: CpuProfile, bundleLines: (url: string) => ((line: number) => string) | null) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const described = new Map<number, { module: string; group: string; name: string }>();
  const describe = (id: number) => {
    const known = described.get(id);
    if (known) return known;
    const frame = nodes.get(id)!.callFrame;
    const lines = frame.url ? bundleLines(frame.url) : null;
    const module = lines ? lines(frame.lineNumber) : frame.url ? frame.url.replace(/^.*\//, '') : frame.functionName;
    const group = lines ? groupOf(module) : module || '(native)';
    const found = { module, group, name: `${frame.functionName || '(anonymous)'} — ${module || '(native)'}` };
    described.set(id, found);
    return found;
  };
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const { group, name } = describe(id);
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    totalMs += ms;
    // Each of our functions on this stack gets the time once, however deep it recurses.
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = describe(at);
      if (/^(client|shared)\//.test(frame.module)) onStack.add(frame.name);
    }
    for (const own of onStack) ownInclusive.set(own, (ownInclusive.get(own) ?? 0) + ms);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs,
    byGroup: sorted(byGroup),
    byFunction: sorted(byFunction),
    ownInclusive: sorted(ownInclusive),
  } satisfies CpuSummary;
}

interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapGroup {
  name: string;
  count: number;
  selfMb: number;
}

export interface HeapSummary {
  totalMb: number;
  /** Objects by constructor (or by kind: strings, arrays, code…). */
  groups: HeapGroup[];
  /** Plain objects (`Object`) by their first property names: React hooks, effects, props, Yjs structures… */
  objectShapes: HeapGroup[];
  /** Closures by function name: callbacks and subscriptions kept per component. */
  closures: HeapGroup[];
}

function add(groups: Map<string, HeapGroup>, name: string, bytes: number) {
  const group = groups.get(name) ?? { name, count: 0, selfMb: 0 };
  group.count++;
  group.selfMb += bytes / 1024 / 1024;
  groups.set(name, group);
}

const largestFirst = (groups: Map<string, HeapGroup>) => [...groups.values()].sort((a, b) => b.selfMb - a.selfMb);

/** A heap snapshot (the DevTools protocol's JSON) summarised by constructor, object shape and closure name. */
export function summariseHeap(snapshot: HeapSnapshot): HeapSummary {
  const { meta } = snapshot.snapshot;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const width = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((field) =>
    meta.node_fields.indexOf(field),
  ) as [number, number, number, number];
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const property = edgeTypes.indexOf('property');
  const groups = new Map<string, HeapGroup>();
  const objectShapes = new Map<string, HeapGroup>();
  const closures = new Map<string, HeapGroup>();
  let total = 0;
  let edge = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = nodeTypes[snapshot.nodes[i + typeAt]!]!;
    const size = snapshot.nodes[i + sizeAt]!;
    const edges = snapshot.nodes[i + edgeCountAt]!;
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
    add(groups, type === 'object' || type === 'native' ? name : `(${type})`, size);
    if (type === 'closure') add(closures, name || '(anonymous)', size);
    if (type === 'object' && name === 'Object') {
      const keys: string[] = [];
      for (let e = edge; e < edge + edges * edgeWidth && keys.length < 5; e += edgeWidth) {
        if (snapshot.edges[e + edgeTypeAt] === property) keys.push(snapshot.strings[snapshot.edges[e + edgeNameAt]!]!);
      }
      add(objectShapes, `{${keys.join(', ')}${keys.length === 5 ? ', …' : ''}}`, size);
    }
    edge += edges * edgeWidth;
    total += size;
  }
  return {
    totalMb: total / 1024 / 1024,
    groups: largestFirst(groups),
    objectShapes: largestFirst(objectShapes),
    closures: largestFirst(closures),
  };
}
