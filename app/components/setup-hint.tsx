/** What to do while Beside has no accounts yet: the server's setup link, or the account command line. */
export function SetupHint() {
  return (
    <p className="notice">
      Beside has no accounts yet. Open the setup link printed in the server&apos;s output, or run{" "}
      <code>npm run account -- add --role organiser --email you@example.org --name &quot;Your name&quot;</code>.
    </p>
  );
}
