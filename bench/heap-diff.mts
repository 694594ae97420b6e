/**
 * What grew between two heap snapshots (from BENCH_HEAP_SNAPSHOT_AT=N,M, or any .heapsnapshot):
 *   npx tsx bench/heap-diff.mts before.heapsnapshot after.heapsnapshot [rows]
 * Prints object counts and self sizes by constructor for both, the biggest growers, and for each grower the
 * retainer paths (shortest path from the GC roots) that most of its objects in the second snapshot hang from.
 * The number arrays are read straight from the file, so snapshots larger than V8's longest string still load.
 */
import { openSync, readSync, fstatSync, closeSync } from "node:fs";

export interface Snapshot {
  nodeFieldCount: number;
  nodes: Float64Array;
  edges: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  fields: Record<string, number>;
  edgeFields: Record<string, number>;
  edgeFieldCount: number;
}

function readAll(path: string): Buffer {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  const buffer = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) read += readSync(fd, buffer, read, size - read, read);
  closeSync(fd);
  return buffer;
}

/** The numbers of a `"key":[…]` array, scanned from the bytes. */
function numbersAfter(buffer: Buffer, key: string, count: number, into: Float64Array | Uint32Array) {
  let at = buffer.indexOf(`"${key}":[`);
  if (at < 0) throw new Error(`no ${key} in snapshot`);
  at += key.length + 4;
  let n = 0;
  let value = 0;
  let inNumber = false;
  for (; n < count; at++) {
    const c = buffer[at]!;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      inNumber = true;
    } else if (inNumber) {
      into[n++] = value;
      value = 0;
      inNumber = false;
    }
  }
}

export function load(path: string): Snapshot {
  const buffer = readAll(path);
  const metaEnd = buffer.indexOf('"nodes":[');
  const head = buffer.subarray(0, metaEnd).toString("utf8").replace(/,\s*$/, "}");
  const { snapshot } = JSON.parse(head) as {
    snapshot: {
      meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
      node_count: number;
      edge_count: number;
    };
  };
  const meta = snapshot.meta;
  const nodeFieldCount = meta.node_fields.length;
  const edgeFieldCount = meta.edge_fields.length;
  const nodes = new Float64Array(snapshot.node_count * nodeFieldCount);
  numbersAfter(buffer, "nodes", nodes.length, nodes);
  const edges = new Uint32Array(snapshot.edge_count * edgeFieldCount);
  numbersAfter(buffer, "edges", edges.length, edges);
  const stringsAt = buffer.lastIndexOf('"strings":[');
  const strings = JSON.parse(`{${buffer.subarray(stringsAt).toString("utf8").replace(/}\s*$/, "")}}`).strings as string[];
  return {
    nodeFieldCount,
    nodes,
    edges,
    strings,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    fields: Object.fromEntries(meta.node_fields.map((name, i) => [name, i])),
    edgeFields: Object.fromEntries(meta.edge_fields.map((name, i) => [name, i])),
    edgeFieldCount,
  };
}

export function labelOf(s: Snapshot, node: number): string {
  const base = node * s.nodeFieldCount;
  const type = s.nodeTypes[s.nodes[base + s.fields.type!]!]!;
  const name = s.strings[s.nodes[base + s.fields.name!]!]!;
  if (type === "object" || type === "native") return name.length > 60 ? `${name.slice(0, 60)}…` : name;
  if (type === "closure") return `(closure ${name || "anonymous"})`;
  return `(${type})`;
}

function summarise(s: Snapshot) {
  const byLabel = new Map<string, { count: number; size: number }>();
  const count = s.nodes.length / s.nodeFieldCount;
  for (let node = 0; node < count; node++) {
    const label = labelOf(s, node);
    const entry = byLabel.get(label) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += s.nodes[node * s.nodeFieldCount + s.fields.self_size!]!;
    byLabel.set(label, entry);
  }
  return byLabel;
}

