import { z } from "zod";

import type { Config } from "~/config/env.server";
import { parseHelpResources, regionsOf, staleEntries, type HelpResources } from "~/content/help-resources.server";
import type { Db } from "~/models/db.server";
import { deleteSetting, getSetting, putSetting } from "~/models/settings.server";
import type { Outcome } from "~/realtime/events";
import { ok, refused } from "~/domain/result";
import { MAX_K, MIN_K } from "~/domain/rules";
import type { StaffStrings } from "~/strings/staff-catalogues";

import { HEX_COLOUR as HEX } from "./contrast";
import type { DisplayColours } from "./display-theme";
import { MAX_ORGANISATION_NAME, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, type settingsForms, type SettingsIntent } from "./forms";

export type { DisplayColours };

/** One "Get help" entry as the settings page lists it. */
export interface HelpEntry {
  locale: string;
  place: string;
  name: string;
  contacts: string[];
  lastVerified: string;
  /** Last verified more than a year ago. */
  stale: boolean;
  /** Marked "verify: true": listed by the Beside project, not yet checked by this organisation. */
  verify: boolean;
}

/** What one of the settings page's forms asks for, as its schema (settingsForms) checked it. */
export type SettingsChange = { [I in SettingsIntent]: z.output<ReturnType<typeof settingsForms>[I]> }[SettingsIntent];

export interface OrganisationSettings {
  /** Shown in page headers and on the display; "" shows nothing extra. */
  organisationName: string;
  displayColours: DisplayColours | null;
  /** The privacy threshold a new run starts with. */
  defaultK: number;
  /** Days after a run ends before its free text and words are deleted. */
  retentionDays: number;
}

/** What the settings table may hold, checked again on every read: a bad row falls back to the default. */
const stored = {
  organisationName: z.string().max(MAX_ORGANISATION_NAME),
  displayColours: z.object({ background: z.string().regex(HEX), text: z.string().regex(HEX), accent: z.string().regex(HEX) }).nullable(),
  defaultK: z.number().int().min(MIN_K).max(MAX_K),
  retentionDays: z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS),
} satisfies Record<keyof OrganisationSettings, z.ZodTypeAny>;

const HELP_KEY = "helpResources";
const helpSource = z.string();
const REGIONS_KEY = "helpRegions";
const storedRegions = z.array(z.string());

/**
 * The organisation's settings, kept in the database. Until an organiser
 * changes one, each takes its default from the environment (DEFAULT_K,
 * RETENTION_DAYS) or from the shipped help file (HELP_FILE).
 */
