import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { haproxyAvailable, startHaproxy, stopServices } from "../../scripts/services-lib";

/**
 * Issue 20: HAProxy with the committed deploy/haproxy.cfg, started natively (scripts/services-lib.ts), in front of two
 * small servers standing for Beside processes: it forwards, sets the sticky cookie, honours it, and carries a
 * WebSocket. (Two real Beside processes behind it are the multi-process suite's.)
 */
const missing = !haproxyAvailable();
if (missing) console.warn("haproxy.test.ts: skipped, haproxy is missing (install Debian's package haproxy).");

describe.skipIf(missing)("HAProxy in front of two processes", () => {
  let dir: string;
  let url: string;
  const backends: Array<{ httpServer: http.Server; io: Server }> = [];

  beforeAll(async () => {
    for (const name of ["first", "second"]) {
      const httpServer = http.createServer((req, res) => {
        if (req.url === "/livez" || req.url === "/whoami") res.end(req.url === "/livez" ? "ok" : name);
      });
      const io = new Server(httpServer);
      io.on("connection", (socket) => socket.emit("hello", `${name} over ${socket.conn.transport.name}`));
      await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
      backends.push({ httpServer, io });
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "beside-haproxy-"));
    const [a, b] = backends.map(({ httpServer }) => `127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
    url = await startHaproxy({ dir, backends: [a!, b!] });
  });

  afterAll(async () => {
    if (dir) {
      await stopServices(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const { io } of backends) await new Promise<void>((resolve) => void io.close(() => resolve()));
  });

  it("spreads new browsers over both, and keeps a browser on its own with the cookie beside_node", async () => {
    const names: Record<string, string> = { a: "first", b: "second" };
    const fresh = await Promise.all([fetch(`${url}/whoami`), fetch(`${url}/whoami`)]);
    const answers = await Promise.all(fresh.map((response) => response.text()));
    expect([...answers].sort()).toEqual(["first", "second"]);
    for (const [i, response] of fresh.entries()) {
      const cookie = response.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^beside_node=[ab]; path=\/; HttpOnly$/);
      // The cookie names the process that answered.
      expect(names[cookie.slice("beside_node=".length, "beside_node=".length + 1)]).toBe(answers[i]);
    }
    for (const node of ["a", "b"]) {
      const sticky = await Promise.all(
        Array.from({ length: 4 }, () => fetch(`${url}/whoami`, { headers: { cookie: `beside_node=${node}` } }).then((response) => response.text())),
      );
      expect(sticky).toEqual(Array(4).fill(names[node]));
    }
  });

  it("carries a Socket.IO WebSocket through", async () => {
    const socket = connect(url, { transports: ["websocket"], reconnection: false });
    try {
      const hello = await new Promise<string>((resolve, reject) => {
        socket.once("hello", resolve);
        socket.once("connect_error", reject);
      });
      expect(hello).toMatch(/^(first|second) over websocket$/);
    } finally {
      socket.close();
    }
  });
});
