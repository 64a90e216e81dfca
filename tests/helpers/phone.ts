import type { Prompt } from "~/content/plan-schema";
import { randomToken } from "~/realtime/device";
import type { Answer } from "~/realtime/events";
import { AnswerOutbox, type OutboxOptions } from "~/realtime/outbox";
import { request } from "~/realtime/request";

import { connect, newDeviceSecret, nextEvent, type ConnectOptions, type TestSocket } from "./clients";

/** How one answer ended on the phone: stored, told "not sent", or refused for good. */
export type Delivery = "committed" | "not-sent" | "failed";

/**
 * A participant's phone that sends answers exactly as the reference phone page does: through
 * AnswerOutbox, which sends again after timeouts and reconnects and says when an answer wasn't counted.
 * Its connection reconnects on its own (Socket.IO's reconnection), as a phone's does.
 */
export class SimulatedPhone {
  /** What the server acknowledged, per prompt, in the form it stored. */
  readonly committed = new Map<string, Answer>();
  /** How many times it sent an answer, resends included. */
  sent = 0;
  private readonly outbox: AnswerOutbox;
  private settle: ((delivery: Delivery) => void) | undefined;

  private constructor(
    readonly socket: TestSocket,
    readonly device: string,
    outbox: OutboxOptions,
  ) {
    this.outbox = new AnswerOutbox(
      {
        send: (payload, timeoutMs) => {
          this.sent += 1;
          return request(socket, "response:submit", payload, timeoutMs);
        },
        isConnected: () => socket.connected,
        changed: (pending) => {
          if (pending?.state === "failed") this.finish("failed");
        },
        committed: (promptId, answer) => {
          this.committed.set(promptId, answer);
          this.finish("committed");
        },
        notSent: () => this.finish("not-sent"),
      },
      outbox,
    );
    socket.on("participant:snapshot", () => this.outbox.reconnected());
    socket.on("audience:state", (next) => this.outbox.stateChanged(next));
  }

  /** Joins the run and waits for the first snapshot. */
  static async join(url: string, code: string, options: { outbox?: OutboxOptions } & Omit<ConnectOptions, "cookie"> = {}) {
    const device = newDeviceSecret();
    let phone: SimulatedPhone | undefined;
    const socket = connect(url, { role: "participant", code, device }, {
      ...options,
      onSocket: (socket) => {
        phone = new SimulatedPhone(socket, device, options.outbox ?? {});
        options.onSocket?.(socket);
      },
    });
    await nextEvent(socket, "participant:snapshot", () => true, 15_000);
    return phone!;
  }

  /** Answers the prompt on screen; resolves when the phone knows how it ended (a phone answers one question at a time). */
  answer(prompt: Pick<Prompt, "id" | "question">, answer: Answer): Promise<Delivery> {
    return new Promise((resolve) => {
      this.settle = resolve;
      this.outbox.submit(randomToken(12), prompt, answer);
    });
  }

  close(): void {
    this.outbox.close();
    this.socket.disconnect();
  }

  private finish(delivery: Delivery) {
    const settle = this.settle;
    this.settle = undefined;
    settle?.(delivery);
  }
}

/**
 * A burst: every phone answers once (`answerOf` its index), each at a random moment within `withinMs`.
 * `onCommitted` hears the running count of acknowledged answers, so a test can fault the server at a point of the
 * burst. Resolves with how each answer ended, in the phones' order.
 */
export function answerInBurst(
  phones: SimulatedPhone[],
  prompt: Pick<Prompt, "id" | "question">,
  answerOf: (i: number) => Answer,
  withinMs: number,
  onCommitted: (count: number) => void = () => {},
): Promise<Delivery[]> {
  let committed = 0;
  return Promise.all(
    phones.map(
      (phone, i) =>
        new Promise<Delivery>((resolve) => {
          setTimeout(() => {
            void phone.answer(prompt, answerOf(i)).then((delivery) => {
              if (delivery === "committed") onCommitted(++committed);
              resolve(delivery);
            });
          }, Math.random() * withinMs);
        }),
    ),
  );
}

