/**
 * A Socket.IO server on the Redis Streams adapter, as Beside makes it (server/cluster/redis.ts), in a process of its
 * own, for tests/integration/redis-bus.test.ts: should the adapter's read loop spin while Redis is down (design §1.3),
 * it starves this process, not the test's, and the test sees its ticks stop instead of hanging.
 *
 * Environment: REDIS_URL. Prints `listening PORT`, then `tick` every 50 ms, `unhandled …` for an unhandled rejection;
 * with SAY set, broadcasts ("word", "SAY N") every 100 ms.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

import { Server } from "socket.io";

import { openRedis } from "../../server/cluster/redis";
import { createLogger } from "../../server/logger";

process.on("unhandledRejection", (reason) => console.log(`unhandled ${String(reason)}`));

const redis = await openRedis(process.env.REDIS_URL!, createLogger("info"));
const httpServer = http.createServer();
const io = new Server(httpServer, { adapter: await redis.adapter() });
await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
console.log(`listening ${(httpServer.address() as AddressInfo).port}`);
setInterval(() => console.log("tick"), 50);
const say = process.env.SAY;
let n = 0;
if (say) setInterval(() => io.emit("word", `${say} ${n++}`), 100);
// Stays a moment after closing, as a server in a test's own process does, so that a rejection left behind shows.
process.on("SIGTERM", () => {
  void io.close(() => void redis.close().then(() => setTimeout(() => process.exit(0), 300)));
});
