import { z } from "zod";

import type { Config } from "~/config/env.server";
import { parseHelpResources, regionsOf, staleEntries, type HelpResources } from "~/content/help-resources.server";
import type { Outcome } from "~/realtime/events";
import { ok, refused } from "~/domain/result";
import { MAX_K, MIN_K } from "~/domain/rules";
import type { Storage } from "~/storage/storage";
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

/** A settings row as this process holds it. */
type Row = { value: unknown; updatedAt: Date };

/**
 * The organisation's settings, kept in storage. Until an organiser
 * changes one, each takes its default from the environment (DEFAULT_K,
 * RETENTION_DAYS) or from the shipped help file (HELP_FILE).
 *
 * Every row is read once at start (`Settings.load`) and kept in memory, each save writing storage and then the
 * copy: only this server writes settings, and pages, the run engine (a new run's k) and the retention sweep read
 * them at once, without waiting.
 */
export class Settings {
  private helpCache: { updatedAt: number; help: HelpResources } | undefined;

  private constructor(
    private readonly storage: Storage,
    private readonly rows: Map<string, Row>,
    private readonly config: Pick<Config, "DEFAULT_K" | "RETENTION_DAYS" | "HELP_FILE">,
    private readonly fileHelp: HelpResources,
    private readonly now: () => Date,
  ) {}

  /** The settings as storage holds them now. */
  static async load(
    storage: Storage,
    config: Pick<Config, "DEFAULT_K" | "RETENTION_DAYS" | "HELP_FILE">,
    fileHelp: HelpResources,
    now: () => Date = () => new Date(),
  ): Promise<Settings> {
    const rows = new Map<string, Row>();
    for (const key of [...Object.keys(stored), HELP_KEY, REGIONS_KEY]) {
      const row = await storage.queries.getSetting(key);
      if (row) rows.set(key, row);
    }
    return new Settings(storage, rows, config, fileHelp, now);
  }

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
  async save(change: Partial<OrganisationSettings>): Promise<void> {
    const now = this.now();
    const rows = new Map<string, Row | undefined>();
    for (const [key, value] of Object.entries(change)) {
      if (value === undefined) continue;
      const checked: unknown = stored[key as keyof OrganisationSettings].parse(value);
      // The value column can't hold null; null is every nullable setting's default, so forgetting the row saves it.
      rows.set(key, checked === null ? undefined : { value: checked, updatedAt: now });
    }
    await this.write(rows);
  }

  /** Saves what one settings form asks for. Only a help list can be refused: its message has a "line N: …" per problem. */
  async apply(change: SettingsChange, strings: StaffStrings): Promise<Outcome<null>> {
    switch (change.intent) {
      case "organisation":
        await this.save({ organisationName: change.organisationName });
        break;
      case "colours":
        await this.save({ displayColours: { background: change.background, text: change.text, accent: change.accent } });
        break;
      case "colours-reset":
        await this.save({ displayColours: null });
        break;
      case "privacy":
        await this.save({ defaultK: change.defaultK });
        break;
      case "retention":
        await this.save({ retentionDays: change.retentionDays });
        break;
      case "help": {
        const saved = await this.saveHelp(change.source);
        if (!saved.ok) return saved;
        break;
      }
      case "help-reset":
        await this.resetHelp();
        break;
      case "regions": {
        const saved = await this.saveHelpRegions(change.regions, strings);
        if (!saved.ok) return saved;
        break;
      }
    }
    return ok(null);
  }

  /** The "Get help" resources: the organisation's own list if saved, else the shipped file. */
  help(): HelpResources {
    const row = this.rows.get(HELP_KEY);
    const source = helpSource.safeParse(row?.value);
    if (!row || !source.success) return this.fileHelp;
    if (this.helpCache?.updatedAt !== row.updatedAt.getTime()) {
      this.helpCache = { updatedAt: row.updatedAt.getTime(), help: parseHelpResources(source.data, "saved help resources") };
    }
    return this.helpCache.help;
  }

  /** The YAML text an organiser edits, and whether it is their own or the shipped file's. */
  helpSource(): { source: string; own: boolean } {
    const source = helpSource.safeParse(this.rows.get(HELP_KEY)?.value);
    return source.success ? { source: source.data, own: true } : { source: this.fileHelp.source, own: false };
  }

  /** Saves an organisation's own help list after checking it as strictly as the shipped file. */
  async saveHelp(source: string): Promise<Outcome<HelpResources>> {
    let help: HelpResources;
    try {
      help = parseHelpResources(source, "help resources");
    } catch (error) {
      return refused("invalid-payload", error instanceof Error ? error.message : String(error));
    }
    await this.write(new Map([[HELP_KEY, { value: source, updatedAt: this.now() }]]));
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
    const saved = storedRegions.safeParse(this.rows.get(REGIONS_KEY)?.value);
    if (!saved.success) return [];
    const inUse = regionsOf(this.help());
    return saved.data.flatMap((region) => inUse.find((locale) => locale.toLowerCase() === region.toLowerCase()) ?? []);
  }

  /** Saves the organisation's regions after checking each is a regional section of the help list in use; none forgets them. */
  async saveHelpRegions(regions: string[], strings: StaffStrings): Promise<Outcome<string[]>> {
    const inUse = regionsOf(this.help());
    const unknown = regions.filter((region) => !inUse.some((locale) => locale.toLowerCase() === region.toLowerCase()));
    if (unknown.length > 0) return refused("invalid-payload", strings.settings.forms.regionNotInList(unknown.join(", "), unknown.length));
    const canonical = regions.map((region) => inUse.find((locale) => locale.toLowerCase() === region.toLowerCase())!);
    await this.write(new Map([[REGIONS_KEY, canonical.length === 0 ? undefined : { value: canonical, updatedAt: this.now() }]]));
    return ok(canonical);
  }

  /** Goes back to the shipped help file. */
  async resetHelp(): Promise<void> {
    await this.write(new Map([[HELP_KEY, undefined]]));
  }

  private read<K extends keyof OrganisationSettings>(key: K, fallback: OrganisationSettings[K]): OrganisationSettings[K] {
    const parsed = stored[key].safeParse(this.rows.get(key)?.value);
    return parsed.success ? (parsed.data as OrganisationSettings[K]) : fallback;
  }

  /** Writes rows (undefined forgets one) in one transaction, then the copy in memory. */
  private async write(rows: Map<string, Row | undefined>): Promise<void> {
    await this.storage.transaction(async (tx) => {
      for (const [key, row] of rows) {
        if (row) await tx.putSetting(key, row.value, row.updatedAt);
        else await tx.deleteSetting(key);
      }
    });
    for (const [key, row] of rows) {
      if (row) this.rows.set(key, row);
      else this.rows.delete(key);
    }
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
