import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { signInWith } from "../helpers/auth";
import { freshDatabase, onPostgres, storageEnv } from "../helpers/backend";
import { query } from "../helpers/database";
import { useTestServers } from "../helpers/lifecycle";

const startServer = useTestServers("test");

/** Runs `npm run account -- …args` as an operator would, with only this environment (and PATH). */
function account(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/account.ts", ...args], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** A database of the test's own, not yet used: a SQLite file, or on the PostgreSQL lane a fresh database's URL. */
const tempDatabase = async () => (onPostgres ? freshDatabase() : path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-cli-")), "beside.db"));

// Each test starts the command line several times (a TypeScript program, compiled as it starts): on a busy machine
// that is work to wait for, tens of seconds, not a budget.
describe("the account command line", { timeout: 120_000 }, () => {
  it("adds and lists accounts on the database a running server uses, and that server lets them sign in", async () => {
    const dbFile = await tempDatabase();
    // The server is up first: the command line writes beside it (WAL), as on a live install.
    const server = await startServer({ dbFile });
    const env = { ...storageEnv(dbFile), BESIDE_PASSWORD: "a calm room with tea" };

    const added = await account(["add", "--email", "Olive@Example.org", "--name", "Olive Organiser", "--role", "organiser"], env);
    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toContain("Added Olive Organiser <olive@example.org> as organiser.");
    // Piped in, for scripts that don't want the password in their environment.
    const piped = await account(["add", "--email", "fran@example.org", "--name", "Fran Facilitator", "--role", "facilitator"], storageEnv(dbFile), "tea and biscuits at six\n");
    expect(piped.code).toBe(0);

    const list = await account(["list"], storageEnv(dbFile));
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split("\n")).toEqual([
      "fran@example.org\tFran Facilitator\tFacilitator\tactive",
      "olive@example.org\tOlive Organiser\tOrganiser\tactive",
    ]);
    expect(list.stdout).not.toContain("scrypt$");

    const organiser = await signInWith(server.url, "olive@example.org", env.BESIDE_PASSWORD);
    expect((await fetch(`${server.url}/accounts`, { headers: { Cookie: organiser } })).status).toBe(200);
    await signInWith(server.url, "fran@example.org", "tea and biscuits at six");
    // The setup link stopped working once the command line made the first organiser.
    expect((await fetch(`${server.url}/setup?token=anything`, { redirect: "manual" })).headers.get("location")).toBe("/login");

    // Disabling from the command line signs the account out of the running server at once.
    const facilitator = await signInWith(server.url, "fran@example.org", "tea and biscuits at six");
    expect(await account(["disable", "--email", "fran@example.org"], storageEnv(dbFile))).toMatchObject({ code: 0 });
    expect((await fetch(`${server.url}/library`, { headers: { Cookie: facilitator }, redirect: "manual" })).status).toBe(302);
  });

  it("refuses bad input with a clear message and a non-zero exit, changing nothing", async () => {
    const dbFile = await tempDatabase();
    const env = { ...storageEnv(dbFile), BESIDE_PASSWORD: "a calm room with tea" };
    expect((await account(["add", "--email", "olive@example.org", "--name", "Olive", "--role", "organiser"], env)).code).toBe(0);

    const refusals: Array<[string[], Record<string, string>, string]> = [
      [["add", "--email", "OLIVE@example.org", "--name", "Olive Again", "--role", "facilitator"], env, "An account with that email address already exists."],
      [["add", "--email", "bo@example.org", "--name", "Bo", "--role", "boss"], env, "--role: Choose organiser or facilitator."],
      [["add", "--email", "not an address", "--name", "Bo", "--role", "facilitator"], env, "--email: Enter an email address like name@example.org."],
      [["add", "--email", "bo@example.org", "--role", "facilitator"], env, "--name: Enter a name."],
      [["add", "--email", "bo@example.org", "--name", "Bo", "--role", "facilitator"], { ...env, BESIDE_PASSWORD: "short" }, "Use at least 12 characters."],
      [["add", "--email", "bo@example.org", "--name", "Bo", "--role", "facilitator"], storageEnv(dbFile), "Use at least 12 characters."],
      [["disable", "--email", "olive@example.org"], env, "Beside needs at least one active organiser."],
      [["enable", "--email", "nobody@example.org"], env, "There is no account with the email address nobody@example.org."],
      [["add", "--emial", "bo@example.org"], env, "Unknown option '--emial'"],
      [["remove", "--email", "olive@example.org"], env, 'Unknown command "remove".'],
      [[], env, "Usage: npm run account -- <command>"],
    ];
    for (const [args, commandEnv, message] of refusals) {
      const result = await account(args, commandEnv);
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(result.stderr, args.join(" ")).toContain(message);
      // An operator's mistake, not a crash: no stack trace.
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(query(dbFile, "select email, role, disabled_at from accounts")).toEqual([{ email: "olive@example.org", role: "organiser", disabled_at: null }]);
  });

  it("resets a password: the new one signs in, the old one doesn't", async () => {
    const dbFile = await tempDatabase();
    const env = { ...storageEnv(dbFile), BESIDE_PASSWORD: "a calm room with tea" };
    await account(["add", "--email", "olive@example.org", "--name", "Olive", "--role", "organiser"], env);
    const reset = await account(["reset-password", "--email", "olive@example.org"], storageEnv(dbFile), "a fresh start today\n");
    expect(reset).toMatchObject({ code: 0, stderr: "" });
    expect(reset.stdout).not.toContain("a fresh start today");

    const server = await startServer({ dbFile });
    await signInWith(server.url, "olive@example.org", "a fresh start today");
    await expect(signInWith(server.url, "olive@example.org", env.BESIDE_PASSWORD)).rejects.toThrow(/401/);
  });

  it("renames: corrects an email address or name, and refuses an address another account has, in any case", async () => {
    const dbFile = await tempDatabase();
    const env = { ...storageEnv(dbFile), BESIDE_PASSWORD: "a calm room with tea" };
    await account(["add", "--email", "olive@example.org", "--name", "Olive", "--role", "organiser"], env);
    await account(["add", "--email", "fran@example.org", "--name", "Fran", "--role", "facilitator"], env);

    const refusals: Array<[string[], string]> = [
      [["rename", "--email", "fran@example.org", "--new-email", "OLIVE@example.org"], "Another account already has that email address."],
      [["rename", "--email", "fran@example.org"], "give a --new-email, a --name or both."],
      [["rename", "--email", "fran@example.org", "--new-email", "not an address"], "--new-email: Enter an email address like name@example.org."],
      [["rename", "--email", "fran@example.org", "--name", ""], "--name: Enter a name."],
      [["rename", "--email", "nobody@example.org", "--name", "Nobody"], "There is no account with the email address nobody@example.org."],
    ];
    for (const [args, message] of refusals) {
      const result = await account(args, storageEnv(dbFile));
      expect(result.code, args.join(" ")).not.toBe(0);
      expect(result.stderr, args.join(" ")).toContain(message);
    }

    const renamed = await account(["rename", "--email", "FRAN@example.org", "--new-email", "Frances@Example.org", "--name", "Frances"], {
      ...storageEnv(dbFile),
    });
    expect(renamed).toMatchObject({ code: 0, stderr: "" });
    expect(renamed.stdout).toContain("Fran <fran@example.org> is now Frances <frances@example.org>.");
    // Only the name: the address stays.
    expect((await account(["rename", "--email", "olive@example.org", "--name", "Olive Organiser"], storageEnv(dbFile))).code).toBe(0);
    expect(query(dbFile, "select email, name from accounts order by email")).toEqual([
      { email: "frances@example.org", name: "Frances" },
      { email: "olive@example.org", name: "Olive Organiser" },
    ]);

    const server = await startServer({ dbFile });
    await signInWith(server.url, "frances@example.org", env.BESIDE_PASSWORD);
    await expect(signInWith(server.url, "fran@example.org", env.BESIDE_PASSWORD)).rejects.toThrow(/401/);
  });
});
