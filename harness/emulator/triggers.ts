import type { ServiceEnv } from "./env.ts";
import { PlatformError } from "./errors.ts";
import { isValidTimeZone } from "./time-zones.ts";

export type TriggerEventType = "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_CHANGE" | "ON_FORM_SUBMIT";

export interface TriggerRecord {
  uid: string;
  owner: string;
  handler: string;
  type: TriggerEventType;
  source: "CLOCK" | "SPREADSHEETS";
  /** The document the add-on created it from (add-on triggers belong to one file). */
  documentId: string;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
}

export const MAX_TRIGGERS_PER_USER = 20;
export const ALLOWED_HOURS = [1, 2, 4, 6, 8, 12];

const TYPE_LABELS: Record<TriggerEventType, string> = {
  CLOCK: "time-based",
  ON_OPEN: "open",
  ON_EDIT: "edit",
  ON_CHANGE: "change",
  ON_FORM_SUBMIT: "form submit",
};

/** Installable triggers, stored per user. Tests may inspect or seed `records`. */
export class TriggerRegistry {
  readonly records: TriggerRecord[] = [];
  private nextUid = 1000;

  newUid(): string {
    this.nextUid += 1;
    return String(this.nextUid);
  }

  find(uid: string): TriggerRecord | undefined {
    return this.records.find((record) => record.uid === uid);
  }
}

const EVENT_TYPES = {
  CLOCK: "CLOCK",
  ON_OPEN: "ON_OPEN",
  ON_EDIT: "ON_EDIT",
  ON_CHANGE: "ON_CHANGE",
  ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
};
const TRIGGER_SOURCES = {
  SPREADSHEETS: "SPREADSHEETS",
  CLOCK: "CLOCK",
  FORMS: "FORMS",
  DOCUMENTS: "DOCUMENTS",
  CALENDAR: "CALENDAR",
};

export const TRIGGER_CONSTANTS = { EventType: EVENT_TYPES, TriggerSource: TRIGGER_SOURCES };

function checkRange(value: unknown, min: number, max: number, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new PlatformError(`Invalid argument: ${name}`);
  return number;
}

