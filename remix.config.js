/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Keep the participant bundle small: nothing from node_modules is polyfilled.
  browserNodeBuiltinsPolyfill: undefined,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off, on purpose (decision 041): on a weak signal each costs a phone more requests than it saves.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
