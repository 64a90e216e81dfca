import { formatsFor } from "../intl";

type StaffEn = typeof import("../en/staff").staff;

const de = formatsFor("de");

/** Die Seiten für Organisator:innen und Moderation außerhalb der Bibliothek: Kopfzeile, Startseite, Anmelden, Einrichten, Konten. */
export const staff = {
  roles: { organiser: "Organisator:in", facilitator: "Moderator:in" } satisfies StaffEn["roles"],
  roleWords: { organiser: "Organisator:in", facilitator: "Moderator:in" } satisfies StaffEn["roleWords"],
  header: {
    nav: "Hauptmenü",
    library: "Bibliothek",
    accounts: "Konten",
    settings: "Einstellungen",
    guide: "Leitfaden für die Moderation",
    signOut: "Abmelden",
  } satisfies StaffEn["header"],
  home: {
    intro:
      "Beantworte die Fragen einer Gruppe anonym auf deinem Handy. Niemand, auch nicht die Moderation, kann sehen, wer was geantwortet hat.",
    join: "Bei einem Treffen mitmachen",
    staff: "Du organisierst oder moderierst?",
    signIn: "Anmelden",
  } satisfies StaffEn["home"],
  setupHint: {
    text: "Beside hat noch keine Konten. Öffne den Einrichtungslink aus der Ausgabe des Servers oder führe diesen Befehl aus:",
    end: ".",
  } satisfies StaffEn["setupHint"],
  signIn: {
    title: "Anmelden · Beside",
    heading: "Anmelden",
    join: "Bei einem Treffen mitmachen",
    intro:
      "Für Organisator:innen und Moderation. Um in einem Treffen Fragen zu beantworten, brauchst du kein Konto: Nimm den Code des Treffens.",
    password: "Passwort",
    submit: "Anmelden",
    busy: "Anmeldung läuft…",
    refused: (refusal: string) => `${refusal} Passwort vergessen? Bitte eine Organisator:in, es zurückzusetzen.`,
  } satisfies StaffEn["signIn"],
  setup: {
    title: "Beside einrichten",
    heading: "Beside einrichten",
    intro:
      "Leg das erste Konto für eine Organisator:in an. Organisator:innen pflegen die Bibliothek der Pläne, sehen vergangene Durchläufe und legen weitere Konten an.",
    badLink: "Dieser Einrichtungslink ist ungültig. Nimm den Link, den der Server beim Start ausgegeben hat.",
    name: "Dein Name",
    password: "Passwort",
    submit: "Konto als Organisator:in anlegen",
    busy: "Wird angelegt…",
  } satisfies StaffEn["setup"],
  fields: {
    email: "E-Mail",
    newPasswordHint: (min: number) => `Mindestens ${min} Zeichen. Ein kurzer Satz lässt sich gut merken.`,
  } satisfies StaffEn["fields"],
  account: {
    title: "Dein Konto · Beside",
    heading: "Dein Konto",
    name: "Name",
    email: "E-Mail",
    role: "Rolle",
    askOrganiser: "Wenn du deinen Namen, deine E-Mail-Adresse oder deine Rolle ändern möchtest, frag eine Organisator:in.",
    changePassword: "Passwort ändern",
    changed: "Dein Passwort ist geändert. Alle anderen Browser, in denen du angemeldet warst, wurden abgemeldet.",
    current: "Aktuelles Passwort",
    newPassword: "Neues Passwort",
    submit: "Passwort ändern",
    busy: "Wird geändert…",
    languageHeading: "Deine Sprache",
    languageLabel: "Sprache",
    languageHint: "Deine Seiten und deine Konsole sprechen sie. Die Leinwand und die Handys sprechen die Sprache des Plans.",
    languageSubmit: "Sprache speichern",
    languageSaved: "Deine Sprache ist gespeichert.",
  } satisfies StaffEn["account"],
  accounts: {
    title: "Konten · Beside",
    heading: "Konten",
    intro:
      "Organisator:innen pflegen die Bibliothek der Pläne, sehen vergangene Durchläufe, ändern Einstellungen und verwalten Konten. " +
      "Moderator:innen leiten Treffen. Teilnehmende brauchen nie ein Konto.",
    caption: "Alle, die sich bei Beside anmelden können",
    columns: { name: "Name", email: "E-Mail", role: "Rolle", status: "Status", changes: "Ändern" } satisfies StaffEn["accounts"]["columns"],
    you: "(du)",
    disabled: "Gesperrt",
    active: "Aktiv",
    roleOf: (name: string) => `Rolle von ${name}`,
    changeRole: "Rolle ändern",
    changeOwnRole: "Deine eigene Rolle ändern? Nur eine andere Organisator:in könnte das rückgängig machen.",
    ownRoleNote:
      "Das bist du. Wenn du dich zur Moderator:in machst, verlierst du sofort den Zugang zu dieser Seite, " +
      "und nur eine andere Organisator:in kann dich wieder zur Organisator:in machen.",
    enable: "Entsperren",
    disable: "Sperren",
    edit: "Name oder E-Mail bearbeiten",
    nameOf: (name: string) => `Name von ${name}`,
    emailOf: (name: string) => `E-Mail von ${name}`,
    emailHint: "Die Person meldet sich ab jetzt mit dieser Adresse an.",
    saveEdit: "Name und E-Mail speichern",
    resetPassword: "Passwort zurücksetzen",
    newPasswordFor: (name: string) => `Neues Passwort für ${name}`,
    resetHint: (min: number) => `Mindestens ${min} Zeichen. Die Person wird überall abgemeldet.`,
    setPassword: "Neues Passwort setzen",
    add: "Konto hinzufügen",
    name: "Name",
    email: "E-Mail",
    role: "Rolle",
    firstPassword: "Erstes Passwort",
    firstPasswordHint: (min: number) =>
      `Mindestens ${min} Zeichen. Gib es der Person persönlich; sie kann es auf ihrer Kontoseite ändern.`,
    submitAdd: "Konto hinzufügen",
    adding: "Wird hinzugefügt…",
    unknownIntent: "Das kann diese Seite nicht.",
    done: {
      added: (name: string, role: string) => `${name} wurde als ${role} hinzugefügt.`,
      edited: (name: string, email: string) => `Gespeichert: ${name}, ${email}.`,
      roleChanged: (name: string, role: string) => `${name} ist jetzt ${role}.`,
      disabled: (name: string) => `${name} ist gesperrt und wurde überall abgemeldet.`,
      enabled: (name: string) => `${name} kann sich wieder anmelden.`,
      passwordReset: (name: string) =>
        `Das Passwort von ${name} wurde zurückgesetzt, und die Person wurde überall abgemeldet. Gib ihr das neue Passwort persönlich.`,
    } satisfies StaffEn["accounts"]["done"],
  } satisfies StaffEn["accounts"],
  forms: {
    enterEmail: "Gib eine E-Mail-Adresse ein.",
    chooseLanguage: "Wähle eine der Sprachen aus der Liste.",
    emailTooLong: "Diese E-Mail-Adresse ist zu lang.",
    emailLike: "Gib eine E-Mail-Adresse ein, etwa name@example.org.",
    enterName: "Gib einen Namen ein.",
    nameTooLong: (max: number) => `Der Name darf höchstens ${max} Zeichen lang sein.`,
    choosePassword: "Wähle ein Passwort.",
    passwordTooShort: (min: number) => `Nimm mindestens ${min} Zeichen.`,
    passwordTooLong: (max: number) => `Das Passwort darf höchstens ${max} Zeichen lang sein.`,
    enterPassword: "Gib dein Passwort ein.",
    chooseRole: "Wähle Organisator:in oder Moderator:in.",
    enterCurrentPassword: "Gib dein aktuelles Passwort ein.",
    chooseAccount: "Wähle ein Konto.",
  } satisfies StaffEn["forms"],
  refusals: {
    setupLink: "Dieser Einrichtungslink ist ungültig, oder Beside ist schon eingerichtet.",
    emailTaken: "Es gibt schon ein Konto mit dieser E-Mail-Adresse.",
    emailTakenByAnother: "Ein anderes Konto hat schon diese E-Mail-Adresse.",
    wrongPassword: "Diese E-Mail-Adresse und dieses Passwort passen zu keinem aktiven Konto.",
    currentPasswordWrong: "Dein aktuelles Passwort stimmt nicht.",
    noSuchAccount: "Dieses Konto gibt es nicht.",
    lastOrganiser: "Beside braucht mindestens eine aktive Organisator:in. Mach zuerst ein anderes Konto zur Organisator:in.",
    tooManyTries: (seconds: number) =>
      `Zu viele falsche Passwörter. Versuch es in ${de.plural(seconds, { one: "# Sekunde", other: "# Sekunden" })} noch einmal.`,
    busy: "Beside meldet gerade viele Menschen an; versuch es in ein paar Sekunden noch einmal.",
    organisersOnly: "Diese Seite ist für Organisator:innen. Frag eine Organisator:in, wenn hier etwas geändert werden soll.",
  } satisfies StaffEn["refusals"],
  facilitatorLink: {
    invalid: "Dieser Moderationslink ist ungültig. Prüf, ob er vollständig kopiert wurde.",
    ended: "Dieses Treffen ist zu Ende.",
  } satisfies StaffEn["facilitatorLink"],
} satisfies StaffEn;