export function createTriggerMethods(env: ServiceEnv) {
  const { bind, realm, world, execution } = env;
  const registry = world.triggers;
  const me = () => execution.spec.identity;

  const bindTrigger = (record: TriggerRecord) =>
    bind.object(
      "Trigger",
      {
        getHandlerFunction: () => record.handler,
        getUniqueId: () => record.uid,
        getEventType: () => record.type,
        getTriggerSource: () => record.source,
        getTriggerSourceId: () => (record.source === "SPREADSHEETS" ? record.documentId : null),
      },
      { state: record },
    );

  /** Applies the add-on limits, stores the trigger and returns it. */
  const create = (draft: Omit<TriggerRecord, "uid" | "owner" | "documentId">) => {
    const mine = registry.records.filter((record) => record.owner === me());
    if (mine.length >= MAX_TRIGGERS_PER_USER) {
      throw new PlatformError(
        "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
      );
    }
    if (mine.some((record) => record.documentId === world.spreadsheet.id && record.type === draft.type)) {
      throw new PlatformError(
        `This add-on has created too many ${TYPE_LABELS[draft.type]} triggers in this document for this Google user account.`,
      );
    }
    const record: TriggerRecord = {
      ...draft,
      uid: registry.newUid(),
      owner: me(),
      documentId: world.spreadsheet.id,
    };
    registry.records.push(record);
    return bindTrigger(record);
  };

  const clockBuilder = (handler: string) => {
    const draft: Omit<TriggerRecord, "uid" | "owner" | "documentId"> = {
      handler,
      type: "CLOCK",
      source: "CLOCK",
    };
    const self = bind.object("ClockTriggerBuilder", {
      everyHours: (hours: unknown) => {
        const n = Number(hours);
        if (!ALLOWED_HOURS.includes(n)) {
          throw new PlatformError("Invalid argument: hours. The value must be 1, 2, 4, 6, 8 or 12.");
        }
        draft.everyHours = n;
        return self;
      },
      everyMinutes: () => {
        throw new PlatformError(
          "Add-ons may not create time-based triggers that run more often than once per hour.",
        );
      },
      everyDays: (days: unknown) => {
        draft.everyDays = checkRange(days, 1, 365, "days");
        return self;
      },
      everyWeeks: (weeks: unknown) => {
        draft.everyWeeks = checkRange(weeks, 1, 52, "weeks");
        return self;
      },
      atHour: (hour: unknown) => {
        draft.atHour = checkRange(hour, 0, 23, "hour");
        return self;
      },
      nearMinute: (minute: unknown) => {
        draft.nearMinute = checkRange(minute, 0, 59, "minute");
        return self;
      },
      inTimezone: (timeZone: unknown) => {
        if (!isValidTimeZone(String(timeZone))) throw new PlatformError("Invalid argument: timezone");
        draft.timeZone = String(timeZone);
        return self;
      },
      create: () => {
        if (
          draft.everyHours === undefined &&
          draft.everyDays === undefined &&
          draft.everyWeeks === undefined
        ) {
          throw new PlatformError(
            "The trigger has no schedule: call everyHours, everyDays or everyWeeks before create().",
          );
        }
        if (draft.atHour !== undefined && draft.everyHours !== undefined) {
          throw new PlatformError("atHour can only be used with everyDays or everyWeeks.");
        }
        return create(draft);
      },
    });
    return self;
  };

  const spreadsheetBuilder = (handler: string) => {
    let type: TriggerEventType | undefined;
    const self = bind.object("SpreadsheetTriggerBuilder", {
      onOpen: () => {
        type = "ON_OPEN";
        return self;
      },
      onEdit: () => {
        type = "ON_EDIT";
        return self;
      },
      onChange: () => {
        type = "ON_CHANGE";
        return self;
      },
      onFormSubmit: () => {
        type = "ON_FORM_SUBMIT";
        return self;
      },
      create: () => {
        if (!type)
          throw new PlatformError("The trigger has no event: call onOpen, onEdit, onChange or onFormSubmit.");
        return create({ handler, type, source: "SPREADSHEETS" });
      },
    });
    return self;
  };

  return {
    newTrigger: (functionName: unknown) => {
      const handler = String(functionName);
      return bind.object("TriggerBuilder", {
        timeBased: () => clockBuilder(handler),
        forSpreadsheet: (key: unknown) => {
          const id = typeof key === "string" ? key : bind.stateOf<{ id: string }>(key)?.id;
          if (id !== world.spreadsheet.id) throw new PlatformError("Invalid argument: key");
          return spreadsheetBuilder(handler);
        },
      });
    },
    getUserTriggers: (spreadsheet: unknown) => {
      const id = bind.stateOf<{ id: string }>(spreadsheet)?.id ?? String(spreadsheet);
      const records = registry.records.filter((record) => record.owner === me() && record.documentId === id);
      return realm.arrayOf(records.map(bindTrigger));
    },
    getProjectTriggers: () =>
      realm.arrayOf(registry.records.filter((record) => record.owner === me()).map(bindTrigger)),
    deleteTrigger: (trigger: unknown) => {
      const record = bind.stateOf<TriggerRecord>(trigger);
      if (!record) throw new PlatformError("Invalid argument: trigger");
      const index = registry.records.findIndex(
        (candidate) => candidate.uid === record.uid && candidate.owner === me(),
      );
      if (index !== -1) registry.records.splice(index, 1);
    },
  };
}

/** The event object an installable clock trigger receives. */
export function clockEvent(instant: number, triggerUid: string): Record<string, unknown> {
  const date = new Date(instant);
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  return {
    authMode: "FULL",
    triggerUid,
    "day-of-month": date.getUTCDate(),
    "day-of-week": date.getUTCDay() === 0 ? 7 : date.getUTCDay(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    month: date.getUTCMonth() + 1,
    second: date.getUTCSeconds(),
    timezone: "UTC",
    "week-of-year": Math.ceil(((instant - startOfYear) / 86_400_000 + 1) / 7),
    year: date.getUTCFullYear(),
  };
}
