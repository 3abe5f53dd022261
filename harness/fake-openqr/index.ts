/**
 * A fake OpenQR REST API (https://openqr.uk) for the emulator and tests: deterministic seeded
 * codes and scans, plan clamping, key checks, and injectable faults, served in-process or over HTTP.
 * Several accounts may share its address (addAccount): each key reads only its own account's codes.
 */
import type { HttpReply, HttpRequest } from "../http-types.ts";
import { MAX_ANALYTICS_DAYS } from "./analytics.ts";
import { accountCreatedAt, codeFromInput, scansOnDay, seedCodes } from "./data.ts";
import { dayNumberOfIso } from "./dates.ts";
import { applyFault, FaultQueues } from "./faults.ts";
import { bearerKey, compareNewestFirst, faultTargetOf, parseRequest, respond } from "./routes.ts";
import { listenHttp } from "./server.ts";
import type {
  FakeAccount,
  FakeAccountOptions,
  FakeCode,
  FakeCodeInput,
  FakeOpenQR,
  FakeOpenQROptions,
  FakeState,
  Plan,
  Variations,
} from "./types.ts";

export type {
  CodeRow,
  CodeStatus,
  DayScans,
  ErrorFault,
  FakeAccount,
  FakeAccountOptions,
  FakeCode,
  FakeCodeInput,
  FakeOpenQR,
  FakeOpenQROptions,
  Fault,
  Plan,
  RunningServer,
  ScanProfile,
  Variations,
} from "./types.ts";

export const FAKE_OPENQR_KEY = "oqr_live_demo0000000000000000";
export const FAKE_OPENQR_ORIGIN = "https://openqr.uk/";
export const DEFAULT_SEED = 20260101;
export const DEFAULT_CODE_COUNT = 12;

const defaultPlan = (): Plan => ({ analyticsDays: null, detailed: true });
const defaultVariations = (): Variations => ({ omitNextCursor: false, omitErrorCode: false });

export function createFakeOpenQR(options: FakeOpenQROptions = {}): FakeOpenQR {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? DEFAULT_SEED;
  // Generated once, so reset() restores exactly these even after the clock has moved.
  const seededCodes = seedCodes(seed, now(), options.codeCount ?? DEFAULT_CODE_COUNT);
  const seededKeys = options.keys ?? [FAKE_OPENQR_KEY];
  const variations = defaultVariations();

  const state: FakeState = {
    seed,
    now,
    codes: new Map(seededCodes.map((code) => [code.id, code])),
    keys: new Set(seededKeys),
    plan: defaultPlan(),
    variations,
    createdAt: accountCreatedAt(seed, now()),
  };
  /** Accounts added by addAccount, answered by key before the first one. */
  const others: FakeState[] = [];
  const faults = new FaultQueues();
  const requests: HttpRequest[] = [];
  const first = accountOf(state);

  const stateFor = (request: HttpRequest): FakeState => {
    const key = bearerKey(request.headers);
    return (key !== undefined && others.find((other) => other.keys.has(key))) || state;
  };
  const handle = (request: HttpRequest): HttpReply => {
    requests.push({ ...request, headers: { ...request.headers } });
    const parsed = parseRequest(request.url);
    const normal = () => respond(stateFor(request), request, parsed);
    const fault = faults.take(faultTargetOf(parsed.route));
    return fault ? applyFault(fault, normal, state.variations.omitErrorCode) : normal();
  };

  return {
    handle,
    route: { prefix: FAKE_OPENQR_ORIGIN, handle },
    listen: (port = 0) => listenHttp(handle, port),

    get createdAt() {
      return state.createdAt;
    },
    get codes() {
      return first.codes;
    },
    addCode: first.addCode,
    removeCode: first.removeCode,
    scansOn: first.scansOn,
    get plan() {
      return first.plan;
    },
    setPlan: first.setPlan,
    addKey: first.addKey,
    revokeKey: first.revokeKey,

    addAccount(account: FakeAccountOptions) {
      const accountSeed = account.seed ?? seed + 7919 * (others.length + 1);
      const codes = seedCodes(accountSeed, now(), account.codeCount ?? DEFAULT_CODE_COUNT);
      const taken = [state, ...others].map((other) => other.createdAt);
      let createdAt = account.createdAt ?? accountCreatedAt(accountSeed, now());
      // Two accounts are never created at the same instant (the add-on tells them apart by it).
      while (account.createdAt === undefined && taken.indexOf(createdAt) >= 0) {
        createdAt = new Date(Date.parse(createdAt) + 1000).toISOString();
      }
      const added: FakeState = {
        seed: accountSeed,
        now,
        codes: new Map(codes.map((code) => [code.id, code])),
        keys: new Set(account.keys),
        plan: defaultPlan(),
        variations,
        createdAt,
      };
      others.push(added);
      return accountOf(added);
    },

    inject: (target, list) => faults.inject(target, list),
    clearFaults: () => faults.clear(),

    variations,
    requests,

    reset() {
      requests.length = 0;
      faults.clear();
      others.length = 0;
      // Mutated in place so references tests hold stay live.
      Object.assign(variations, defaultVariations());
      state.plan = defaultPlan();
      state.codes = new Map(seededCodes.map((code) => [code.id, code]));
      state.keys = new Set(seededKeys);
      first.resetSerial();
    },
  };
}

/** What a test may see and change of one account's state. */
function accountOf(state: FakeState): FakeAccount & { resetSerial(): void } {
  let addedSerial = 0;
  const codeById = (id: string): FakeCode => {
    const code = state.codes.get(id);
    if (!code) throw new Error(`fake OpenQR has no code with id ${JSON.stringify(id)}`);
    return code;
  };
  return {
    get createdAt() {
      return state.createdAt;
    },
    get codes() {
      return [...state.codes.values()].sort(compareNewestFirst);
    },
    addCode(input: FakeCodeInput = {}) {
      addedSerial++;
      const code = codeFromInput(state.seed, addedSerial, state.now(), input);
      if (state.codes.has(code.id)) throw new Error(`fake OpenQR already has a code with id ${code.id}`);
      state.codes.set(code.id, code);
      return code;
    },
    removeCode: (id) => state.codes.delete(id),
    scansOn: (id, day) => scansOnDay(state.seed, codeById(id), dayNumberOfIso(day), state.now()),
    get plan() {
      return { ...state.plan };
    },
    setPlan(plan: Plan) {
      const days = plan.analyticsDays;
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= MAX_ANALYTICS_DAYS)) {
        throw new Error(`analyticsDays must be null or an integer from 1 to ${MAX_ANALYTICS_DAYS}`);
      }
      state.plan = { ...plan };
    },
    addKey: (key) => void state.keys.add(key),
    revokeKey: (key) => void state.keys.delete(key),
    resetSerial() {
      addedSerial = 0;
    },
  };
}
