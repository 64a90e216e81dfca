/*
 * Imported first by server/index.ts, before React and React Router load. Without NODE_ENV=production they load
 * their development builds, which are slower and print the address of every request no route matches (a guessed
 * path, a mistyped facilitator link with its secret) to the server's output. Beside's own default is production
 * (app/config/env.server.ts), so an unset NODE_ENV means production for them too.
 */
if (!process.env.NODE_ENV?.trim()) process.env.NODE_ENV = "production";
