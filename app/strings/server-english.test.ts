import fs from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Codes, not sentences, over the wire (issue 18): the modules a phone, the display or the console reaches on the
 * server send a refusal's reason and parameters, and each page says it in its own language. These tests read
 * those modules' source and fail on an English sentence in them, or on their reaching into a catalogue's English
 * directly (a module that must say something picks the catalogue of the right language: catalogues.server.ts).
 * Logs, thrown errors (which become a `server-error` code and a log line) and SQL are not said to anyone.
 */
const ROOM_MODULES = (file: string) =>
  file.startsWith("server/") || /^app\/(domain|runs|realtime)\//.test(file) || /^app\/prompts\/[^/]+\/index\.ts$/.test(file);

/** What stays, and why. Each entry is a file and the text it holds. */
const ALLOWED: Record<string, { why: string; texts?: string[]; importsEnglish?: true }> = {
  "app/realtime/schemas.ts": { why: "zod's own note on a refused handshake; the client gets only invalid-payload", texts: ['"not a join code"'] },
  "app/realtime/use-run-socket.ts": { why: "Socket.IO's reason for a disconnect, compared, never shown", texts: ['"io server disconnect"'] },
  "app/prompts/ranking/index.ts": { why: "the CSV export's row labels: CSV stays a data format in English", importsEnglish: true },
  "server/app.ts": { why: "part of a start-up log line", texts: ['"the Get help list in Settings"'] },
  "app/runs/engine/maintenance.server.ts": { why: "why the log could not be emptied, for the server's log", texts: ['"another connection is reading the database"'] },
  "app/runs/run-report.server.ts": { why: "the CSV export's question-box row label: CSV stays a data format in English", importsEnglish: true },
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

const modules = ["server", "app"]
  .flatMap(filesUnder)
  .map((file) => file.split(path.sep).join("/"))
  .filter((file) => /\.tsx?$/.test(file) && !/\.(test|fuzz)\.tsx?$/.test(file) && ROOM_MODULES(file));

/** Three words or more of letters, and nothing that makes it code (a cookie, a selector, markup). */
function isSentence(literal: string): boolean {
  const text = literal.replace(/\$\{[^}]*\}/g, "");
  return !/[=;<>{}[\]]/.test(text) && /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text);
}

/** Calls whose text goes only to the server's log, and constructions that become a code and a log line. */
const NOT_SAID = (node: ts.Node, source: ts.SourceFile): boolean =>
  (ts.isCallExpression(node) && /(^|\.)(logger|log|console)\.|(^|\.)(info|warn|error|onProblem|onNotice)$/.test(node.expression.getText(source))) ||
  (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(source))) ||
  (ts.isTaggedTemplateExpression(node) && /sql/.test(node.tag.getText(source))) ||
  ts.isImportDeclaration(node) ||
  ts.isExportDeclaration(node);

function sentencesIn(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (NOT_SAID(node, source)) return;
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) && isSentence(node.getText(source))) {
      found.push(node.getText(source));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const importsEnglish = (file: string) => /from "~\/strings\/en(\/[\w-]+)?"/.test(fs.readFileSync(file, "utf8"));

describe("the server modules of the room", () => {
  it("are found", () => {
    expect(modules).toEqual(expect.arrayContaining(["server/socket/handlers.ts", "app/runs/engine/commands.server.ts", "app/domain/result.ts", "app/prompts/scale/index.ts"]));
  });

  it("hold no English sentence for anyone to read, beyond the few named here and why", () => {
    const found = modules.flatMap((file) => sentencesIn(file).filter((text) => !ALLOWED[file]?.texts?.includes(text)).map((text) => `${file}: ${text}`));
    expect(found).toEqual([]);
  });

  it("never reach into the English catalogue, beyond the few named here and why", () => {
    const reaching = modules.filter((file) => importsEnglish(file) && !ALLOWED[file]?.importsEnglish);
    expect(reaching).toEqual([]);
  });

  it("would be caught saying a sentence: the check finds one in a module written so", () => {
    const file = path.join(fs.mkdtempSync(path.join(process.cwd(), "tmp-english-")), "refuse.ts");
    try {
      fs.writeFileSync(file, 'export const refuse = () => fail("not-found", "There is no such slide.");\nlogger.warn("a log line is fine here");\n');
      expect(sentencesIn(file)).toEqual(['"There is no such slide."']);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
