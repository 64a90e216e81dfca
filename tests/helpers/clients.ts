import { randomBytes } from "node:crypto";

import { io, type ManagerOptions, type Socket } from "socket.io-client";

import type {
  Answer,
  ClientToServerEvents,
  FacilitatorView,
  ParticipantSnapshot,
  ServerToClientEvents,
} from "~/realtime/events";

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const open = new Set<TestSocket>();

/** Closes every client a test opened. */
export function closeAllClients() {
  for (const socket of open) socket.disconnect();
  open.clear();
}

export interface ConnectOptions {
  cookie?: string;
  headers?: Record<string, string>;
  localAddress?: string;
  /** Reconnect on its own after a drop (default), as phones and consoles do. */
  reconnection?: boolean;
  /** Called with the socket as soon as it exists, before its first event (to record everything it receives). */
  onSocket?: (socket: TestSocket) => void;
  /** The transports to try, in order (default: WebSocket only). */
  transports?: Pick<ManagerOptions, "transports" | "tryAllTransports">;
}

export function connect(url: string, auth: object, options: ConnectOptions = {}) {
  const socket: TestSocket = io(url, {
    auth,
    transports: ["websocket"],
    ...options.transports,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    reconnection: options.reconnection ?? true,
    extraHeaders: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  open.add(socket);
  options.onSocket?.(socket);
  return socket;
}

/** Resolves with the next `event` that passes `accept`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`No ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

/** What tests read from an ack: `data` on success, `error` on refusal. */
export interface Ack {
  ok: boolean;
  data?: any;
  error?: { code: string; message: string };
}

/** Emits and resolves with the acknowledgement. */
export function emit(socket: TestSocket, event: string, payload?: unknown, timeoutMs = 5000): Promise<Ack> {
  return (socket.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck(event, payload);
}

/** Resolves when the server refuses the handshake, with its reason. */
export function connectRefusal(socket: TestSocket): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected, but a refusal was expected")));
    socket.once("connect_error", (error) => resolve(error.message));
  });
}

export async function connectFacilitator(url: string, code: string, cookie: string, options: Pick<ConnectOptions, "onSocket"> = {}) {
  const socket = connect(url, { role: "facilitator", code }, { ...options, cookie });
  const state = await nextEvent(socket, "facilitator:state");
  return { socket, state };
}

export async function connectDisplay(url: string, code: string, options: Pick<ConnectOptions, "onSocket"> = {}) {
  const socket = connect(url, { role: "display", code }, options);
  const view = await nextEvent(socket, "audience:state");
  return { socket, view };
}

export interface TestParticipant {
  socket: TestSocket;
  device: string;
  snapshot: ParticipantSnapshot;
  answer(promptId: string, answer: Answer, id?: string): Promise<Ack>;
}

export function newDeviceSecret(): string {
  return randomBytes(32).toString("base64url");
}

export async function connectParticipant(
  url: string,
  code: string,
  options: { device?: string } & Omit<ConnectOptions, "cookie"> = {},
): Promise<TestParticipant> {
  const device = options.device ?? newDeviceSecret();
  const socket = connect(url, { role: "participant", code, device }, options);
  const snapshot = await nextEvent(socket, "participant:snapshot");
  return {
    socket,
    device,
    snapshot,
    answer: (promptId, answer, id = randomBytes(9).toString("base64url")) => emit(socket, "response:submit", { id, promptId, answer }),
  };
}

export async function connectParticipants(url: string, code: string, count: number, options: Pick<ConnectOptions, "onSocket"> = {}) {
  return Promise.all(Array.from({ length: count }, () => connectParticipant(url, code, options)));
}

/** The facilitator moves to the slide with this prompt and waits until a display would see it. */
export async function goToPrompt(facilitator: TestSocket, state: FacilitatorView, promptId: string) {
  const index = state.slides.findIndex((slide) => slide.prompt?.id === promptId);
  const ack = await emit(facilitator, "slide:go", { index });
  if (!ack.ok) throw new Error(`slide:go failed: ${JSON.stringify(ack)}`);
  return index;
}

