/**
 * A fake OpenQR REST API (https://openqr.uk) for the emulator and tests: deterministic seeded
 * codes and scans, plan clamping, key checks, and injectable faults, served in-process or over HTTP.
 */
import type { HttpReply, HttpRequest } from "../http-types.ts";
import { MAX_ANALYTICS_DAYS } from "./analytics.ts";
import { codeFromInput, scansOnDay, seedCodes } from "./data.ts";
import { dayNumberOfIso } from "./dates.ts";
import { applyFault, FaultQueues } from "./faults.ts";
import { compareNewestFirst, faultTargetOf, parseRequest, respond } from "./routes.ts";
import { listenHttp } from "./server.ts";
import type {
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

  const state: FakeState = {
    seed,
    now,
    codes: new Map(seededCodes.map((code) => [code.id, code])),
    keys: new Set(seededKeys),
    plan: defaultPlan(),
    variations: defaultVariations(),
  };
  const faults = new FaultQueues();
  const requests: HttpRequest[] = [];
  let addedSerial = 0;

  const handle = (request: HttpRequest): HttpReply => {
    requests.push({ ...request, headers: { ...request.headers } });
    const parsed = parseRequest(request.url);
    const normal = () => respond(state, request, parsed);
    const fault = faults.take(faultTargetOf(parsed.route));
    return fault ? applyFault(fault, normal, state.variations.omitErrorCode) : normal();
  };

  const codeById = (id: string): FakeCode => {
    const code = state.codes.get(id);
    if (!code) throw new Error(`fake OpenQR has no code with id ${JSON.stringify(id)}`);
    return code;
  };

  return {
    handle,
    route: { prefix: FAKE_OPENQR_ORIGIN, handle },
    listen: (port = 0) => listenHttp(handle, port),

    get codes() {
      return [...state.codes.values()].sort(compareNewestFirst);
    },
    addCode(input: FakeCodeInput = {}) {
      addedSerial++;
      const code = codeFromInput(seed, addedSerial, now(), input);
      if (state.codes.has(code.id)) throw new Error(`fake OpenQR already has a code with id ${code.id}`);
      state.codes.set(code.id, code);
      return code;
    },
    removeCode: (id) => state.codes.delete(id),
    scansOn: (id, day) => scansOnDay(seed, codeById(id), dayNumberOfIso(day), now()),

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

    inject: (target, list) => faults.inject(target, list),
    clearFaults: () => faults.clear(),

    variations: state.variations,
    requests,

    reset() {
      requests.length = 0;
      faults.clear();
      // Mutated in place so references tests hold stay live.
      Object.assign(state.variations, defaultVariations());
      state.plan = defaultPlan();
      state.codes = new Map(seededCodes.map((code) => [code.id, code]));
      state.keys = new Set(seededKeys);
      addedSerial = 0;
    },
  };
}
