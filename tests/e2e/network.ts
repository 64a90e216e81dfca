import net from "node:net";

/** The two ends of one TCP connection through the proxy, as seen by it. */
interface Side {
  socket: net.Socket;
  /** The phone's end: what it sends goes up, to the server. */
  phone: boolean;
  /** What this end sent while the network was down, in order. */
  held: Buffer[];
  /** This end closed (FIN, reset or error) while the network was down, and the other end hasn't heard yet. */
  closedWhileDown: boolean;
}

/**
 * A network for one phone that can go away: a TCP proxy between the phone's browser and the server.
 *
 * `drop()` is a phone whose network has gone (a lift, a tunnel, Wi-Fi out of range): connections already open
 * stall, with no FIN and no data either way, so each end only finds out through its own timeouts (Socket.IO's
 * ping, 25 + 20 s); new connections are refused at once, as a phone with no network fails them.
 *
 * `restore()` is the same network coming back, so TCP retransmission delivers what each end sent meanwhile, in
 * order, to the other end, if that end is still there. An end that closed during the drop (the server gives up on a
 * phone after its ping timeout) has nothing left to take the data: the other end's held bytes are lost, and that
 * end hears the close after whatever the closed end sent before it. Flushing, rather than cutting every
 * stalled connection, is the harder case for the app: an answer sent into the dead network can still arrive late,
 * after the phone gave up waiting for it, and must then be stored once, or not at all, never twice.
 */
export class FlakyNetwork {
  /** Which ways the network carries nothing: up (phone to server), down (server to phone). */
  private readonly blocked = { up: false, down: false };
  private readonly links = new Set<[Side, Side]>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on("connection", (phone) => this.accept(phone));
  }

  /** Listens on a free port of 127.0.0.1 and forwards every connection to `target`. */
  static async start(target: { host: string; port: number }): Promise<FlakyNetwork> {
    const server = net.createServer({ allowHalfOpen: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", resolve);
    });
    return new FlakyNetwork(server, target);
  }

  /** The base URL a phone uses instead of the server's. Its host is the proxy's, in Origin and Host alike. */
  get url(): string {
    const { port } = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  drop(): void {
    this.blocked.up = this.blocked.down = true;
  }

  restore(): void {
    this.blocked.up = this.blocked.down = false;
    for (const [a, b] of this.links) {
      if (a.closedWhileDown && b.closedWhileDown) {
        a.socket.destroy();
        b.socket.destroy();
        continue;
      }
      this.deliver(a, b);
      this.deliver(b, a);
    }
  }

  /**
   * After a drop, only the way up comes back: what the phone sent reaches the server, but nothing reaches the phone
   * (a weak signal that carries the phone's small packets, not the replies). With `cut()` after it, the server has
   * the phone's answer and the phone never hears that it arrived.
   */
  restoreUplink(): void {
    this.blocked.up = false;
    for (const [phone, server] of this.links) this.deliver(phone, server);
  }

  /** Resets every connection now: the phone's network changed under it (a new address), nothing is retransmitted. */
  cut(): void {
    for (const [a, b] of this.links) for (const side of [a, b]) side.socket.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(phone: net.Socket) {
    if (this.blocked.up && this.blocked.down) {
      phone.resetAndDestroy();
      return;
    }
    const server = net.connect({ ...this.target, allowHalfOpen: true });
    const link: [Side, Side] = [
      { socket: phone, phone: true, held: [], closedWhileDown: false },
      { socket: server, phone: false, held: [], closedWhileDown: false },
    ];
    this.links.add(link);
    const [a, b] = link;
    this.forward(a, b);
    this.forward(b, a);
    let open = 2;
    for (const side of link) side.socket.once("close", () => --open === 0 && this.links.delete(link));
  }

  /** Passes what `from` sends on to `to`, or holds it while the network is down. */
  private forward(from: Side, to: Side) {
    const down = () => (from.phone ? this.blocked.up : this.blocked.down);
    from.socket.on("data", (chunk: Buffer) => {
      if (down()) from.held.push(chunk);
      else if (!to.socket.writableEnded && !to.socket.destroyed) to.socket.write(chunk);
    });
    const closed = (reset: boolean) => {
      if (down()) from.closedWhileDown = true;
      else if (reset) to.socket.resetAndDestroy();
      else to.socket.end();
    };
    from.socket.on("end", () => closed(false));
    from.socket.on("error", () => closed(true));
  }

  /** After the drop: what `from` sent reaches `to`, if `to` is still there to take it, then `from`'s close if it closed. */
  private deliver(from: Side, to: Side) {
    const held = from.held.splice(0);
    // `to` closed meanwhile: `from` hears of it when the other direction is delivered.
    if (to.closedWhileDown) return;
    for (const chunk of held) to.socket.write(chunk);
    if (from.closedWhileDown) {
      from.closedWhileDown = false;
      to.socket.end();
    }
  }
}
