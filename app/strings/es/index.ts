import type { Strings } from "../index";
import { errors } from "./errors";
import { phone } from "./phone";
import { questionsEs } from "./questions";
import { refusals } from "./refusals";
import { display, room } from "./room";

/*
 * Beside's interface text in Spanish: the same keys as ../en, written for a peer support group that may meet in
 * Spain or in Latin America.
 *
 * Address: "tú" to one person (participant, facilitator, organiser alike); "ustedes" to a group (the display,
 * seen by the whole room); never "vosotros", never "usted". Where one text shows on the display and on phones
 * alike, it is impersonal ("quien quiera puede…"). Past events take the simple past ("respondió", "pasaste"),
 * which reads naturally on both sides of the Atlantic. Gender-inclusive by phrasing ("quien facilita", "las
 * personas", "cada participante", "persona organizadora"), never "o/a", "@", "x" or "-e".
 * Quotes are «angulares»; technical tokens (plan-format keys, CSV columns, file and env names, keys) stay as
 * they are.
 *
 * Glossary (English → Spanish), used the same way in every file:
 *   session → sesión                     plan → plan (plan de sesión)
 *   slide → diapositiva                  question / prompt → pregunta
 *   run → sesión ("sesión realizada" where it has to be told apart from a plan or a course's session)
 *   response / answer → respuesta        pass → pasar ("Prefiero pasar", "3 pasaron")
 *   break → descanso                     pause (signal, console) → pausa / pausar
 *   step out → salir un momento          Get help → Pedir ayuda
 *   facilitator → quien facilita; "persona facilitadora" as a role; "facilitación" in compounds
 *                 ("enlace de facilitación", "guía de facilitación")
 *   participant → participante / las personas que participan
 *   organiser → persona organizadora (plural: personas organizadoras)
 *   display → pantalla (de la sala)      console → consola
 *   phone → teléfono (neither "móvil" nor "celular")
 *   join → unirse                        I'm in → Me sumo
 *   privacy threshold → umbral de privacidad
 *   question box → buzón de preguntas    content notes → avisos de contenido
 *   agreement → acuerdo del grupo        grounding → anclaje
 *   round (spoken) → ronda de palabra    check-in / check-out → pregunta de entrada / de salida
 *   word cloud → nube de palabras        ranking → orden de preferencia ("Ordenar" as a question type)
 *   report → informe                     library → biblioteca
 *   course → curso                       countdown → temporizador
 *   sensitive (slide) → delicada         moderated → moderada
 *   sign in / sign out → entrar / salir (not "iniciar sesión": "sesión" is Beside's own word)
 *   free text → texto libre              distress → malestar
 */
export const es = {
  display,
  room,
  phone,
  refusals,
  errors,
  questions: questionsEs,
} satisfies Strings;
