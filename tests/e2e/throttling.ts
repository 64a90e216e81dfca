import type { Page } from "@playwright/test";

/** A network profile, as Chrome DevTools Protocol's Network.emulateNetworkConditions takes it. */
export interface NetworkProfile {
  offline: boolean;
  /** Bytes per second. */
  downloadThroughput: number;
  uploadThroughput: number;
  /** Milliseconds added to every request. */
  latency: number;
}

/**
 * Chrome DevTools' "Slow 3G" preset (named "3G" in its menu since 2024): Slow3GConditions in DevTools'
 * front_end/core/sdk/NetworkManager.ts, the same as puppeteer's PredefinedNetworkConditions["Slow 3G"]. About 500 kbit/s
 * each way scaled by 0.8 (50,000 bytes/s), and a 400 ms round trip scaled by 5: Chromium adds the latency once per
 * request, not per packet, so DevTools scales it to stand for the handshakes and slow start it doesn't model.
 */
export const SLOW_3G: NetworkProfile = {
  offline: false,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
  latency: 400 * 5,
};

/**
 * DevTools' "Fast 3G" preset (named "Slow 4G" since 2024; puppeteer's PredefinedNetworkConditions["Fast 3G"]): 1.6 Mbit/s
 * down and 750 kbit/s up, each scaled by 0.9, and a 150 ms round trip scaled by 3.75 (562.5 ms per request).
 */
export const FAST_3G: NetworkProfile = {
  offline: false,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  latency: 150 * 3.75,
};

/** Puts `page` on `profile` for every request it makes from now on. */
export async function throttle(page: Page, profile: NetworkProfile) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", profile);
}
