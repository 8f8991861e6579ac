/**
 * Zalo from the admin's terminal: the one-time QR login, and invitations
 * sent to each person's Zalo account found by the roster phone.
 */
import { privateDir } from "../store/db/files.ts";
import fs from "node:fs";
import path from "node:path";
import QRCode from "qrcode";
import type { ZaloApi } from "../channels/zalo/api.ts";
import { loginWithQr, type ZaloCredentials } from "../channels/zalo/session.ts";
import { Pacer } from "../delivery/pacing.ts";
import type { Translate } from "../i18n.ts";
import type { Db } from "../store/db/db.ts";
import { createInvites, linkedPhones } from "../store/people/identities.ts";
import { ZALO_PACE } from "../delivery/paces.ts";

/** Writes the login where only its owner can read it. */
export function saveCredentials(file: string, credentials: ZaloCredentials): void {
  privateDir(path.dirname(file));
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

export async function zaloLogin(input: {
  credentialsFile: string;
  qrPng: string;
  t: Translate;
  err: (line: string) => void;
}): Promise<void> {
  const { t, err } = input;
  const api = await loginWithQr({
    async onQr(code, png) {
      privateDir(path.dirname(input.qrPng));
      // Whoever reads the QR code logs in as the unit's Zalo account.
      fs.writeFileSync(input.qrPng, png, { mode: 0o600 });
      fs.chmodSync(input.qrPng, 0o600);
      err(await QRCode.toString(code, { type: "terminal", small: true }));
      err(t("zalo.scan", { file: input.qrPng }));
    },
    onScanned: () => err(t("zalo.scanned")),
    onCredentials: (credentials) => saveCredentials(input.credentialsFile, credentials),
  });
  api.listener.stop();
  err(t("zalo.saved", { file: input.credentialsFile }));
}

export interface ZaloInviteResult {
  sent: { name: string; phone: string }[];
  notOnZalo: { name: string; phone: string }[];
}

/**
 * Each active person not yet on Zalo gets a single-use code on Zalo, found by
 * their roster phone; replying with it links them. At the personal account's
 * slow pace, since a burst gets the account flagged.
 */
export async function inviteOverZalo(
  db: Db,
  api: ZaloApi,
  input: {
    unitName: string;
    department?: string;
    now: Date;
    ttlDays: number;
    t: Translate;
    sleep?: (ms: number) => Promise<void>;
    pace?: typeof ZALO_PACE;
  },
): Promise<ZaloInviteResult | null> {
  const invites = await createInvites(db, {
    unitName: input.unitName,
    ...(input.department ? { department: input.department } : {}),
    now: input.now,
    ttlDays: input.ttlDays,
  });
  if (invites === null) return null;
  const linked = await linkedPhones(db, "zalo");
  const pacer = new Pacer(input.pace ?? ZALO_PACE);
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const result: ZaloInviteResult = { sent: [], notOnZalo: [] };
  for (const invite of invites.filter((i) => !linked.has(i.phone))) {
    let uid: string;
    try {
      uid = (await api.findUser(`0${invite.phone.replace(/^\+84/, "")}`)).uid;
    } catch {
      result.notOnZalo.push({ name: invite.name, phone: invite.phone });
      continue;
    }
    const wait = pacer.delay(uid, Date.now());
    if (wait > 0) await sleep(wait);
    await api.sendMessage({ msg: input.t("zalo.inviteMessage", { name: invite.name, code: invite.code }) }, uid);
    pacer.sent(uid, Date.now());
    result.sent.push({ name: invite.name, phone: invite.phone });
  }
  return result;
}
