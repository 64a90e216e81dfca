import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { sql } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";

import { openDatabase, writeMark, type DatabaseHandle } from "./db.server";
import { rewriteDecisionsInKeyOrder, setDecision } from "./moderation.server";
import { rewriteResponsesInKeyOrder, upsertResponse } from "./response.server";

let database: DatabaseHandle | undefined;

afterEach(() => database?.close());

it("writes a prompt's rows back exactly as they were stored, text and released copies included", () => {
  database = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-unit-")), "beside.db"));
  const { db, sqlite } = database;
  db.run(sql`insert into plan_snapshots values ('h', 'p', 'x', 0)`);
  db.run(sql`insert into runs (id, code, plan_id, plan_hash, facilitator_secret_hash, response_key_salt, k, started_at) values ('r', 'C', 'p', 'h', 'f', 's', 5, 0)`);
  const texts = ['say "no"', "back\\slash", "line\nbreak", "émoji 🙂 ünï", "[1,2]", "null", "", "tab\tend", "\u2028"];
  texts.forEach((text, i) => upsertResponse(db, { runId: "r", promptId: "q", responseKey: `key ${9 - i}`, answer: { passed: false, values: [text] } }));
  upsertResponse(db, { runId: "r", promptId: "q", responseKey: "words", answer: { passed: false, values: ["a", "b"] } });
  upsertResponse(db, { runId: "r", promptId: "q", responseKey: "pass", answer: { passed: true, values: [] } });
  upsertResponse(db, { runId: "r", promptId: "other", responseKey: "k", answer: { passed: false, values: [3] } });
  // A released copy whose text was deleted, and one as stored by SQL's own JSON functions.
  db.run(sql`update responses set released_answer = '[null]' where response_key = 'key 9'`);
  db.run(sql`update responses set released_answer = json_array('a', 'b') where response_key = 'words'`);
  for (const text of texts) setDecision(db, "r", "q", text, "approved");
  const stored = () =>
    JSON.stringify([
      sqlite.prepare("select *, typeof(passed), typeof(answer), typeof(released_answer) from responses order by prompt_id, response_key").raw().all(),
      sqlite.prepare("select * from moderations order by value").raw().all(),
    ]);
  const before = stored();

  db.transaction((tx) => {
    rewriteResponsesInKeyOrder(tx, "r", "q");
    rewriteDecisionsInKeyOrder(tx, "r");
  });

  expect(stored()).toBe(before);
  // The rows waited in this connection's temporary tables; nothing of them stays there.
  expect(sqlite.prepare("select count(*) from temp.rewrite_responses").pluck().get()).toBe(0);
  expect(sqlite.prepare("select count(*) from temp.rewrite_moderations").pluck().get()).toBe(0);
  expect(sqlite.pragma("temp_store", { simple: true })).toBe(2);
});

it("moves its write mark with every write, this connection's or another's, and only then", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "beside-unit-")), "beside.db");
  database = openDatabase(file);
  const { db } = database;
  const other = openDatabase(file);
  try {
    const first = writeMark(db);
    db.get(sql`select count(*) from runs`);
    expect(writeMark(db)).toBe(first);
    db.run(sql`insert into plan_snapshots values ('h', 'p', 'x', 0)`);
    const afterOwn = writeMark(db);
    expect(afterOwn).not.toBe(first);
    // A write that changes no row changes nothing to read.
    db.run(sql`delete from plan_snapshots where hash = 'none'`);
    expect(writeMark(db)).toBe(afterOwn);
    other.db.run(sql`insert into plan_snapshots values ('h2', 'p', 'x', 0)`);
    expect(writeMark(db)).not.toBe(afterOwn);
  } finally {
    other.close();
  }
});
