/**
 * The layers, checked over the import graph of src/: each folder may import
 * only the folders named for it (README "Architecture"), and no module
 * reaches itself through its imports. Type-only imports count too: a type
 * from a higher layer is still an arrow against it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** What each layer may import besides itself. The top (main.ts, start/) may import anything. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  util: [],
  generated: [],
  domain: ["util"],
  "i18n.ts": ["domain", "util"],
  "logger.ts": ["util"],
  "errors.ts": ["domain", "i18n.ts", "util"],
  channels: ["util", "logger.ts"],
  "config.ts": ["domain", "util", "errors.ts", "channels"],
  store: ["domain", "util", "generated", "errors.ts", "logger.ts"],
  ui: ["domain", "util", "i18n.ts", "channels"],
  import: ["domain", "util", "errors.ts", "store", "logger.ts"],
  reports: ["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "channels", "logger.ts"],
  scheduler: ["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "channels", "logger.ts", "reports"],
  bot: ["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "channels", "logger.ts", "reports", "import"],
  ops: ["store", "util", "logger.ts"],
  "app.ts": ["domain", "util", "i18n.ts", "errors.ts", "store", "config.ts", "logger.ts"],
  cli: [
    ...["domain", "util", "i18n.ts", "errors.ts", "logger.ts", "config.ts", "app.ts"],
    ...["store", "ui", "channels", "reports", "import", "scheduler"],
  ],
};
const TOP = new Set(["main.ts", "start", "demo.ts"]);
/** Outside src/: the locale files, whose keys are a type every layer may name. */
const DATA = new Set([path.join("..", "locales")]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g;

/** Every relative import of every file in src/, as paths relative to src/. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)].map((m) =>
      path.relative(SRC, path.resolve(path.dirname(file), m[1] ?? m[2]!)),
    );
    graph.set(path.relative(SRC, file), targets);
  }
  return graph;
}

const layerOf = (file: string) => file.split(path.sep)[0]!;

describe("architecture", () => {
  const graph = importGraph();

  it("reads the graph (a parser that finds nothing would pass everything)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join("bot", "bot.ts"))).toContain(path.join("bot", "commands.ts"));
  });

  it("every import goes down the layers", () => {
    const against: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      if (TOP.has(from)) continue;
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        against.push(`${file}: its folder has no place in the layers`);
        continue;
      }
      for (const target of targets) {
        const to = layerOf(target);
        if (DATA.has(path.dirname(target))) continue;
        if (to !== from && !allowed.includes(to)) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it("the database is reached only through src/store", () => {
    const QUERY =
      /\b(?:db|tx)\.(?:[a-z]\w*)\.(?:find\w*|create\w*|update\w*|delete\w*|upsert|count|groupBy|aggregate)\(|\$(?:queryRaw|executeRaw|transaction)\w*/g;
    const outside: string[] = [];
    for (const file of graph.keys()) {
      if (layerOf(file) === "store") continue;
      const text = fs.readFileSync(path.join(SRC, file), "utf8");
      for (const m of text.matchAll(QUERY)) outside.push(`${file}: ${m[0]}`);
    }
    expect(outside).toEqual([]);
  });

  it("no module reaches itself through its imports", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
