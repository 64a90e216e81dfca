/**
 * Throwaway PostgreSQL and Redis servers on loopback, and HAProxy in front of two Beside processes, for tests and
 * benchmarks (issue 20):
 *
 *   node --import tsx scripts/services.ts start --dir DIR [--postgres] [--redis] [--haproxy HOST:PORT,HOST:PORT [--haproxy-port N]]
 *   node --import tsx scripts/services.ts restart-redis --dir DIR
 *   node --import tsx scripts/services.ts stop --dir DIR
 *
 * `start` prints one JSON line, {"databaseUrl":"postgres://…","redisUrl":"redis://…","haproxyUrl":"http://…"};
 * `restart-redis` stops Redis as an outage would (nothing saved) and starts it again on the same port; `stop` stops
 * what `start` started in DIR. See scripts/services-lib.ts and deploy/haproxy.cfg.
 */
import path from "node:path";
import { parseArgs } from "node:util";

import { restartRedis, ServicesError, startHaproxy, startServices, stopServices } from "./services-lib";

const usage =
  "Usage: node --import tsx scripts/services.ts start --dir DIR [--postgres] [--redis] [--haproxy HOST:PORT,HOST:PORT [--haproxy-port N]]" +
  " | restart-redis --dir DIR | stop --dir DIR";

try {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      postgres: { type: "boolean" },
      redis: { type: "boolean" },
      haproxy: { type: "string" },
      "haproxy-port": { type: "string" },
    },
  });
  const [command, ...rest] = positionals;
  if (!values.dir || rest.length > 0) throw new ServicesError(usage);
  const dir = path.resolve(values.dir);
  if (command === "start") {
    if (!values.postgres && !values.redis && !values.haproxy) throw new ServicesError(`Nothing to start: say --postgres, --redis, --haproxy or several.\n${usage}`);
    const backends = values.haproxy?.split(",").map((backend) => backend.trim());
    if (backends && (backends.length !== 2 || backends.some((backend) => !/^[^\s:]+:\d+$/.test(backend)))) {
      throw new ServicesError(`--haproxy takes two Beside processes as HOST:PORT,HOST:PORT.\n${usage}`);
    }
    const haproxyPort = values["haproxy-port"] === undefined ? undefined : Number(values["haproxy-port"]);
    if (haproxyPort !== undefined && !(Number.isInteger(haproxyPort) && haproxyPort > 0 && haproxyPort < 65536)) throw new ServicesError(`--haproxy-port takes a port.\n${usage}`);
    const services = values.postgres || values.redis ? await startServices({ dir, postgres: values.postgres, redis: values.redis }) : {};
    let haproxyUrl: string | undefined;
    if (backends) {
      try {
        haproxyUrl = await startHaproxy({ dir, port: haproxyPort, backends: backends as [string, string] });
      } catch (error) {
        await stopServices(dir);
        throw error;
      }
    }
    console.log(JSON.stringify({ ...services, haproxyUrl }));
  } else if (command === "restart-redis") {
    await restartRedis(dir);
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
