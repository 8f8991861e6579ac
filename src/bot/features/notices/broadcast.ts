/**
 * /tuyentruyen: compose a notice (text, optionally a forwarded photo or
 * document), preview it exactly as people will see it with the recipient
 * count, then send or cancel. /tuyentruyen_thongke: who received and read it.
 */
import { CB } from "../../../ui/callbacks.ts";
import type { Attachment } from "../../../messages/types.ts";
import { displayPhone } from "../../../domain/phone.ts";
import { parseAudience, type Audience } from "../../../domain/audience.ts";
import { clip, fold } from "../../../domain/text.ts";
import { noticeReplies } from "../../../ui/notice.ts";
import {
  broadcastOfUnit,
  broadcastStats,
  latestBroadcastId,
  markLatestRead,
  markRead,
  previewRecipients,
  queueNotice,
  remindUnread,
} from "../../../store/notices/broadcasts.ts";
import { sendingTime } from "../../../store/settings/calendar.ts";
import { z } from "zod";
import { ROLES, SENDERS } from "../../../domain/roles.ts";
import type { ConversationDef, MemberCtx } from "../../context.ts";
import { fetchAttachment } from "../evidence/evidence.ts";
import { mimeOf } from "../../../domain/evidence.ts";
import { whenText } from "../../../ui/format.ts";
import { exampleCode } from "../work/tasks.ts";

const AudienceSchema: z.ZodType<Audience> = z.object({
  departments: z.array(z.string()),
  role: z.enum(ROLES).nullable(),
  wide: z.boolean().optional(),
});
const Draft = z.object({
  audience: AudienceSchema,
  text: z.string(),
  attachment: z
    .object({
      kind: z.enum(["document", "photo"]),
      fileId: z.string(),
      name: z.string().optional(),
      /** The platform the file came through: its id is good there only. */
      channel: z.string().optional(),
    })
    .optional(),
});
type Draft = z.infer<typeof Draft>;

/** The notice's text (and file) after /tuyentruyen: read before anything else, "Hoàn thành…" included. */
export const COMPOSE: ConversationDef<{ audience: Audience }> = {
  kind: "bcCompose",
  schema: z.object({ audience: AudienceSchema }),
  roles: SENDERS,
  textFirst: true,
  text: (ctx, { audience }, text) => composeNotice(ctx, audience, text),
  file: (ctx, { audience }, attachment, caption) => composeNotice(ctx, audience, caption, attachment),
};

/** The notice shown as it will look, waiting for "Gửi" or "Huỷ". */
export const CONFIRM: ConversationDef<Draft> = { kind: "bcConfirm", schema: Draft, roles: SENDERS };

function audienceText(ctx: MemberCtx, a: Audience): string {
  const narrow = a.role
    ? ctx.t("broadcast.audienceRole", { role: ctx.t(`role.${a.role}`) })
    : a.departments.length
      ? a.departments.join("; ")
      : ctx.t("broadcast.audienceAll");
  return a.wide ? ctx.t("broadcast.audienceWide", { audience: narrow }) : narrow;
}

export async function broadcastCommand(ctx: MemberCtx, args: string): Promise<void> {
  const parsed = parseAudience(args);
  if (!parsed.ok) {
    ctx.reply(ctx.t("broadcast.unknownRole", { role: parsed.unknownRole }));
    return;
  }
  const { audience } = parsed;
  // Caught before the text is written, not after.
  const { unknownDepartments } = await previewRecipients(ctx.deps.db, ctx.unit, audience);
  if (unknownDepartments.length) {
    ctx.reply(ctx.t("broadcast.unknownDepartments", { names: unknownDepartments.join("; ") }));
    return;
  }
  await ctx.ask(COMPOSE, { audience });
  ctx.reply({
    kind: "text",
    text: ctx.t("broadcast.askContent", { audience: audienceText(ctx, audience) }),
    buttons: [[{ label: ctx.t("broadcast.cancel"), data: CB.noticeConfirm.build("no") }]],
  });
}

