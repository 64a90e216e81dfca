/**
 * Manages accounts from the command line, on the same database as the server
 * (DATABASE_FILE), even while it runs: `npm run account -- <command>`.
 * The password is read from BESIDE_PASSWORD, else asked for on the terminal
 * (not shown as it is typed), else read from the first line of piped input.
 */
import { parseArgs } from "node:util";

import { z } from "zod";

import { Accounts } from "~/auth/accounts.server";
import { accountForms } from "~/auth/forms";
import { ConfigError, parseConfig } from "~/config/env.server";
import { openStorage } from "~/storage/open.server";
import { staffEn } from "~/strings/en/staff-pages";

// The command line speaks Beside's English, as its own messages do.
const { accountEmailForm, newAccountForm, newPassword, renameAccountForm } = accountForms(staffEn);

const USAGE = `Usage: npm run account -- <command>

  add --email E --name N --role organiser|facilitator   add an account
  list                                                   list every account
  rename --email E [--new-email E2] [--name N]           correct an account's email address or name
  reset-password --email E                               set a new password (signs the account out everywhere)
  disable --email E                                      stop an account signing in (signs it out everywhere)
  enable --email E                                       let a disabled account sign in again

The password comes from BESIDE_PASSWORD if set, else it is asked for, else read from piped input.
DATABASE_FILE chooses the database (default data/beside.db), or DATABASE_URL a PostgreSQL one.`;

/** A problem the person running the command can fix: printed without a stack trace. */
class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    if (command) return console.log(USAGE);
    throw new CommandError(USAGE, 2);
  }
  let options: {
    email?: string;
    "new-email"?: string;
    name?: string;
    role?: string;
  };
  try {
    ({ values: options } = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        "new-email": { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CommandError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }

  const config = parseConfig();
  const storage = await openStorage(config);
  try {
    const accounts = await Accounts.open(storage);
    switch (command) {
      case "add": {
        const fields = parsed(newAccountForm.omit({ password: true }), options);
        const password = await newPasswordGiven();
        const created = await accounts.createAccount({ ...fields, password }, staffEn);
        if (!created.ok) throw new CommandError(created.error.message);
        console.log(`Added ${created.data.name} <${created.data.email}> as ${staffEn.staff.roleWords[created.data.role]}.`);
        return;
      }
      case "list": {
        const all = await accounts.list();
        if (all.length === 0) console.log("No accounts yet.");
        for (const account of all) {
          const status = account.disabled ? "disabled" : "active";
          console.log([account.email, account.name, staffEn.staff.roles[account.role], status].join("\t"));
        }
        return;
      }
      case "rename": {
        const change = parsed(renameAccountForm, {
          email: options.email,
          newEmail: options["new-email"],
          name: options.name,
        });
        if (change.newEmail === undefined && change.name === undefined) {
          throw new CommandError("Nothing was changed: give a --new-email, a --name or both.");
        }
        const account = await existing(accounts, change);
        const renamed = await accounts.change(account.id, { email: change.newEmail, name: change.name }, staffEn);
        if (!renamed.ok) throw new CommandError(`Nothing was changed: ${renamed.error.message}`);
        console.log(`${account.name} <${account.email}> is now ${renamed.data.name} <${renamed.data.email}>.`);
        return;
      }
      case "reset-password": {
        const account = await existing(accounts, options);
        const password = await newPasswordGiven();
        const reset = await accounts.setPassword(account.id, password, {}, staffEn);
        if (!reset.ok) throw new CommandError(reset.error.message);
        console.log(`Set a new password for ${account.email}, and signed it out everywhere.`);
        return;
      }
      case "disable":
      case "enable": {
        const account = await existing(accounts, options);
        const changed = await accounts.change(account.id, { disabled: command === "disable" }, staffEn);
        if (!changed.ok) throw new CommandError(changed.error.message);
        console.log(command === "disable" ? `Disabled ${account.email}, and signed it out everywhere.` : `Enabled ${account.email}.`);
        return;
      }
      default:
        throw new CommandError(`Unknown command "${command}".\n\n${USAGE}`, 2);
    }
  } finally {
    await storage.close();
  }
}

/**
 * The options checked by the web form's schema; each problem is named by its option (newEmail as --new-email).
 * A missing option counts as empty, unless the schema makes it optional.
 */
function parsed<S extends z.AnyZodObject>(schema: S, options: Record<string, string | undefined>): z.output<S> {
  const shape = schema.shape as Record<string, z.ZodTypeAny>;
  const values = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field.isOptional() ? options[key] : options[key] ?? ""]));
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const optionName = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  const lines = result.error.issues.map((issue) => `  --${optionName(issue.path.join("."))}: ${issue.message}`);
  throw new CommandError(`Nothing was changed:\n${lines.join("\n")}`);
}

/** The password, from wherever readPassword finds it, checked as the web forms check it. */
async function newPasswordGiven(): Promise<string> {
  const result = newPassword.safeParse(await readPassword());
  if (result.success) return result.data;
  throw new CommandError(`Nothing was changed: the password isn't accepted. ${result.error.issues[0]?.message ?? ""}`);
}

async function existing(accounts: Accounts, options: { email?: string }) {
  const { email } = parsed(accountEmailForm, options);
  const account = await accounts.findByEmail(email);
  if (!account) throw new CommandError(`There is no account with the email address ${email}.`);
  return account;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.BESIDE_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (process.stdin.isTTY) {
    const first = await askHidden("Password: ");
    const again = await askHidden("The same password again: ");
    if (first !== again) throw new CommandError("The two passwords differ. Nothing was changed.");
    return first;
  }
  return firstLine(await readAll(process.stdin));
}

/** Asks on the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  // Echo off before the question shows, so nothing typed at once is echoed.
  stdin.setRawMode(true);
  process.stderr.write(question);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (done: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      done();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(() => resolve(typed));
        if (char === "\u0003" || char === "\u0004") return finish(() => reject(new CommandError("Stopped. Nothing was changed.", 130)));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else if (char >= " ") typed += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? "";
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CommandError || error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = error instanceof CommandError ? error.exitCode : 1;
  } else {
    throw error;
  }
}
