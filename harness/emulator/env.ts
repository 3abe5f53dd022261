import type { Execution } from "./execution.ts";
import type { Realm } from "./realm.ts";
import type { ServiceBinder } from "./service-binder.ts";
import type { World } from "./world.ts";

/** What a service factory needs: the persistent world, the current execution and its realm. */
export interface ServiceEnv {
  world: World;
  execution: Execution;
  realm: Realm;
  bind: ServiceBinder;
}