/** The notice's content arrived: show it as it will look, then ask to confirm. */
async function composeNotice(ctx: MemberCtx, audience: Audience, text: string, attachment?: Attachment): Promise<void> {
  if (!text.trim()) {
    ctx.reply(ctx.t("broadcast.needText"));
    return;
  }
  const draft: Draft = {
    audience,
    text: text.trim(),
    ...(attachment
      ? {
          attachment: {
            kind: attachment.kind,
            fileId: attachment.fileId,
            channel: ctx.msg.channel,
            ...(attachment.fileName ? { name: attachment.fileName } : {}),
          },
        }
      : {}),
  };
  const recipients = await previewRecipients(ctx.deps.db, ctx.unit, audience);
  if (recipients.unknownDepartments.length) {
    ctx.reply(ctx.t("broadcast.unknownDepartments", { names: recipients.unknownDepartments.join("; ") }));
    return;
  }
  await ctx.ask(CONFIRM, draft);
  for (const r of noticeReplies({ id: 0, text: draft.text, attachment: draft.attachment ?? null }, ctx.t, false)) {
    // The preview's read button does nothing.
    ctx.reply(r.kind === "text" ? { ...r, buttons: [] } : r);
  }
  // Outside working hours a notice waits for the morning, as reminders do, unless the sender says "gửi ngay".
  const sendAt = await sendingTime(ctx.deps.db, ctx.unit, ctx.deps.settings.tz, ctx.now);
  const when = sendAt ? whenText(ctx.t, sendAt, ctx.deps.settings.tz) : "";
  ctx.reply({
    kind: "text",
    text: [
      ctx.t("broadcast.confirm", {
        audience: audienceText(ctx, audience),
        count: recipients.reachable,
        unreachable: recipients.unreachable.length,
      }),
      ...(recipients.silentUnits.length
        ? [
            ctx.t("broadcast.silentUnits", {
              count: recipients.silentUnits.length,
              units: recipients.silentUnits.join(", "),
            }),
          ]
        : []),
      ...(sendAt ? [ctx.t("broadcast.quietHours", { when })] : []),
      ...(recipients.groups ? [ctx.t("broadcast.groupsToo", { count: recipients.groups })] : []),
    ].join("\n"),
    buttons: [
      ...(recipients.groups
        ? [
            [
              {
                label: ctx.t("broadcast.sendGroups", { count: recipients.groups }),
                data: CB.noticeConfirm.build("grp"),
              },
            ],
          ]
        : []),
      ...(sendAt
        ? [
            [{ label: ctx.t("broadcast.sendAt", { when }), data: CB.noticeConfirm.build("go") }],
            [
              { label: ctx.t("broadcast.sendNow"), data: CB.noticeConfirm.build("now") },
              { label: ctx.t("broadcast.cancel"), data: CB.noticeConfirm.build("no") },
            ],
          ]
        : [
            [
              { label: ctx.t("broadcast.send"), data: CB.noticeConfirm.build("go") },
              { label: ctx.t("broadcast.cancel"), data: CB.noticeConfirm.build("no") },
            ],
          ]),
    ],
  });
}

export async function broadcastButton(ctx: MemberCtx, action: string): Promise<void> {
  const draft = ctx.answering(CONFIRM);
  // "Huỷ" ends the notice while it is being written or waiting to be confirmed; "Gửi" only the latter.
  if (!draft && !(ctx.answering(COMPOSE) && action === "no")) {
    ctx.reply(ctx.t("status.expired", { code: await exampleCode(ctx) }));
    return;
  }
  if (!draft || action === "no") {
    await ctx.forget();
    ctx.reply(ctx.t("broadcast.cancelled"));
    return;
  }
  // The file's bytes, kept with the notice: Zalo's recipients cannot use Telegram's id for it, nor the reverse.
  const attachment = draft.attachment ? await noticeFile(ctx, draft.attachment) : undefined;
  if (attachment === null) return;
  await ctx.forget();
  const r = await queueNotice(ctx.deps.db, {
    unitName: ctx.unit,
    senderId: ctx.member.staffId,
    text: draft.text,
    ...(attachment ? { attachment } : {}),
    audience: draft.audience,
    now: ctx.now,
    tz: ctx.deps.settings.tz,
    sendNow: action === "now",
    toGroups: action === "grp",
  });
  const { notBefore } = r;
  ctx.reply(
    notBefore
      ? ctx.t("broadcast.queuedAt", {
          id: r.id,
          count: r.reachable,
          when: whenText(ctx.t, notBefore, ctx.deps.settings.tz),
        })
      : ctx.t("broadcast.queued", { id: r.id, count: r.reachable }),
  );
  if (r.groups) ctx.reply(ctx.t("broadcast.queuedGroups", { count: r.groups }));
  if (r.unreachable.length)
    ctx.reply(
      [
        ctx.t("broadcast.contactDirectly", { count: r.unreachable.length }),
        ...r.unreachable.map((u) => `• ${u.name} — ${displayPhone(u.phone)}`),
      ].join("\n"),
    );
}

