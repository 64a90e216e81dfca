import { useEffect, useRef, useState } from "react";
import { io } from "socket.io-client";

import type { HandshakeAuth } from "./events";
import type { RunSocket } from "./request";
import { APP_TRANSPORTS } from "./transports";

export { request, type RunSocket } from "./request";

/** online: connected; connecting: first attempt or retrying after a drop; refused: the server said no. */
export type ConnectionStatus = "connecting" | "online" | "offline" | "refused";

export interface RunSocketState {
  socket: RunSocket | null;
  status: ConnectionStatus;
  /** Why the server refused the connection (an ErrorCode), when it did. */
  refusal: string | null;
}

/**
 * One Socket.IO connection for a screen of a run. `listen` registers the
 * screen's handlers on the socket before it connects, so the snapshot that
 * arrives first on every (re)connect is never missed.
 */
export function useRunSocket(auth: HandshakeAuth | null, listen: (socket: RunSocket) => void): RunSocketState {
  const [state, setState] = useState<RunSocketState>({ socket: null, status: "connecting", refusal: null });
  const listenRef = useRef(listen);
  listenRef.current = listen;
  const key = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!key) return;
    const socket: RunSocket = io({
      auth: JSON.parse(key) as HandshakeAuth,
      ...APP_TRANSPORTS,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    listenRef.current(socket);
    const update = (status: ConnectionStatus, refusal: string | null = null) => setState({ socket, status, refusal });
    // Socket.IO does not retry when the server itself closed the connection or refused the handshake
    // with an error of its own; a passing failure on the server must not leave a phone offline for good.
    let retries = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const retryLater = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), Math.min(10_000, 1000 * 2 ** retries++));
    };
    socket.on("connect", () => {
      retries = 0;
      update("online");
    });
    socket.on("disconnect", (reason) => {
      if (reason === "io server disconnect") retryLater();
      update("offline");
    });
    socket.io.on("reconnect_attempt", () => update("connecting"));
    socket.on("connect_error", (error) => {
      if (["not-found", "forbidden", "invalid-payload"].includes(error.message)) update("refused", error.message);
      else {
        // A server error, or too-many: this address has as many phones in the run as it may, or got too many codes
        // wrong. Try again in a while.
        if (error.message === "server-error" || error.message === "too-many") retryLater();
        update("offline");
      }
    });
    update("connecting");
    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    };
  }, [key]);

  return state;
}
