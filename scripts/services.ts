/**
 * Throwaway PostgreSQL and Redis servers on loopback for tests and benchmarks (issue 20):
 *
 *   node --import tsx scripts/services.ts start --dir DIR [--postgres] [--redis]
 *   node --import tsx scripts/services.ts stop --dir DIR
 *
 * `start` prints one JSON line, {"databaseUrl":"postgres://…","redisUrl":"redis://…"}; `stop` stops what `start`
 * started in DIR. See scripts/services-lib.ts.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { ServicesError, startServices, stopServices } from "./services-lib";

const usage = "Usage: node --import tsx scripts/services.ts start --dir DIR [--postgres] [--redis] | stop --dir DIR";

try {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { dir: { type: "string" }, postgres: { type: "boolean" }, redis: { type: "boolean" } },
  });
  const [command, ...rest] = positionals;
  if (!values.dir || rest.length > 0) throw new ServicesError(usage);
  const dir = path.resolve(values.dir);
  if (command === "start") {
    if (!values.postgres && !values.redis) throw new ServicesError(`Nothing to start: say --postgres, --redis or both.\n${usage}`);
    console.log(JSON.stringify(await startServices({ dir, postgres: values.postgres, redis: values.redis })));
  } else if (command === "stop") {
    await stopServices(dir);
  } else {
    throw new ServicesError(usage);
  }
} catch (error) {
  if (!(error instanceof ServicesError || (error instanceof TypeError && "code" in error))) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
