/**
 * Migrates one template database for the whole run; each test copies it
 * (a file copy costs ~1 ms, `prisma migrate deploy` ~1.3 s).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/store/migrate.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-template-"));
  const file = path.join(dir, "template.db");
  migrate(file);
  project.provide("templateDb", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
