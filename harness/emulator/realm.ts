import vm from "node:vm";

/**
 * A fresh vm context holding only the JavaScript built-ins, with `Date` reading the virtual
 * clock, plus the helpers the host needs to hand values to the script in the script's own realm
 * (so `instanceof Array`, `instanceof Date` and `instanceof Error` hold inside).
 */
export interface Realm {
  readonly context: vm.Context;
  /** The contextified global: properties set here are globals of the script. */
  readonly global: Record<string | symbol, unknown>;
  /** Deep-copies plain data (arrays, plain objects, Dates, primitives) into the script realm. */
  copyIn(value: unknown): unknown;
  /** A script-realm array holding these items as they are (service objects keep their identity). */
  arrayOf(items: readonly unknown[]): unknown[];
  newObject(): Record<string, unknown>;
  newError(message: string, name?: string): Error;
  /** Whether a thrown value is an Error of the script's realm (so it can pass through untouched). */
  isScriptError(value: unknown): boolean;
  /** A script-realm function that forwards `this` and its arguments to the host. */
  method(name: string, call: (self: unknown, args: unknown[]) => unknown): unknown;
}

interface RealmHelpers {
  copyIn(value: unknown): unknown;
  arrayOf(items: readonly unknown[]): unknown[];
  newObject(): Record<string, unknown>;
  newError(message: string, name: string | undefined): Error;
  isScriptError(value: unknown): boolean;
  method(name: string, call: (self: unknown, args: unknown[]) => unknown): unknown;
}

// Runs inside the context before any script code, capturing the pristine built-ins it relies on.
const REALM_SETUP = `(function (hostNow) {
  "use strict";
  const RealDate = Date;
  const RealError = Error;
  const toTag = Object.prototype.toString;
  const getTime = RealDate.prototype.getTime;
  const isArray = Array.isArray;
  const keysOf = Object.keys;
  const define = Object.defineProperty;
  const construct = Reflect.construct;
  const slice = Array.prototype.slice;

  // new Date() and Date.now() read the virtual clock; every other form behaves as the real Date.
  function VirtualDate(year, month, day, hours, minutes, seconds, ms) {
    if (new.target === undefined) return new RealDate(hostNow()).toString();
    const args = arguments.length === 0 ? [hostNow()] : slice.call(arguments);
    return construct(RealDate, args, new.target);
  }
  define(VirtualDate, "name", { value: "Date" });
  VirtualDate.prototype = RealDate.prototype;
  define(VirtualDate, "prototype", { writable: false });
  define(RealDate.prototype, "constructor", { value: VirtualDate, writable: true, configurable: true });
  define(VirtualDate, "now", { value: function now() { return hostNow(); }, writable: true, configurable: true });
  define(VirtualDate, "parse", { value: RealDate.parse, writable: true, configurable: true });
  define(VirtualDate, "UTC", { value: RealDate.UTC, writable: true, configurable: true });
  define(globalThis, "Date", { value: VirtualDate, writable: true, configurable: true, enumerable: false });

  function copyIn(value) {
    if (value === null || typeof value !== "object") return value;
    if (isArray(value)) {
      const out = [];
      for (let i = 0; i < value.length; i++) out.push(copyIn(value[i]));
      return out;
    }
    if (toTag.call(value) === "[object Date]") return new RealDate(getTime.call(value));
    const out = {};
    for (const key of keysOf(value)) {
      define(out, key, { value: copyIn(value[key]), writable: true, enumerable: true, configurable: true });
    }
    return out;
  }

  return {
    copyIn: copyIn,
    arrayOf: function (items) {
      const out = [];
      for (let i = 0; i < items.length; i++) out.push(items[i]);
      return out;
    },
    newObject: function () { return {}; },
    newError: function (message, name) {
      const error = new RealError(message);
      if (name !== undefined && name !== "Error") define(error, "name", { value: name, writable: true, configurable: true });
      return error;
    },
    isScriptError: function (value) { return value instanceof RealError; },
    method: function (name, call) {
      const holder = { [name]: function () { return call(this, slice.call(arguments)); } };
      return holder[name];
    },
  };
})`;

export function createRealm(now: () => number): Realm {
  const global: Record<string | symbol, unknown> = {};
  const context = vm.createContext(global, { name: "Apps Script execution" });
  const setup = vm.runInContext(REALM_SETUP, context) as (hostNow: () => number) => RealmHelpers;
  const helpers = setup(now);
  return {
    context,
    global,
    copyIn: (value) => helpers.copyIn(value),
    arrayOf: (items) => helpers.arrayOf(items),
    newObject: () => helpers.newObject(),
    newError: (message, name) => helpers.newError(message, name),
    isScriptError: (value) => helpers.isScriptError(value),
    method: (name, call) => helpers.method(name, call),
  };
}
