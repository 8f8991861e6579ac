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
  /** The neutral message model: what channels decode to and render from, what the bot reads and answers. */
  messages: ["util"],
  channels: ["util", "logger.ts", "messages"],
  "config.ts": ["domain", "util", "errors.ts", "channels"],
  store: ["domain", "util", "generated", "errors.ts", "logger.ts"],
  /** Every send: the platforms' paces, the dispatcher, the outbox sender. */
  delivery: ["domain", "util", "logger.ts", "messages", "store"],
  ui: ["domain", "util", "i18n.ts", "messages"],
  import: ["domain", "util", "errors.ts", "store", "logger.ts"],
  reports: ["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "messages", "logger.ts"],
  scheduler: [
    ...["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "messages", "logger.ts", "reports"],
    "delivery",
  ],
  bot: [
    ...["domain", "util", "i18n.ts", "errors.ts", "store", "ui", "messages", "logger.ts", "reports", "import"],
    "delivery",
  ],
  ops: ["store", "util", "logger.ts"],
  "app.ts": ["domain", "util", "i18n.ts", "errors.ts", "store", "config.ts", "logger.ts"],
  cli: [
    ...["domain", "util", "i18n.ts", "errors.ts", "logger.ts", "config.ts", "app.ts"],
    ...["store", "ui", "messages", "channels", "delivery", "reports", "import", "scheduler"],
  ],
};
const TOP = new Set(["main.ts", "start", "demo"]);
/** Outside src/: the locale files, whose keys are a type every layer may name. */
const DATA = new Set([path.join("..", "locales")]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

/** `import … from "x"`, `export … from "x"`, a side-effect `import "x"`, and `import("x")`. */
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;

/** Every import specifier of a source text, relative or a package, in order. */
export function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** Every relative import of every file in src/, as paths relative to src/. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const targets = specifiers(fs.readFileSync(file, "utf8"))
      .filter((s) => s.startsWith("."))
      .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)));
    graph.set(path.relative(SRC, file), targets);
  }
  return graph;
}

/** The package a bare specifier names: "@prisma/client/runtime" → "@prisma/client". */
const packageOf = (spec: string) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

/** Packages that belong to one room: the platform SDKs to their channel, the database client to the store. */
const ROOMS: { packages: RegExp; room: string }[] = [
  { packages: /^telegraf$/, room: path.join("channels", "telegram") },
  { packages: /^zca-js$/, room: path.join("channels", "zalo") },
  { packages: /^@prisma\/|^prisma$|^pg$|^better-sqlite3$/, room: "store" },
];

/** Each package import that stands outside its room. */
export function packagesOutOfRoom(files: Iterable<[file: string, text: string]>): string[] {
  const out: string[] = [];
  for (const [file, text] of files)
    for (const spec of specifiers(text)) {
      if (spec.startsWith(".") || spec.startsWith("node:")) continue;
      const rule = ROOMS.find((r) => r.packages.test(packageOf(spec)));
      if (rule && !file.startsWith(rule.room + path.sep)) out.push(`${file} → ${spec}`);
    }
  return out;
}

const layerOf = (file: string) => file.split(path.sep)[0]!;

/** Each import that goes up or sideways against MAY_IMPORT, and each file whose folder has no layer. */
function againstLayers(graph: Map<string, string[]>): string[] {
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
  return against;
}

describe("architecture", () => {
  const graph = importGraph();

  it("reads the graph (a parser that finds nothing would pass everything)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join("bot", "bot.ts"))).toContain(path.join("bot", "commands.ts"));
  });

  it("every import goes down the layers", () => {
    expect(againstLayers(graph)).toEqual([]);
  });

  it("the platform SDKs stay in their channel, the database client in the store", () => {
    const files = [...graph.keys()]
      .filter((f) => !TOP.has(layerOf(f)))
      .map((f): [string, string] => [f, fs.readFileSync(path.join(SRC, f), "utf8")]);
    expect(packagesOutOfRoom(files)).toEqual([]);
  });

  it("the checks see side-effect imports and packages out of their room (a scratch file for each)", () => {
    expect(specifiers('import "../bot/bot.ts";\nimport x from "telegraf";\nconst y = await import("zca-js");')).toEqual(
      ["../bot/bot.ts", "telegraf", "zca-js"],
    );
    const sideEffect = new Map([[path.join("store", "scratch.ts"), [path.join("bot", "bot.ts")]]]);
    expect(againstLayers(sideEffect)).toEqual([`${path.join("store", "scratch.ts")} → ${path.join("bot", "bot.ts")}`]);
    const scratch: [string, string][] = [
      [path.join("store", "scratch.ts"), 'import "../bot/bot.ts";\nimport { Telegraf } from "telegraf";'],
      [path.join("bot", "scratch.ts"), 'import { PrismaClient } from "@prisma/client";\nimport "zca-js";'],
      [path.join("channels", "zalo", "ok.ts"), 'import { ThreadType } from "zca-js";'],
    ];
    expect(packagesOutOfRoom(scratch)).toEqual([
      `${path.join("store", "scratch.ts")} → telegraf`,
      `${path.join("bot", "scratch.ts")} → @prisma/client`,
      `${path.join("bot", "scratch.ts")} → zca-js`,
    ]);
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
