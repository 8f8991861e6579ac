/**
 * A unit's reminder and report settings, stored as text (one row per key)
 * and checked here. Defaults follow the plan's practice and Decree
 * 09/2019/NĐ-CP on reporting.
 */
import { z } from "zod";
import { defaultAbbrev, defaultPlace, defaultSuperior } from "./document.ts";
import { DEFAULT_BANDS, parseBands } from "./rating.ts";
import { fold } from "./text.ts";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const dayList = z.string().regex(/^\d{1,3}(,\d{1,3})*$|^$/);
const text = z.string().trim().max(200);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);

export const SETTINGS_SCHEMA = {
  remindAt: hhmm.default("08:00"),
  workStart: hhmm.default("07:30"),
  workEnd: hhmm.default("17:30"),
  /** Calendar days before the due date. */
  beforeDays: dayList.default("7"),
  /** Working days before the due date. */
  beforeWorkingDays: dayList.default("1"),
  onDueDay: z.enum(["true", "false"]).default("true"),
  overdueEveryWorkingDays: z.coerce.number().int().min(0).max(30).default(2),
  /** A recurring task ("Thường xuyên", "Hàng quý") is reminded once per period, this many days before. */
  recurringBeforeDays: z.coerce.number().int().min(0).max(60).default(7),
  escalateHeadAfterWorkingDays: z.coerce.number().int().min(1).max(60).default(2),
  escalateLeadersAfterWorkingDays: z.coerce.number().int().min(1).max(120).default(5),
  weeklyDigestAt: hhmm.default("08:00"),
  weeklyHorizonDays: z.coerce.number().int().min(1).max(60).default(14),
  /** Reports to the superior body: deadline (MM-DD) and the period it covers. */
  reportQ1: monthDay.default("03-12"),
  reportH1: monthDay.default("06-12"),
  reportQ3: monthDay.default("09-12"),
  reportYear: monthDay.default("12-12"),
  /** Data cut-off: each report covers from this day of the previous year to the day before the same day of its month. */
  reportCutoff: monthDay.default("12-15"),
  reportRemindWorkingDaysBefore: z.coerce.number().int().min(0).max(20).default(3),
  /** A Sở's: the day (MM-DD) of the year before that its units' plans for the next year are due. */
  planDue: monthDay.default("12-15"),
  /** A Sở's: days the unit has to answer the appraisal of its self-assessment. */
  appraisalAnswerDays: z.coerce.number().int().min(1).max(30).default(5),
  /** Days before the scoring deadline its heads are reminded of criteria not scored. */
  criteriaRemindDaysBefore: z.coerce.number().int().min(0).max(60).default(7),
  /** A Sở's: the least share of its units inspected in a year (%). */
  inspectionTarget: z.coerce.number().int().min(0).max(100).default(20),
  /** Weight (%) of the on-time rate of the year's tasks in the rating; the rest is the score. */
  ratingOnTimeWeight: z.coerce.number().int().min(0).max(100).default(0),
  /** The year-end rating's bands (xếp loại), each a name and the least share of the maximum: domain/rating.ts. */
  ratingBands: z
    .string()
    .trim()
    .max(200)
    .refine((v) => parseBands(v) !== null)
    .default(DEFAULT_BANDS),
  /** What the report file says: the unit's name as printed, the body above it, whom it goes to, where, signed by whom. */
  unitDisplayName: text.default(""),
  /** The governing line above the unit's name; empty: its parent unit, or for a Sở "UBND tỉnh …" (domain/document.ts). */
  superiorBody: text.default(""),
  /** "Kính gửi" (several with ";"); empty: the body above. A Sở writes "UBND tỉnh Lai Châu; Sở Nội vụ". */
  addressees: text.default(""),
  /** The number symbol after "/BC-"; empty: made from the unit's own name ("TTYT", "SYT", "TTBTXH"). */
  unitAbbrev: z
    .string()
    .trim()
    .max(20)
    .regex(/^[\p{L}\d-]*$/u)
    .default(""),
  /** Where the document is dated; empty: the place in the unit's name ("… khu vực Yên Bái"). */
  place: text.default(""),
  leaderTitle: text.default("Giám đốc"),
  /** Set when a deputy signs for the head ("Phó Giám đốc"): the block reads "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC". */
  deputyTitle: text.default(""),
  leaderName: text.default(""),
} as const;

export interface DocumentSettings {
  unitDisplayName: string;
  superiorBody: string;
  addressees: string[];
  unitAbbrev: string;
  place: string;
  leaderTitle: string;
  deputyTitle: string;
  leaderName: string;
}

