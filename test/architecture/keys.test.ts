/**
 * Message keys are checked by the compiler (`npm run typecheck`, in CI): the
 * lines marked @ts-expect-error must not compile, or tsc fails on the marker.
 */
import { expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { issue } from "../../src/domain/tables/sheet.ts";
import { outboxKind, type OutboxKind } from "../../src/store/delivery/outbox.ts";

it("a user error or an import issue names a key of locales/vi.json", () => {
  // @ts-expect-error a key the locale file does not have
  const missing = () => UserError.of("import.noSuchMessage");
  // @ts-expect-error a key the locale file does not have
  const alsoMissing = () => issue("roster.noSuchMessage");
  // Plural keys are named by their base, as i18next reads them.
  expect(UserError.of("task.dueIn", { count: 2 }).issues[0]!.key).toBe("task.dueIn");
  expect(typeof missing).toBe("function");
  expect(typeof alsoMissing).toBe("function");
});

it("an outbox row's kind is one of a closed list; a stored kind it does not know is sent as a plain message", () => {
  // @ts-expect-error not an outbox kind
  const wrong: OutboxKind = "reminderX";
  expect(outboxKind("broadcast")).toBe("broadcast");
  expect(outboxKind(wrong)).toBe("notify");
});
