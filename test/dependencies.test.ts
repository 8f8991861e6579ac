/** A production install (`npm ci --omit=dev`) must start: whatever src/ loads at run time is a dependency. */
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ROOT } from "./helpers/run.ts";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

it("every package src/ imports at run time is listed under dependencies", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const used = new Set<string>();
  for (const file of [
    ...sources(path.join(ROOT, "src")),
    path.join(ROOT, "bin/launch.js"),
    path.join(ROOT, "scripts/build.mjs"),
  ]) {
    const text = fs.readFileSync(file, "utf8");
    // Static and dynamic imports and requires of bare names; type-only imports vanish at run time.
    for (const m of text.matchAll(
      /^(?!import type)[^\n]*?(?:from\s+|import\(\s*|require\(\s*|createRequire\([^)]*\)\(\s*)["']([^"'.][^"']*)["']/gm,
    )) {
      const spec = m[1]!;
      if (spec.startsWith("node:")) continue;
      used.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
    }
  }
  const missing = [...used].filter((name) => !(name in pkg.dependencies)).sort();
  expect(missing).toEqual([]);
  expect(used.size).toBeGreaterThan(10);
});
