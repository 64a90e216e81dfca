import { formatsFor } from "../intl";
import type { staff as staffEn } from "../en/staff";

const es = formatsFor("es");

const characters = (count: number) => es.plural(count, { one: "# carácter", other: "# caracteres" });

/** Las páginas de quienes organizan y facilitan fuera de la biblioteca: la cabecera, la portada, entrar, la configuración, las cuentas. */
export const staff = {
  roles: { organiser: "Persona organizadora", facilitator: "Persona facilitadora" } satisfies typeof staffEn.roles,
  /** Un rol dentro de una frase: «Se añadió a Nia como persona facilitadora.» */
  roleWords: { organiser: "persona organizadora", facilitator: "persona facilitadora" } satisfies typeof staffEn.roleWords,
  header: {
    nav: "Principal",
    library: "Biblioteca",
    accounts: "Cuentas",
    settings: "Ajustes",
    guide: "Guía de facilitación",
    signOut: "Salir",
  } satisfies typeof staffEn.header,
  home: {
    intro:
      "Responde desde tu teléfono, de forma anónima, a las preguntas de un grupo. Nadie, ni siquiera quien facilita, puede ver quién respondió qué.",
    join: "Unirse a una sesión",
    staff: "¿Organizas o facilitas sesiones?",
    signIn: "Entrar",
  } satisfies typeof staffEn.home,
  setupHint: {
    text: "Beside todavía no tiene cuentas. Abre el enlace de configuración que aparece en la salida del servidor, o ejecuta",
    end: ".",
  } satisfies typeof staffEn.setupHint,
  signIn: {
    title: "Entrar · Beside",
    heading: "Entrar",
    join: "Unirse a una sesión",
    intro:
      "Para personas organizadoras y facilitadoras. Para responder preguntas en una sesión no necesitas cuenta: usa el código de la sesión.",
    password: "Contraseña",
    submit: "Entrar",
    busy: "Entrando…",
    refused: (refusal: string) => `${refusal} ¿Olvidaste tu contraseña? Pide a una persona organizadora que la restablezca.`,
  } satisfies typeof staffEn.signIn,
  setup: {
    title: "Configurar Beside",
    heading: "Configurar Beside",
    intro:
      "Crea la primera cuenta de persona organizadora. Las personas organizadoras mantienen la biblioteca de planes, ven las sesiones anteriores y añaden otras cuentas.",
    badLink: "Este enlace de configuración no es válido. Usa el enlace que apareció en la salida del servidor al arrancar.",
    name: "Tu nombre",
    password: "Contraseña",
    submit: "Crear cuenta de persona organizadora",
    busy: "Creando…",
  } satisfies typeof staffEn.setup,
  fields: {
    email: "Correo electrónico",
    newPasswordHint: (min: number) => `Al menos ${characters(min)}. Una frase corta es fácil de recordar.`,
  } satisfies typeof staffEn.fields,
  account: {
    title: "Tu cuenta · Beside",
    heading: "Tu cuenta",
    name: "Nombre",
    email: "Correo electrónico",
    role: "Rol",
    askOrganiser: "Para cambiar tu nombre, tu correo electrónico o tu rol, pídeselo a una persona organizadora.",
    changePassword: "Cambiar tu contraseña",
    changed: "Tu contraseña se cambió. Se cerró el acceso en cualquier otro navegador donde hubieras entrado con tu cuenta.",
    current: "Contraseña actual",
    newPassword: "Contraseña nueva",
    submit: "Cambiar contraseña",
    busy: "Cambiando…",
    languageHeading: "Tu idioma",
    languageLabel: "Idioma",
    languageHint: "Tus páginas y tu consola lo usan. La pantalla de la sala y los teléfonos usan el idioma del plan.",
    languageSubmit: "Guardar idioma",
    languageSaved: "Tu idioma quedó guardado.",
  } satisfies typeof staffEn.account,
  accounts: {
    title: "Cuentas · Beside",
    heading: "Cuentas",
    intro:
      "Las personas organizadoras mantienen la biblioteca de planes, ven las sesiones anteriores, cambian los ajustes y gestionan las cuentas. " +
      "Las personas facilitadoras dirigen sesiones. Quienes participan nunca necesitan una cuenta.",
    caption: "Todas las personas que pueden entrar en Beside",
    columns: {
      name: "Nombre",
      email: "Correo electrónico",
      role: "Rol",
      status: "Estado",
      changes: "Cambios",
    } satisfies typeof staffEn.accounts.columns,
    you: "(tú)",
    disabled: "Desactivada",
    active: "Activa",
    roleOf: (name: string) => `Rol de ${name}`,
    changeRole: "Cambiar rol",
    changeOwnRole: "¿Cambiar tu propio rol? Solo otra persona organizadora podría deshacerlo.",
    ownRoleNote:
      "Esta cuenta es la tuya. Si te das el rol de persona facilitadora, pierdes esta página al momento, " +
      "y solo otra persona organizadora puede devolverte el rol de persona organizadora.",
    enable: "Activar",
    disable: "Desactivar",
    edit: "Editar nombre o correo",
    nameOf: (name: string) => `Nombre de ${name}`,
    emailOf: (name: string) => `Correo electrónico de ${name}`,
    emailHint: "A partir de ahora, entrará con esta dirección.",
    saveEdit: "Guardar nombre y correo",
    resetPassword: "Restablecer contraseña",
    newPasswordFor: (name: string) => `Contraseña nueva para ${name}`,
    resetHint: (min: number) => `Al menos ${characters(min)}. Se cerrará su acceso en todas partes.`,
    setPassword: "Guardar la contraseña nueva",
    add: "Añadir una cuenta",
    name: "Nombre",
    email: "Correo electrónico",
    role: "Rol",
    firstPassword: "Primera contraseña",
    firstPasswordHint: (min: number) =>
      `Al menos ${characters(min)}. Entrégasela en persona; podrá cambiarla en la página de su cuenta.`,
    submitAdd: "Añadir cuenta",
    adding: "Añadiendo…",
    unknownIntent: "Esta página no puede hacer eso.",
    done: {
      added: (name: string, role: string) => `Se añadió a ${name} como ${role}.`,
      edited: (name: string, email: string) => `Guardado: ${name}, ${email}.`,
      roleChanged: (name: string, role: string) => `${name} ahora es ${role}.`,
      disabled: (name: string) => `La cuenta de ${name} está desactivada y se cerró su acceso en todas partes.`,
      enabled: (name: string) => `${name} puede volver a entrar.`,
      passwordReset: (name: string) =>
        `Se restableció la contraseña de ${name} y se cerró su acceso en todas partes. Entrégale la contraseña nueva en persona.`,
    } satisfies typeof staffEn.accounts.done,
  } satisfies typeof staffEn.accounts,
  forms: {
    enterEmail: "Escribe una dirección de correo electrónico.",
    chooseLanguage: "Elige uno de los idiomas de la lista.",
    emailTooLong: "Esa dirección de correo es demasiado larga.",
    emailLike: "Escribe una dirección de correo como nombre@example.org.",
    enterName: "Escribe un nombre.",
    nameTooLong: (max: number) => `El nombre puede tener como máximo ${characters(max)}.`,
    choosePassword: "Elige una contraseña.",
    passwordTooShort: (min: number) => `Usa al menos ${characters(min)}.`,
    passwordTooLong: (max: number) => `La contraseña puede tener como máximo ${characters(max)}.`,
    enterPassword: "Escribe tu contraseña.",
    chooseRole: "Elige persona organizadora o persona facilitadora.",
    enterCurrentPassword: "Escribe tu contraseña actual.",
    chooseAccount: "Elige una cuenta.",
  } satisfies typeof staffEn.forms,
  refusals: {
    setupLink: "Este enlace de configuración no es válido, o Beside ya está configurado.",
    emailTaken: "Ya existe una cuenta con esa dirección de correo.",
    emailTakenByAnother: "Otra cuenta ya tiene esa dirección de correo.",
    wrongPassword: "Ese correo y esa contraseña no coinciden con ninguna cuenta activa.",
    currentPasswordWrong: "Tu contraseña actual no es correcta.",
    noSuchAccount: "Esa cuenta no existe.",
    lastOrganiser: "Beside necesita al menos una persona organizadora activa. Primero da el rol de persona organizadora a otra cuenta.",
    tooManyTries: (seconds: number) =>
      `Demasiadas contraseñas incorrectas. Vuelve a intentarlo dentro de ${es.plural(seconds, { one: "# segundo", other: "# segundos" })}.`,
    busy: "Beside está atendiendo muchos accesos a la vez; vuelve a intentarlo en unos segundos.",
    organisersOnly: "Esta página es para personas organizadoras. Si necesitas cambiar algo aquí, pídeselo a una de ellas.",
  } satisfies typeof staffEn.refusals,
  facilitatorLink: {
    invalid: "Este enlace de facilitación no es válido. Comprueba que se copió entero.",
    ended: "Esta sesión ha terminado.",
  } satisfies typeof staffEn.facilitatorLink,
} satisfies typeof staffEn;
