import type { Strings } from "../index";
import { errors } from "./errors";
import { phone } from "./phone";
import { questionsDe } from "./questions";
import { refusals } from "./refusals";
import { display, room } from "./room";

/*
 * Glossar (Deutsch). Anrede: „du“ für eine Person (Teilnehmende, Moderation, Organisation gleichermaßen, wie in
 * Selbsthilfegruppen üblich), „ihr“ für die Gruppe, nie „Sie“; du/dein klein. Geschlechtergerecht über neutrale
 * Formen („Teilnehmende“, „alle“, „Menschen“, „die Moderation“); wo ein Personenwort nötig ist, mit Doppelpunkt
 * („Moderator:in“, „Organisator:innen“). Anführungszeichen „…“.
 *
 *   session            Treffen (ein laufendes Treffen einer Gruppe; in einem Kurs: „Treffen 3“)
 *   plan               Plan (Pl. Pläne); „session plan“ ebenfalls Plan
 *   slide              Folie
 *   question / prompt  Frage (auch für den Fachbegriff prompt)
 *   run                Durchlauf (ein Treffen, das nach einem Plan lief oder läuft)
 *   response / answer  Antwort
 *   pass               passen („Hier passe ich“, „3 gepasst“)
 *   break              Pause („Pause machen“ / „Pause beenden“)
 *   step out           kurz rausgehen („Ich gehe kurz raus, alles okay“)
 *   Get help           Hilfe finden
 *   facilitator        die Moderation; als Rolle Moderator:in
 *   participant        Teilnehmende
 *   display            Leinwand (die Anzeige für den Raum, ob Beamer oder Bildschirm)
 *   console            Moderationsansicht
 *   facilitator link   Moderationslink
 *   privacy threshold  Anonymitätsschwelle
 *   question box       Fragenbox
 *   content notes      Inhaltshinweise
 *   agreement          Gruppenvereinbarung; „I'm in“ = „Ich bin dabei“
 *   grounding          Erdungsübung; breathing guide = Atemanleitung
 *   round              Gesprächsrunde (spoken round)
 *   check-in/-out      Check-in / Check-out (in deutschen Gruppen gängig)
 *   word cloud         Wortwolke
 *   ranking            Rangfolge
 *   report             Bericht
 *   library            Bibliothek
 *   course             Kurs
 *   organiser          Organisator:in (Rolle); im Satz „Organisator:innen“
 *   approve / hide     freigeben / ausblenden
 *   reveal results     Ergebnisse zeigen
 *   free text          Freitext
 *   phone              Handy
 */

/** Die Oberfläche von Beside auf Deutsch für die Seiten eines Durchlaufs und was jede Seite zeigen kann. */
export const de = { display, room, phone, refusals, errors, questions: questionsDe } satisfies Strings;
