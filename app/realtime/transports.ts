import type { ManagerOptions, SocketOptions } from "socket.io-client";

/**
 * How the app's own screens (phone, console, display) reach the server: WebSocket first. Socket.IO's default opens with
 * HTTP long-polling (a handshake request, then a request each way for the CONNECT packet) and only then upgrades to a
 * WebSocket; on a weak signal every one of those requests waits out the latency, and holds one of the six connections
 * the browser opens to the host while the page's scripts still need them. A WebSocket is one request, after which the
 * CONNECT packet and everything else travel on it. Long-polling is tried only when the WebSocket fails to open (a
 * proxy or network that refuses the upgrade); each reconnection tries WebSocket first again. docs/realtime.md §1.
 */
export const APP_TRANSPORTS: Pick<ManagerOptions & SocketOptions, "transports" | "tryAllTransports"> = {
  transports: ["websocket", "polling"],
  tryAllTransports: true,
};
