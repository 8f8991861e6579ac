/** How a notice reads on a phone: its file (if any), then its text with a "Đã đọc" button, in the reader's language. */
import type { Reply } from "../messages/types.ts";
import type { Translate } from "../i18n.ts";
import { CB } from "./callbacks.ts";

export interface NoticeContent {
  id: number;
  text: string;
  attachment: { kind: "document" | "photo"; name?: string | null; fileId?: string | null; data?: Buffer | null } | null;
}

export function noticeReplies(content: NoticeContent, t: Translate, reminder: boolean): Reply[] {
  const out: Reply[] = [];
  const a = content.attachment;
  if (a && !reminder) {
    out.push(
      a.kind === "photo"
        ? { kind: "photo", ...(a.fileId ? { fileId: a.fileId } : {}), ...(a.data ? { data: a.data } : {}) }
        : {
            kind: "document",
            fileName: a.name ?? "tai-lieu",
            ...(a.fileId ? { fileId: a.fileId } : {}),
            ...(a.data ? { data: a.data } : {}),
          },
    );
  }
  out.push({
    kind: "text",
    text: `${reminder ? `${t("broadcast.reminderPrefix")}\n\n` : `${t("broadcast.header")}\n\n`}${content.text}`,
    buttons: [[{ label: t("broadcast.readButton"), data: CB.noticeRead.build(content.id) }]],
  });
  return out;
}
