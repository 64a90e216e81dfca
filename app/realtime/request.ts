import type { Socket } from "socket.io-client";

import type { ClientToServerEvents, ServerToClientEvents } from "./events";

export type RunSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

type AckOf<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

export type RequestResult<E extends keyof ClientToServerEvents> =
  | AckOf<E>
  | { ok: false; error: { code: "timeout"; reason: "socket.timeout" } };

/**
 * Emits an event and resolves with the server's acknowledgement, or a timeout after `timeoutMs`.
 * A connection that drops while waiting resolves as a timeout at once (Socket.IO fails pending acks on disconnect).
 */
export async function request<E extends keyof ClientToServerEvents>(
  socket: RunSocket,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
  timeoutMs = 5000,
): Promise<RequestResult<E>> {
  const emitter = socket.timeout(timeoutMs) as unknown as { emitWithAck(event: E, payload: unknown): Promise<AckOf<E>> };
  try {
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: "timeout", reason: "socket.timeout" } };
  }
}
