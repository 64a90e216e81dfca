import http from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { APP_TRANSPORTS } from "~/realtime/transports";

import { connect, connectFacilitator, connectParticipant, emit, goToPrompt, newDeviceSecret, nextEvent, type TestSocket } from "../helpers/clients";
import { useTestServers } from "../helpers/lifecycle";
import { startRun, type TestServer } from "../helpers/server";

let server: TestServer;
const startServer = useTestServers();

beforeEach(async () => {
  server = await startServer();
});

/** The transport a socket's connection runs on now. */
const transportOf = (socket: TestSocket) => socket.io.engine.transport.name;

/** Notes the transport each (re)connection opened on: the one the handshake went over, before any upgrade. */
function notingOpenings(openings: string[]) {
  return (socket: TestSocket) => socket.io.on("open", () => openings.push(transportOf(socket)));
}

/** A run whose check-in question is open for answers. */
async function openQuestion() {
  const { code, cookie } = await startRun(server);
  const { socket: facilitator, state } = await connectFacilitator(server.url, code, cookie);
  await goToPrompt(facilitator, state, "check-in");
  expect((await emit(facilitator, "prompt:open", { promptId: "check-in" })).ok).toBe(true);
  return code;
}

/**
 * A reverse proxy in front of the server that passes plain HTTP requests on and refuses every WebSocket upgrade, as
 * some networks and proxies do.
 */
let proxy: http.Server | undefined;
async function startProxyWithoutWebSockets(target: string): Promise<{ url: string; upgrades: () => number }> {
  let upgrades = 0;
  const { hostname, port } = new URL(target);
  proxy = http.createServer((request, response) => {
    const forwarded = http.request({ hostname, port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on("error", () => response.destroy());
    request.pipe(forwarded);
  });
  proxy.on("upgrade", (_request, socket) => {
    upgrades++;
    socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve) => proxy!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, upgrades: () => upgrades };
}

afterEach(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  proxy = undefined;
});

describe("the transports a phone may use (docs/realtime.md §1)", () => {
  it("takes a phone that only speaks WebSocket, and one that only long-polls", async () => {
    const code = await openQuestion();

    const websocket = await connectParticipant(server.url, code, { transports: { transports: ["websocket"] } });
    expect(transportOf(websocket.socket)).toBe("websocket");
    expect(await websocket.answer("check-in", { type: "scale", value: 2 })).toMatchObject({ ok: true });

    const polling = await connectParticipant(server.url, code, { transports: { transports: ["polling"] } });
    expect(transportOf(polling.socket)).toBe("polling");
    expect(await polling.answer("check-in", { type: "scale", value: 4 })).toMatchObject({ ok: true });
    // Still long-polling: a client that asks for no upgrade is never moved to a WebSocket.
    expect(transportOf(polling.socket)).toBe("polling");
  });

  it("connects the app's screens over WebSocket from the first request, and again after a drop", async () => {
    const code = await openQuestion();
    const openings: string[] = [];
    const phone = await connectParticipant(server.url, code, { transports: APP_TRANSPORTS, onSocket: notingOpenings(openings) });
    // The handshake went over the WebSocket: the connection never started on long-polling.
    expect(openings).toEqual(["websocket"]);
    expect(transportOf(phone.socket)).toBe("websocket");
    expect(await phone.answer("check-in", { type: "scale", value: 3 })).toMatchObject({ ok: true });

    // The connection drops; the phone reconnects by itself, over WebSocket again, and is sent the room afresh.
    const again = nextEvent(phone.socket, "participant:snapshot");
    phone.socket.io.engine.close();
    expect((await again).mine).toEqual({ type: "scale", value: 3 });
    expect(openings).toEqual(["websocket", "websocket"]);
  });

  it("falls back to long-polling when the WebSocket is refused, and the phone still answers", async () => {
    const code = await openQuestion();
    const { url, upgrades } = await startProxyWithoutWebSockets(server.url);
    const openings: string[] = [];
    const phone = await connectParticipant(url, code, { transports: APP_TRANSPORTS, onSocket: notingOpenings(openings) });
    // It tried the WebSocket first, was refused, and opened on long-polling.
    expect(upgrades()).toBeGreaterThan(0);
    expect(openings).toEqual(["polling"]);
    expect(transportOf(phone.socket)).toBe("polling");
    expect(await phone.answer("check-in", { type: "scale", value: 5 })).toMatchObject({ ok: true });

    // A WebSocket-only client has nothing to fall back to there.
    const stranded = connect(url, { role: "participant", code, device: newDeviceSecret() }, { transports: { transports: ["websocket"] }, reconnection: false });
    expect(await new Promise((resolve) => stranded.once("connect_error", resolve))).toBeInstanceOf(Error);
    expect(stranded.connected).toBe(false);
  });
});