/** The forwarded file fetched from its platform; null, with the reason said and the notice still waiting, when it cannot be. */
async function noticeFile(
  ctx: MemberCtx,
  a: NonNullable<Draft["attachment"]>,
): Promise<(NonNullable<Draft["attachment"]> & { data: Buffer; mime: string }) | null> {
  const name = a.name ?? (a.kind === "photo" ? "anh.jpg" : "tai-lieu");
  const data = await fetchAttachment(ctx, { kind: a.kind, fileId: a.fileId, fileName: name }, name, {
    tooBig: "evidence.tooBig",
    failed: "broadcast.downloadFailed",
    channel: a.channel,
  });
  return data ? { ...a, data, mime: a.kind === "photo" ? "image/jpeg" : mimeOf(name) } : null;
}

/** "đã đọc", "da doc", "đọc rồi" as a reply. */
export function isReadReceipt(text: string): boolean {
  return /^(da doc|doc roi|da xem|da doc roi)$/.test(fold(text).replace(/[.!]+$/, ""));
}

export async function readReply(ctx: MemberCtx): Promise<void> {
  ctx.reply(
    ctx.t(
      (await markLatestRead(ctx.deps.db, ctx.member.staffId, ctx.now)) ? "broadcast.thanks" : "broadcast.nothingToRead",
    ),
  );
}

export async function readButton(ctx: MemberCtx, broadcastId: number): Promise<void> {
  ctx.reply(
    ctx.t(
      (await markRead(ctx.deps.db, broadcastId, ctx.member.staffId, ctx.now))
        ? "broadcast.thanks"
        : "broadcast.alreadyRead",
    ),
  );
}

export async function statsCommand(ctx: MemberCtx, args: string): Promise<void> {
  const id = Number(args) || (await latestBroadcastId(ctx.deps.db, ctx.unit));
  // A head of department sees their own department's people, never the others' names and phones.
  const own = ctx.member.role === "DEPT_HEAD" ? (ctx.member.departmentId ?? -1) : undefined;
  const s =
    id && (await broadcastOfUnit(ctx.deps.db, id, ctx.unit))
      ? await broadcastStats(ctx.deps.db, id, ctx.now, own)
      : null;
  if (!s) {
    ctx.reply(ctx.t("broadcast.none"));
    return;
  }
  const { t } = ctx;
  const lines = [
    t("broadcast.statsTitle", { id: s.id, text: clip(s.text, 60) }),
    ...s.departments.map((d) => t("broadcast.statsLine", { ...d })),
  ];
  if (s.unreadAfterDay.length)
    lines.push(
      "",
      t("broadcast.unread", { count: s.unreadAfterDay.length }),
      ...s.unreadAfterDay.map((u) => `• ${u.name} (${u.department})`),
    );
  if (s.contactDirectly.length)
    lines.push(
      "",
      t("broadcast.contactDirectly", { count: s.contactDirectly.length }),
      ...s.contactDirectly.map((u) => `• ${u.name} — ${displayPhone(u.phone)} (${t(`broadcast.reason.${u.reason}`)})`),
    );
  const canRemind = (ctx.member.role === "ADMIN" || ctx.member.role === "LEADER") && !s.remindedAt;
  ctx.reply({
    kind: "text",
    text: lines.join("\n"),
    ...(canRemind ? { buttons: [[{ label: t("broadcast.remindUnread"), data: CB.noticeRemind.build(s.id) }]] } : {}),
  });
}

export async function remindButton(ctx: MemberCtx, id: number): Promise<void> {
  if (!(await broadcastOfUnit(ctx.deps.db, id, ctx.unit))) {
    ctx.reply(ctx.t("common.unknownButton"));
    return;
  }
  const n = await remindUnread(ctx.deps.db, id, ctx.now);
  ctx.reply(n === null ? ctx.t("broadcast.alreadyReminded") : ctx.t("broadcast.reminded", { count: n }));
}