export class Settings {
  private helpCache: { updatedAt: number; help: HelpResources } | undefined;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, "DEFAULT_K" | "RETENTION_DAYS" | "HELP_FILE">,
    private readonly fileHelp: HelpResources,
    private readonly now: () => Date = () => new Date(),
  ) {}

  current(): OrganisationSettings {
    return {
      organisationName: this.get("organisationName"),
      displayColours: this.get("displayColours"),
      defaultK: this.get("defaultK"),
      retentionDays: this.get("retentionDays"),
    };
  }

  /** One setting, read on its own: a page that needs one value doesn't read them all. */
  get<K extends keyof OrganisationSettings>(key: K): OrganisationSettings[K] {
    const defaults: OrganisationSettings = {
      organisationName: "",
      displayColours: null,
      defaultK: this.config.DEFAULT_K,
      retentionDays: this.config.RETENTION_DAYS,
    };
    return this.read(key, defaults[key]);
  }

  /** Saves the given settings; the caller has validated them against the settings form. */
  save(change: Partial<OrganisationSettings>): void {
    this.db.transaction((tx) => {
      for (const [key, value] of Object.entries(change)) {
        if (value === undefined) continue;
        const checked: unknown = stored[key as keyof OrganisationSettings].parse(value);
        // The value column can't hold null; null is every nullable setting's default, so forgetting the row saves it.
        if (checked === null) deleteSetting(tx, key);
        else putSetting(tx, key, checked, this.now());
      }
    });
  }

  /** Saves what one settings form asks for. Only a help list can be refused: its message has a "line N: …" per problem. */
  apply(change: SettingsChange, strings: StaffStrings): Outcome<null> {
    switch (change.intent) {
      case "organisation":
        this.save({ organisationName: change.organisationName });
        break;
      case "colours":
        this.save({ displayColours: { background: change.background, text: change.text, accent: change.accent } });
        break;
      case "colours-reset":
        this.save({ displayColours: null });
        break;
      case "privacy":
        this.save({ defaultK: change.defaultK });
        break;
      case "retention":
        this.save({ retentionDays: change.retentionDays });
        break;
      case "help": {
        const saved = this.saveHelp(change.source);
        if (!saved.ok) return saved;
        break;
      }
      case "help-reset":
        this.resetHelp();
        break;
      case "regions": {
        const saved = this.saveHelpRegions(change.regions, strings);
        if (!saved.ok) return saved;
        break;
      }
    }
    return ok(null);
  }

  /** The "Get help" resources: the organisation's own list if saved, else the shipped file. */
  help(): HelpResources {
    const row = getSetting(this.db, HELP_KEY);
    const source = helpSource.safeParse(row?.value);
    if (!row || !source.success) return this.fileHelp;
    if (this.helpCache?.updatedAt !== row.updatedAt.getTime()) {
      this.helpCache = { updatedAt: row.updatedAt.getTime(), help: parseHelpResources(source.data, "saved help resources") };
    }
    return this.helpCache.help;
  }

  /** The YAML text an organiser edits, and whether it is their own or the shipped file's. */
  helpSource(): { source: string; own: boolean } {
    const row = getSetting(this.db, HELP_KEY);
    const source = helpSource.safeParse(row?.value);
    return source.success ? { source: source.data, own: true } : { source: this.fileHelp.source, own: false };
  }

  /** Saves an organisation's own help list after checking it as strictly as the shipped file. */
  saveHelp(source: string): Outcome<HelpResources> {
    let help: HelpResources;
    try {
      help = parseHelpResources(source, "help resources");
    } catch (error) {
      return refused("invalid-payload", error instanceof Error ? error.message : String(error));
    }
    putSetting(this.db, HELP_KEY, source, this.now());
    return ok(help);
  }

  /** Every entry of the help list in use, flagged when last verified more than a year ago or still marked to verify. */
  helpEntries(strings: StaffStrings): HelpEntry[] {
    const help = this.help();
    const stale = new Set(staleEntries(help, this.now()).map((entry) => `${entry.locale}\n${entry.name}`));
    return help.sections.flatMap((section) =>
      section.resources.map((resource) => ({
        locale: section.locale,
        place: section.label,
        name: resource.name,
        contacts: [
          resource.phone ? strings.settings.help.call(resource.phone) : null,
          resource.text ? strings.settings.help.text(resource.text) : null,
          resource.url ?? null,
        ].filter((contact) => contact !== null),
        lastVerified: resource.lastVerified,
        stale: stale.has(`${section.locale}\n${resource.name}`),
        verify: resource.verify === true,
      })),
    );
  }

  /**
   * The organisation's regions, in the organiser's order, that are sections of the help list in use. A region
   * saved earlier whose section has since left the list is skipped, not an error (decision 030).
   */
  helpRegions(): string[] {
    const saved = storedRegions.safeParse(getSetting(this.db, REGIONS_KEY)?.value);
    if (!saved.success) return [];
    const inUse = regionsOf(this.help());
    return saved.data.flatMap((region) => inUse.find((locale) => locale.toLowerCase() === region.toLowerCase()) ?? []);
  }

  /** Saves the organisation's regions after checking each is a regional section of the help list in use; none forgets them. */
  saveHelpRegions(regions: string[], strings: StaffStrings): Outcome<string[]> {
    const inUse = regionsOf(this.help());
    const unknown = regions.filter((region) => !inUse.some((locale) => locale.toLowerCase() === region.toLowerCase()));
    if (unknown.length > 0) return refused("invalid-payload", strings.settings.forms.regionNotInList(unknown.join(", "), unknown.length));
    const canonical = regions.map((region) => inUse.find((locale) => locale.toLowerCase() === region.toLowerCase())!);
    if (canonical.length === 0) deleteSetting(this.db, REGIONS_KEY);
    else putSetting(this.db, REGIONS_KEY, canonical, this.now());
    return ok(canonical);
  }

  /** Goes back to the shipped help file. */
  resetHelp(): void {
    deleteSetting(this.db, HELP_KEY);
  }

  private read<K extends keyof OrganisationSettings>(key: K, fallback: OrganisationSettings[K]): OrganisationSettings[K] {
    const parsed = stored[key].safeParse(getSetting(this.db, key)?.value);
    return parsed.success ? (parsed.data as OrganisationSettings[K]) : fallback;
  }
}

/** The "line N: …" problems in a help list's parse error, one per item; the whole message if it has none. */
export function helpProblems(message: string): string[] {
  const lines = message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^line \d+:/.test(line));
  return lines.length > 0 ? lines : [message];
}
