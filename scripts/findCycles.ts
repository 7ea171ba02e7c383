/** An import graph: each module's file name → the files it imports. */
export type ImportGraph = ReadonlyMap<string, Iterable<string>>;

/**
 * Every import cycle in `graph`, each as the modules along it (the first imports the second, …, the last imports
 * the first), starting from its smallest name; sorted. Within each strongly connected group of modules, one shortest
 * cycle is reported per import edge, so every edge that keeps a group tangled shows up in some cycle.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const edges = new Map<string, string[]>();
  for (const [from, to] of graph) edges.set(from, [...new Set(to)].filter((file) => graph.has(file)).sort());
  const cycles = new Map<string, string[]>();
  for (const group of stronglyConnected(edges)) {
    for (const from of group) {
      for (const to of edges.get(from) ?? []) {
        if (!group.has(to)) continue;
        const cycle = [from, ...(from === to ? [] : shortestPath(edges, group, to, from).slice(0, -1))];
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join('\n'), rotated);
      }
    }
  }
  return [...cycles.keys()].sort().map((key) => cycles.get(key)!);
}

/** Tarjan's algorithm: the groups of modules that reach each other (only those that form a cycle). */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: Set<string>[] = [];

  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.add(member);
    } while (member !== node);
    if (group.size > 1 || edges.get(node)?.includes(node)) groups.push(group);
  };

  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** Breadth-first: the shortest path from `from` to `to` inside `group` (both ends included). */
function shortestPath(edges: ReadonlyMap<string, readonly string[]>, group: ReadonlySet<string>, from: string, to: string): string[] {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !previous.has(to); i += 1) {
    for (const next of edges.get(queue[i]!) ?? []) {
      if (!group.has(next) || previous.has(next)) continue;
      previous.set(next, queue[i]!);
      queue.push(next);
    }
  }
  const path = [to];
  for (let node = previous.get(to); node != null; node = previous.get(node)) path.unshift(node);
  return path;
}
