import QRCode from "qrcode";

import type { Config } from "~/config/env.server";

import { publicOrigin } from "./public-origin.server";

/** How phones reach a run, as the console and the display show it. */
export interface JoinLinks {
  /** The join page without its scheme, short enough to read from the back of a room: "192.168.1.23:3000/join". */
  page: string;
  /** The run's own link, which the QR code holds: scanning it skips typing the code. */
  url: string;
  /** The QR code of `url`, as an SVG document: dark on light, whatever the display's theme, so every camera reads it. */
  qrSvg: string;
}

export async function joinLinks(request: Request, config: Config, code: string): Promise<JoinLinks> {
  const origin = publicOrigin(request, config);
  const url = `${origin}/j/${code}`;
  // Medium error correction: a projected code survives glare and keystone; margin 2 is QR's quiet zone at half size,
  // and the page puts a light frame around it.
  const qrSvg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return { page: `${origin.replace(/^https?:\/\//, "")}/join`, url, qrSvg };
}
