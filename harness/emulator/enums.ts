import type { Realm } from "./realm.ts";

/**
 * Apps Script enums as the platform hands them out: objects, not strings. `String(v)`, `v.name()`
 * and `v == "PROJECT"` give the name, but `v === "PROJECT"` is false, exactly as in Apps Script,
 * so code comparing an enum to a string literal fails here too. Each value is one object per
 * execution, so `md.getVisibility() === SpreadsheetApp.DeveloperMetadataVisibility.PROJECT` holds,
 * and overloads that take an enum or a string (addDeveloperMetadata) can tell them apart.
 */

interface EnumIdentity {
  type: string;
  name: string;
}

const byRealm = new WeakMap<Realm, Map<string, Record<string, object>>>();
const identities = new WeakMap<object, EnumIdentity>();

function newValue(realm: Realm, type: string, name: string, ordinal: number): object {
  const value = realm.newObject();
  const define = (key: string, result: unknown) =>
    Object.defineProperty(value, key, {
      value: realm.method(key, () => result),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  define("toString", name);
  define("name", name);
  define("ordinal", ordinal);
  identities.set(value, { type, name });
  return value;
}

/** The enum `type` of this execution (e.g. SpreadsheetApp.DeveloperMetadataVisibility), made once per realm. */
export function enumOf(realm: Realm, type: string, names: readonly string[]): Record<string, object> {
  let types = byRealm.get(realm);
  if (!types) {
    types = new Map();
    byRealm.set(realm, types);
  }
  let values = types.get(type);
  if (!values) {
    const container = realm.newObject() as Record<string, object>;
    names.forEach((name, ordinal) => {
      container[name] = newValue(realm, type, name, ordinal);
    });
    values = container;
    types.set(type, values);
  }
  return values;
}

/** The name of an enum value of `type`, or undefined when `value` is anything else (a string included). */
export function enumName(value: unknown, type: string): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const identity = identities.get(value);
  return identity?.type === type ? identity.name : undefined;
}