/** The document's settings, each left empty made from the unit's own name and place in the tree. */
export function documentSettings(
  stored: Record<string, string>,
  unit: { name: string; parentName: string | null },
): DocumentSettings {
  const r = rawSettings(stored);
  const name = r.unitDisplayName || unit.name;
  const superiorBody = r.superiorBody || defaultSuperior(name, unit.parentName);
  const addressees = r.addressees
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean);
  return {
    unitDisplayName: r.unitDisplayName,
    superiorBody,
    addressees: addressees.length ? addressees : [superiorBody],
    unitAbbrev: r.unitAbbrev || defaultAbbrev(name),
    place: r.place || defaultPlace(name) || defaultPlace(superiorBody),
    leaderTitle: r.leaderTitle,
    deputyTitle: r.deputyTitle,
    leaderName: r.leaderName,
  };
}

export type SettingKey = keyof typeof SETTINGS_SCHEMA;
export const SETTING_KEYS = Object.keys(SETTINGS_SCHEMA) as SettingKey[];
const Schema = z.object(SETTINGS_SCHEMA);
export type RawSettings = z.output<typeof Schema>;

export interface ReminderSettings {
  remindAt: string;
  workStart: string;
  workEnd: string;
  beforeDays: number[];
  beforeWorkingDays: number[];
  onDueDay: boolean;
  overdueEveryWorkingDays: number;
  recurringBeforeDays: number;
  escalateHeadAfterWorkingDays: number;
  escalateLeadersAfterWorkingDays: number;
  weeklyDigestAt: string;
  weeklyHorizonDays: number;
  reports: { period: "Q1" | "H1" | "Q3" | "Y"; deadline: string }[];
  reportCutoff: string;
  reportRemindWorkingDaysBefore: number;
  planDue: string;
}

const list = (s: string) => (s ? s.split(",").map(Number) : []);

/** Stored rows to settings; a bad stored value falls back to its default rather than stopping reminders. */
export function readSettings(stored: Record<string, string>): ReminderSettings {
  const clean: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    if (stored[key] !== undefined && SETTINGS_SCHEMA[key].safeParse(stored[key]).success) clean[key] = stored[key];
  }
  const r = Schema.parse(clean);
  return {
    remindAt: r.remindAt,
    workStart: r.workStart,
    workEnd: r.workEnd,
    beforeDays: list(r.beforeDays),
    beforeWorkingDays: list(r.beforeWorkingDays),
    onDueDay: r.onDueDay === "true",
    overdueEveryWorkingDays: r.overdueEveryWorkingDays,
    recurringBeforeDays: r.recurringBeforeDays,
    escalateHeadAfterWorkingDays: r.escalateHeadAfterWorkingDays,
    escalateLeadersAfterWorkingDays: r.escalateLeadersAfterWorkingDays,
    weeklyDigestAt: r.weeklyDigestAt,
    weeklyHorizonDays: r.weeklyHorizonDays,
    reports: [
      { period: "Q1", deadline: r.reportQ1 },
      { period: "H1", deadline: r.reportH1 },
      { period: "Q3", deadline: r.reportQ3 },
      { period: "Y", deadline: r.reportYear },
    ],
    reportCutoff: r.reportCutoff,
    reportRemindWorkingDaysBefore: r.reportRemindWorkingDaysBefore,
    planDue: r.planDue,
  };
}

/** What kind of value each setting takes: how it is read from a person and how it is shown back. */
export type SettingFormat =
  | { kind: "time" }
  | { kind: "days" }
  | { kind: "yesNo" }
  | { kind: "number"; min: number; max: number }
  | { kind: "dayMonth" }
  | { kind: "text" };

export const SETTING_FORMATS: Record<SettingKey, SettingFormat> = {
  remindAt: { kind: "time" },
  workStart: { kind: "time" },
  workEnd: { kind: "time" },
  beforeDays: { kind: "days" },
  beforeWorkingDays: { kind: "days" },
  onDueDay: { kind: "yesNo" },
  overdueEveryWorkingDays: { kind: "number", min: 0, max: 30 },
  recurringBeforeDays: { kind: "number", min: 0, max: 60 },
  escalateHeadAfterWorkingDays: { kind: "number", min: 1, max: 60 },
  escalateLeadersAfterWorkingDays: { kind: "number", min: 1, max: 120 },
  weeklyDigestAt: { kind: "time" },
  weeklyHorizonDays: { kind: "number", min: 1, max: 60 },
  reportQ1: { kind: "dayMonth" },
  reportH1: { kind: "dayMonth" },
  reportQ3: { kind: "dayMonth" },
  reportYear: { kind: "dayMonth" },
  reportCutoff: { kind: "dayMonth" },
  reportRemindWorkingDaysBefore: { kind: "number", min: 0, max: 20 },
  planDue: { kind: "dayMonth" },
  appraisalAnswerDays: { kind: "number", min: 1, max: 30 },
  criteriaRemindDaysBefore: { kind: "number", min: 0, max: 60 },
  inspectionTarget: { kind: "number", min: 0, max: 100 },
  ratingOnTimeWeight: { kind: "number", min: 0, max: 100 },
  ratingBands: { kind: "text" },
  unitDisplayName: { kind: "text" },
  superiorBody: { kind: "text" },
  addressees: { kind: "text" },
  unitAbbrev: { kind: "text" },
  place: { kind: "text" },
  leaderTitle: { kind: "text" },
  deputyTitle: { kind: "text" },
  leaderName: { kind: "text" },
};

