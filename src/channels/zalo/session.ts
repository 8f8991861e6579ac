/**
 * Logging in to the personal Zalo account: from saved credentials (cookie,
 * imei, user agent), or by scanning a QR code once. `checkUpdate: false`
 * matters: otherwise zca-js calls out to the package registry at login.
 */
import { LoginQRCallbackEventType, Zalo, type Credentials } from "zca-js";
import type { ZaloApi } from "./api.ts";

export type { Credentials as ZaloCredentials };

function client(): Zalo {
  return new Zalo({ selfListen: false, checkUpdate: false, logging: false });
}

export async function loginWithCredentials(credentials: Credentials): Promise<ZaloApi> {
  return client().login({ ...credentials, language: credentials.language ?? "vi" });
}

export interface QrLogin {
  /** A new QR code to scan: its text (for a terminal) and its PNG. */
  onQr(code: string, png: Buffer): void | Promise<void>;
  onScanned?(): void;
  /** Keep these: they are the account's keys (cookies). */
  onCredentials(credentials: Credentials): void | Promise<void>;
}

/** Shows QR codes until one is scanned and confirmed (an expired code is renewed, a declined one ends it). */
export async function loginWithQr(handlers: QrLogin): Promise<ZaloApi> {
  return client().loginQR({ language: "vi" }, async (event) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated:
        await handlers.onQr(
          event.data.code,
          Buffer.from(event.data.image.replace(/^data:image\/png;base64,/, ""), "base64"),
        );
        break;
      case LoginQRCallbackEventType.QRCodeExpired:
        event.actions.retry();
        break;
      case LoginQRCallbackEventType.QRCodeScanned:
        handlers.onScanned?.();
        break;
      case LoginQRCallbackEventType.QRCodeDeclined:
        event.actions.abort();
        break;
      case LoginQRCallbackEventType.GotLoginInfo:
        await handlers.onCredentials({
          cookie: event.data.cookie,
          imei: event.data.imei,
          userAgent: event.data.userAgent,
        });
        break;
    }
  });
}
