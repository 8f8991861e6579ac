/**
 * Every key of the Vietnamese locale file, as a type: a message the user is
 * shown through an error or an import issue names one of these, so a key
 * missing from locales/vi.json does not compile. Plural forms ("_one",
 * "_other") count as their base key, as i18next reads them.
 */
import type vi from "../../locales/vi.json";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type Singular<K extends string> = K extends `${infer Base}_${"zero" | "one" | "two" | "few" | "many" | "other"}`
  ? Base
  : K;

export type MessageKey = Singular<Leaves<typeof vi>>;
