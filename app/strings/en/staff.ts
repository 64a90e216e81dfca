import { formatsFor } from "../intl";
import type { Role } from "~/auth/roles";


const en = formatsFor("en");

/** The organiser and facilitator pages outside the library: the header, the front door, signing in, setup, accounts. */
export const staff = {
  roles: { organiser: "Organiser", facilitator: "Facilitator" } satisfies Record<Role, string>,
  /** A role inside a sentence: "Added Nia as facilitator." */
  roleWords: { organiser: "organiser", facilitator: "facilitator" } satisfies Record<Role, string>,
  header: {
    nav: "Main",
    library: "Library",
    accounts: "Accounts",
    settings: "Settings",
    guide: "Facilitator guide",
    signOut: "Sign out",
  },
  home: {
    intro:
      "Answer a group's questions from your phone, anonymously. Nobody, the facilitator included, can see who answered what.",
    join: "Join a session",
    staff: "Organiser or facilitator?",
    signIn: "Sign in",
  },
  /** Before and after the account command, shown as code. */
  setupHint: {
    text: "Beside has no accounts yet. Open the setup link printed in the server's output, or run",
    end: ".",
  },
  signIn: {
    title: "Sign in · Beside",
    heading: "Sign in",
    join: "Join a session",
    intro:
      "For organisers and facilitators. To answer questions in a session, you don't need an account: use the session's code.",
    password: "Password",
    submit: "Sign in",
    busy: "Signing in…",
    refused: (refusal: string) => `${refusal} Forgot your password? Ask an organiser to reset it.`,
  },
  setup: {
    title: "Set up Beside",
    heading: "Set up Beside",
    intro: "Create the first organiser account. Organisers keep the plan library, see past runs and add other accounts.",
    badLink: "This setup link isn't valid. Use the link printed in the server's output when it started.",
    name: "Your name",
    password: "Password",
    submit: "Create organiser account",
    busy: "Creating…",
  },
  fields: {
    email: "Email",
    newPasswordHint: (min: number) => `At least ${min} characters. A short sentence is easy to remember.`,
  },
  account: {
    title: "Your account · Beside",
    heading: "Your account",
    name: "Name",
    email: "Email",
    role: "Role",
    askOrganiser: "To change your name, email address or role, ask an organiser.",
    changePassword: "Change your password",
    changed: "Your password is changed. Any other browser signed in as you has been signed out.",
    current: "Current password",
    newPassword: "New password",
    submit: "Change password",
    busy: "Changing…",
    languageHeading: "Your language",
    languageLabel: "Language",
    languageHint: "Your pages and your console speak it. The display and the phones speak the plan's language.",
    languageSubmit: "Save language",
    languageSaved: "Your language is saved.",
  },
  accounts: {
    title: "Accounts · Beside",
    heading: "Accounts",
    intro:
      "Organisers keep the plan library, see past runs, change settings and manage accounts. Facilitators run sessions. " +
      "Participants never need an account.",
    caption: "Everyone who can sign in to Beside",
    columns: { name: "Name", email: "Email", role: "Role", status: "Status", changes: "Changes" },
    you: "(you)",
    disabled: "Disabled",
    active: "Active",
    roleOf: (name: string) => `Role of ${name}`,
    changeRole: "Change role",
    changeOwnRole: "Change your own role? Only another organiser could undo it.",
    ownRoleNote:
      "This is you. If you make yourself a facilitator you lose this page at once, " +
      "and only another organiser can make you an organiser again.",
    enable: "Enable",
    disable: "Disable",
    edit: "Edit name or email",
    nameOf: (name: string) => `Name of ${name}`,
    emailOf: (name: string) => `Email of ${name}`,
    emailHint: "They sign in with this address from now on.",
    saveEdit: "Save name and email",
    resetPassword: "Reset password",
    newPasswordFor: (name: string) => `New password for ${name}`,
    resetHint: (min: number) => `At least ${min} characters. They will be signed out everywhere.`,
    setPassword: "Set new password",
    add: "Add an account",
    name: "Name",
    email: "Email",
    role: "Role",
    firstPassword: "First password",
    firstPasswordHint: (min: number) =>
      `At least ${min} characters. Give it to them in person; they can change it on their account page.`,
    submitAdd: "Add account",
    adding: "Adding…",
    unknownIntent: "That isn't something this page can do.",
    /** What a change did, said after it; `role` is a role in a sentence (roleWords). */
    done: {
      added: (name: string, role: string) => `Added ${name} as ${role}.`,
      edited: (name: string, email: string) => `Saved: ${name}, ${email}.`,
      roleChanged: (name: string, role: string) => `${name} is now ${role}.`,
      disabled: (name: string) => `${name} is disabled and has been signed out everywhere.`,
      enabled: (name: string) => `${name} can sign in again.`,
      passwordReset: (name: string) =>
        `${name}'s password has been reset and they have been signed out everywhere. Give them the new password in person.`,
    },
  },
  /** The account forms' checks, in the browser and in the actions alike. */
  forms: {
    enterEmail: "Enter an email address.",
    chooseLanguage: "Choose one of the languages in the list.",
    emailTooLong: "That email address is too long.",
    emailLike: "Enter an email address like name@example.org.",
    enterName: "Enter a name.",
    nameTooLong: (max: number) => `Keep the name to ${max} characters.`,
    choosePassword: "Choose a password.",
    passwordTooShort: (min: number) => `Use at least ${min} characters.`,
    passwordTooLong: (max: number) => `Keep the password to ${max} characters.`,
    enterPassword: "Enter your password.",
    chooseRole: "Choose organiser or facilitator.",
    enterCurrentPassword: "Enter your current password.",
    chooseAccount: "Choose an account.",
  },
  /** Why the accounts service refused a change or a sign-in. */
  refusals: {
    setupLink: "This setup link isn't valid, or Beside has already been set up.",
    emailTaken: "An account with that email address already exists.",
    emailTakenByAnother: "Another account already has that email address.",
    wrongPassword: "That email address and password don't match an active account.",
    currentPasswordWrong: "Your current password isn't right.",
    noSuchAccount: "That account doesn't exist.",
    lastOrganiser: "Beside needs at least one active organiser. Make another account an organiser first.",
    tooManyTries: (seconds: number) =>
      `Too many wrong passwords. Try again in ${en.plural(seconds, { one: "# second", other: "# seconds" })}.`,
    busy: "Beside is busy signing people in; try again in a few seconds.",
    organisersOnly: "This page is for organisers. Ask an organiser if you need something changed here.",
  },
  facilitatorLink: {
    invalid: "This facilitator link isn't valid. Check that it was copied whole.",
    ended: "This session has ended.",
  },
};
