import type { ImportIssue } from "./domain/tables/sheet.ts";
import type { Translate } from "./i18n.ts";
import type { MessageKey } from "./util/message-key.ts";

/**
 * Something the user can fix (a bad file, a bad setting, an unknown phone):
 * carries locale keys, never English text, so each surface prints it in the
 * reader's language. Anything else that is thrown is a bug.
 */
export class UserError extends Error {
  constructor(readonly issues: readonly ImportIssue[]) {
    super(issues.map((i) => `${i.key} ${JSON.stringify(i.params)}`).join("; "));
    this.name = "UserError";
  }

  static of(key: MessageKey, params: Record<string, string | number> = {}): UserError {
    return new UserError([{ key, params }]);
  }

  render(t: Translate): string[] {
    return this.issues.map((i) => t(i.key, i.params));
  }
}