/** A value as a person types it ("7h30", "12/03", "có") in the stored form ("07:30", "03-12", "true"). */
function fromPerson(format: SettingFormat, raw: string): string {
  const v = raw.trim();
  switch (format.kind) {
    case "time": {
      const m = /^(\d{1,2})\s*(?:[:hg.]|giờ)\s*(\d{2})?\s*(?:phút)?$/i.exec(v);
      return m ? `${m[1]!.padStart(2, "0")}:${m[2] ?? "00"}` : v;
    }
    case "dayMonth": {
      const m = /^(\d{1,2})\s*\/\s*(\d{1,2})$/.exec(v);
      return m ? `${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : v;
    }
    case "yesNo": {
      const f = fold(v);
      if (/^(co|bat|yes|true|1)$/.test(f)) return "true";
      if (/^(khong|tat|no|false|0)$/.test(f)) return "false";
      return v;
    }
    case "days":
      return v.replace(/\s*[,;]\s*/g, ",").replace(/\s+/g, ",");
    default:
      return v;
  }
}

/** A stored value as a person reads it: "03-12" → "12/03", "true" → yes. */
export function toPerson(key: SettingKey, stored: string): { value: string; yesNo?: boolean } {
  const format = SETTING_FORMATS[key];
  if (format.kind === "dayMonth") return { value: stored.split("-").reverse().join("/") };
  if (format.kind === "yesNo") return { value: stored, yesNo: stored === "true" };
  return { value: stored };
}

export type SettingCheck =
  | { ok: true; value: string }
  | {
      ok: false;
      reason: "badValue" | "unknownKey" | "outsideHours" | "endBeforeStart";
      params: Record<string, string>;
    };

/** The key as typed, any case: "remindat" → "remindAt". */
export function settingKey(typed: string): SettingKey | null {
  return SETTING_KEYS.find((k) => k.toLowerCase() === typed.trim().toLowerCase()) ?? null;
}

/**
 * Checks one value before it is stored, against its format and against the
 * other settings: a reminder at 06:00 when work starts at 07:30 would only
 * ever wait for 07:30, so it is refused with that reason.
 */
export function checkSetting(typedKey: string, raw: string, current: Record<string, string> = {}): SettingCheck {
  const key = settingKey(typedKey);
  if (!key) return { ok: false, reason: "unknownKey", params: { key: typedKey } };
  const parsed = SETTINGS_SCHEMA[key].safeParse(fromPerson(SETTING_FORMATS[key], raw));
  if (!parsed.success) return { ok: false, reason: "badValue", params: { key, value: raw } };
  const value = String(parsed.data);
  const all = { ...rawSettings(current), [key]: value } as Record<SettingKey, string>;
  if (all.workStart >= all.workEnd)
    return { ok: false, reason: "endBeforeStart", params: { start: all.workStart, end: all.workEnd } };
  for (const k of ["remindAt", "weeklyDigestAt"] as const) {
    if ((key === k || key === "workStart" || key === "workEnd") && (all[k] < all.workStart || all[k] >= all.workEnd)) {
      return {
        ok: false,
        reason: "outsideHours",
        params: { key: k, value: all[k], start: all.workStart, end: all.workEnd },
      };
    }
  }
  return { ok: true, value };
}

/** Every key with its stored value or default, for showing. */
export function rawSettings(stored: Record<string, string>): Record<SettingKey, string> {
  const clean: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    clean[key] =
      stored[key] !== undefined && SETTINGS_SCHEMA[key].safeParse(stored[key]).success
        ? stored[key]
        : String(SETTINGS_SCHEMA[key].parse(undefined));
  }
  return clean as Record<SettingKey, string>;
}

export interface EvaluationSettings {
  appraisalAnswerDays: number;
  criteriaRemindDaysBefore: number;
  inspectionTarget: number;
  ratingOnTimeWeight: number;
}

/** The year's close: appraisal, scoring reminders, inspections, rating, as numbers. */
export function evaluationSettings(stored: Record<string, string>): EvaluationSettings {
  const r = rawSettings(stored);
  return {
    appraisalAnswerDays: Number(r.appraisalAnswerDays),
    criteriaRemindDaysBefore: Number(r.criteriaRemindDaysBefore),
    inspectionTarget: Number(r.inspectionTarget),
    ratingOnTimeWeight: Number(r.ratingOnTimeWeight),
  };
}