/** Shortest retainer path from the root to every node (BFS over strong edges), as each node's parent and edge. */
export function retainers(s: Snapshot) {
  const count = s.nodes.length / s.nodeFieldCount;
  const parent = new Int32Array(count).fill(-1);
  const viaEdge = new Int32Array(count).fill(-1);
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0, edge = 0; node < count; node++) {
    firstEdge[node] = edge;
    edge += s.nodes[node * s.nodeFieldCount + s.fields.edge_count!]! * s.edgeFieldCount;
  }
  firstEdge[count] = s.edges.length;
  const weak = s.edgeTypes.indexOf("weak");
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const node = queue[head++]!;
    for (let edge = firstEdge[node]!; edge < firstEdge[node + 1]!; edge += s.edgeFieldCount) {
      if (s.edges[edge + s.edgeFields.type!] === weak) continue;
      const to = s.edges[edge + s.edgeFields.to_node!]! / s.nodeFieldCount;
      if (parent[to] !== -1) continue;
      parent[to] = node;
      viaEdge[to] = edge;
      queue[tail++] = to;
    }
  }
  const edgeName = (edge: number) => {
    const type = s.edgeTypes[s.edges[edge + s.edgeFields.type!]!]!;
    const nameOrIndex = s.edges[edge + s.edgeFields.name_or_index!]!;
    return type === "element" || type === "hidden" ? "[]" : String(s.strings[nameOrIndex]);
  };
  return (node: number, depth = 12): string => {
    const steps: string[] = [];
    for (let at = node; at !== 0 && parent[at] !== -1 && steps.length < depth; at = parent[at]!) {
      steps.push(`${labelOf(s, parent[at]!)}.${edgeName(viaEdge[at]!)}`);
    }
    return parent[node] === -1 ? "(unreachable)" : steps.reverse().join(" → ");
  };
}

function main() {
  const [beforePath, afterPath, rowsArg] = process.argv.slice(2);
  if (!beforePath || !afterPath) throw new Error("usage: npx tsx bench/heap-diff.mts before.heapsnapshot after.heapsnapshot [rows]");
  const rows = Number(rowsArg ?? 25);
  const before = load(beforePath);
  const beforeSummary = summarise(before);
  const after = load(afterPath);
  const afterSummary = summarise(after);
  const mb = (bytes: number) => Math.round(bytes / 10485.76) / 100;
  const total = (summary: Map<string, { size: number }>) => [...summary.values()].reduce((sum, entry) => sum + entry.size, 0);
  console.log(`self size: ${mb(total(beforeSummary))} MB → ${mb(total(afterSummary))} MB`);

  const growers = [...afterSummary]
    .map(([label, entry]) => {
      const was = beforeSummary.get(label) ?? { count: 0, size: 0 };
      return {
        label,
        countBefore: was.count,
        countAfter: entry.count,
        mbBefore: mb(was.size),
        mbAfter: mb(entry.size),
        growthMb: mb(entry.size - was.size),
        growth: entry.size - was.size,
      };
    })
    // HEAP_DIFF_SORT=count: the constructors whose number of objects grew most (one per request leaked shows here)
    .sort((a, b) => (process.env.HEAP_DIFF_SORT === "count" ? b.countAfter - b.countBefore - (a.countAfter - a.countBefore) : b.growth - a.growth))
    .slice(0, rows);
  console.table(growers.map(({ growth: _growth, ...row }) => row));

  // For the biggest growers: which retainer paths hold most of their objects in the second snapshot
  const pathOf = retainers(after);
  const nodeCount = after.nodes.length / after.nodeFieldCount;
  // HEAP_DIFF_LABELS="ServerResponse,Socket" looks at those constructors' paths instead of the top growers
  const chosen = process.env.HEAP_DIFF_LABELS?.split(",").map((label) => growers.find((grower) => grower.label === label) ?? { label, growthMb: "?" });
  const depth = Number(process.env.HEAP_DIFF_DEPTH ?? 12);
  for (const grower of chosen ?? growers.slice(0, Number(process.env.HEAP_DIFF_PATHS ?? 6))) {
    const paths = new Map<string, { count: number; size: number }>();
    for (let node = 0; node < nodeCount; node++) {
      if (labelOf(after, node) !== grower.label) continue;
      const path = pathOf(node, depth);
      const entry = paths.get(path) ?? { count: 0, size: 0 };
      entry.count += 1;
      entry.size += after.nodes[node * after.nodeFieldCount + after.fields.self_size!]!;
      paths.set(path, entry);
    }
    console.log(`\n${grower.label} (+${grower.growthMb} MB): commonest retainer paths`);
    for (const [path, entry] of [...paths].sort((a, b) => b[1].count - a[1].count).slice(0, Number(process.env.HEAP_DIFF_TOP ?? 3))) {
      console.log(`  ${entry.count} objects, ${mb(entry.size)} MB: ${path}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
