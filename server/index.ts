// First: it decides which builds of React and React Router load.
import "./node-env";

import { pathToFileURL } from "node:url";

import { broadcastDevReady, type ServerBuild } from "@remix-run/node";

import { lanAddress } from "~/utils/public-origin.server";
import { ConfigError, parseConfig } from "~/config/env.server";
import { storageName } from "~/storage/open.server";

import { BUILD_PATH, createBesideServer } from "./app";
import { RedisStartError } from "./cluster/redis";
import { createLogger, describeError } from "./logger";

/** Start-up problems an operator can fix (a setting, the help file, Redis) are printed plainly, without a stack trace. */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RedisStartError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = await orExit(() => parseConfig());
const logger = createLogger(config.LOG_LEVEL);
const server = await orExit(() => createBesideServer(config, logger));
const url = await server.listen();
logger.info(`Beside is running at ${url}`, { database: storageName(config) });
const setupPath = await server.context.accounts.setupPath();
if (setupPath) {
  logger.info(`No accounts yet. Create the first organiser at ${config.PUBLIC_URL ?? url}${setupPath} (or run: npm run account -- add --role organiser --email you@example.org --name "Your name")`);
}
if (config.HOST === "0.0.0.0" || config.HOST === "::") {
  const lan = lanAddress();
  const port = new URL(url).port;
  if (lan) logger.info(`Phones on this network can join at http://${lan}:${port}/join`);
}

if (config.NODE_ENV === "development") {
  await broadcastDevReady((await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping");
    server
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error("could not stop cleanly", { error: describeError(error) });
        process.exit(1);
      });
  });
}
