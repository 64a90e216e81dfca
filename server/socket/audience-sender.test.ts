import http from "node:http";
import type { AddressInfo } from "node:net";

import { Server } from "socket.io";
import { io as connectClient, type Socket as ClientSocket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";

import { AudienceSender } from "./audience-sender";
import type { BesideIo } from "./hub";

const ROOM = "run:r1:participant";
const opened: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

/** A real Socket.IO server whose connections join ROOM, and a sender over it sending `perTurn` sockets a turn. */
async function serverWith(perTurn: number) {
  const httpServer = http.createServer();
  const io = new Server(httpServer) as unknown as BesideIo;
  io.on("connection", (socket) => void socket.join(ROOM));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const errors: unknown[] = [];
  const sender = new AudienceSender(io, perTurn, (error) => errors.push(error));
  opened.push(() => new Promise<void>((resolve) => void io.close(() => resolve())));
  opened.push(() => sender.close());
  /** A client in ROOM, recording the `n` of every audience:live it gets. */
  const join = async () => {
    const client: ClientSocket = connectClient(url, { transports: ["websocket"], forceNew: true, reconnection: false });
    opened.push(() => void client.disconnect());
    const got: number[] = [];
    client.on("audience:live", (payload: { n: number }) => got.push(payload.n));
    client.on("audience:state", (payload: { n: number }) => got.push(payload.n));
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    // The server joins it to the room as it connects; one round trip later that has surely happened.
    await expect.poll(() => io.sockets.adapter.rooms.get(ROOM)?.has(client.id!)).toBe(true);
    return got;
  };
  /** A state, or a live update; each client records the `n` of either. */
  const send = (n: number, kind: "state" | "live" = "live") =>
    sender.send("r1", [ROOM], kind, (to) => to.emit(kind === "state" ? "audience:state" : "audience:live", { n } as never));
  return { io, sender, join, send, errors };
}

describe("AudienceSender", () => {
  it("sends a large room's broadcasts a slice per turn, every socket getting each one, in the order they were made", async () => {
    const { sender, join, send, errors } = await serverWith(3);
    const clients = [];
    for (let i = 0; i < 7; i++) clients.push(await join());
    send(1, "state");
    send(2, "live");
    // Seven sockets, three a turn: the first slice went out now, the rest wait for later turns.
    expect(sender.pending("r1")).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sender.pending("r1")).toBe(2);
    await expect.poll(() => sender.pending("r1")).toBe(0);
    // A live update replaces no state: everyone gets both.
    for (const got of clients) await expect.poll(() => got).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });

  it("sends a newer broadcast instead of an older one it replaces to the sockets the older one hasn't reached", async () => {
    const { sender, join, send } = await serverWith(3);
    const clients = [];
    for (let i = 0; i < 7; i++) clients.push(await join());
    send(1, "live");
    send(2, "state");
    send(3, "live");
    send(4, "live");
    // The state replaced the rest of live 1; live 4 replaced live 3, not the state.
    expect(sender.pending("r1")).toBe(2);
    for (const got of clients) await expect.poll(() => got.at(-1)).toBe(4);
    const sorted = clients.map((got) => got.join(",")).sort();
    expect(sorted).toEqual(["1,2,4", "1,2,4", "1,2,4", "2,4", "2,4", "2,4", "2,4"]);
  });

  it("sends a small room's broadcast at once when nothing is queued before it", async () => {
    const { sender, join, send } = await serverWith(3);
    const got = await join();
    send(1);
    expect(sender.pending("r1")).toBe(0);
    await expect.poll(() => got).toEqual([1]);
  });

  it("queues a small broadcast behind a large one still going out, so none overtakes another", async () => {
    const { sender, join, send } = await serverWith(2);
    const clients = [];
    for (let i = 0; i < 5; i++) clients.push(await join());
    send(1, "state");
    // The room is as large as before, but a broadcast made now must wait for the first.
    send(2);
    expect(sender.pending("r1")).toBe(2);
    for (const got of clients) await expect.poll(() => got).toEqual([1, 2]);
  });

  it("sends a broadcast to those in the room when it was made: a socket that joins later gets only the later ones", async () => {
    const { join, send } = await serverWith(1);
    const early = [await join(), await join()];
    send(1, "state");
    const late = await join();
    send(2);
    for (const got of early) await expect.poll(() => got).toEqual([1, 2]);
    await expect.poll(() => late).toEqual([2]);
  });

  it("sends nothing more once closed", async () => {
    const { io, sender, join, send } = await serverWith(1);
    const clients = [await join(), await join(), await join()];
    send(1, "state");
    sender.close();
    send(2);
    // The slices left would have gone out one a turn: give them the turns, then send a last event past the sender.
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    io.to(ROOM).emit("audience:live", { n: 99 } as never);
    for (const got of clients) await expect.poll(() => got.at(-1)).toBe(99);
    // One socket had the first slice of broadcast 1; nobody got the rest of it, or broadcast 2.
    expect(clients.flat().filter((n) => n !== 99)).toEqual([1]);
  });
});
