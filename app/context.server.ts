import type { Config } from "~/config/env.server";
import type { HelpResources } from "~/content/help-resources.server";
import type { PlanLibrary } from "~/content/plan-library.server";
import type { RunEngine } from "~/runs/run-engine.server";

/**
 * What server/ hands to every loader and action. Routes reach the database
 * only through these, so the server and the Remix build share one engine.
 */
export interface BesideContext {
  engine: RunEngine;
  plans: PlanLibrary;
  config: Config;
  /** The "Get help" resources, read from HELP_FILE at start-up. */
  help: HelpResources;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    beside: BesideContext;
  }
}
