// SPDX-License-Identifier: EUPL-1.2
// An audit event's stored details as Swedish sentences for the admin's log (issue #20, finding 8):
// titles instead of slugs, dates as dates, people and municipalities by name. The stored JSON
// stays as it was written, so the log keeps its evidence; only its reading changes here.
import type { ContentIndex } from "~/content/types";
import { formatDate, formatDateTime, formatLocalDate, formatNumber } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { lastValidDay } from "~/modules/certification/rules";
import { STATUS_LABELS as COMMITMENT_STATUS_LABELS } from "~/modules/promises/promises.server";
import { ROSTER_SORT_LABELS, ROSTER_STATUS_LABELS } from "~/modules/roster/labels";
import { LOCAL_SLOTS } from "~/content/local-slots";

export interface AuditNames {
  people: Map<string, { id: string; name: string; email: string }>;
  municipalities: Map<string, string>;
}

export interface DescribeContext {
  names: AuditNames;
  content: ContentIndex;
}

type Details = Record<string, unknown>;

/** Labels for keys an action without a sentence of its own may carry. A key not here is "Annan uppgift". */
const DETAIL_LABELS: Record<string, string> = {
  role: "Roll",
  invitedBy: "Inbjuden av",
  endedSessions: "Avslutade inloggningar",
  sessions: "Avslutade inloggningar",
  session: "Inloggning",
  field: "Uppgift",
  slug: "Namn i adresser",
  via: "Via",
  renews: "Förnyar ett tidigare intyg",
  track: "Utbildning",
  code: "Intygskod",
  expiresAt: "Giltigt till",
  reason: "Skäl",
  rows: "Rader",
  filters: "Urval",
  month: "Månad",
  title: "Rubrik",
  period: "Period",
  promisedReports: "Utlovade rapporter",
  step: "Moment",
  steps: "Moment",
  startsAt: "Börjar",
  place: "Plats",
  capacity: "Platser",
  partner: "Gemensam med",
  calendarChanged: "Ny tid eller plats skickad",
  notified: "Meddelade",
  attended: "Närvarande",
  absent: "Frånvarande",
  renewedBy: "Förnyat genom",
  completedOn: "Genomfört",
  line: "Rad i filen",
  skipped: "Redan registrerade",
  name: "Namn",
  kind: "Slag",
  provider: "Inloggningstjänst",
  domains: "E-postdomäner",
  accountPolicy: "Vem får logga in",
  left: "Reservkoder kvar",
  status: "Status",
  side: "För",
  happenedOn: "Genomfört",
  length: "Antal tecken",
  comment: "Kommentar",
  officialName: "Officiellt namn",
  contentType: "Filtyp",
  bytes: "Storlek i byte",
  removed: "Borttaget",
  cleared: "Tömd",
  import: "Från fil",
  created: "Skapat",
  secondFactor: "Tvåstegsverifiering",
  moved: "Flyttat",
  wasDeactivated: "Var avaktiverat",
  retentionMonths: "Månader utan aktivitet",
  pendingCreditsDropped: "Borttagna väntande registreringar",
  detail: "Svar från tjänsten",
  from: "Före",
  to: "Efter",
  county: "Län",
};

// A function, so that labels imported from modules that import this one are read when used.
const valueLabels = (key: string): Record<string, string> | undefined => ({
  role: ROLE_LABELS,
  session: { other: "en annan enhet" },
  field: { name: "namn" },
  renewedBy: { booster: "boosterträff" },
  kind: { oidc: "OpenID Connect", saml: "SAML", module: "modul", material: "material" },
  accountPolicy: { invited: "bara inbjudna", domain: "alla med en adress i kommunens domäner" },
  side: { municipality: "kommunen", police: "polisen" },
  status: COMMITMENT_STATUS_LABELS,
  moved: { up: "uppåt", down: "nedåt" },
  step: { enrol: "när den slogs på", verify: "vid inloggning", renew: "när nya reservkoder skulle skapas" },
})[key];

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
// Ids mean nothing to a reader; those that name a person or municipality are named instead.
const ID_KEY = /^(id|.+Id)$/;

const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

function day(value: unknown): string {
  if (typeof value !== "string") return text(value);
  if (ISO_DAY.test(value)) return formatDate(`${value}T12:00:00Z`);
  if (ISO_TIMESTAMP.test(value)) return formatDateTime(value);
  return value;
}

function month(value: unknown): string {
  const match = typeof value === "string" ? ISO_MONTH.exec(value) : null;
  return match ? `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}` : text(value);
}

function count(value: unknown): string {
  return typeof value === "number" ? formatNumber(value) : text(value);
}

/** Plain text of any stored value: never JSON, never markup (the page renders it as text). */
function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "ja" : "nej";
  if (typeof value === "number") return formatNumber(value);
  if (Array.isArray(value)) return value.map(text).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Details)
      .map(([key, inner]) => (DETAIL_LABELS[key] ? `${DETAIL_LABELS[key].toLowerCase()} ${text(inner)}` : text(inner)))
      .join(", ");
  }
  return String(value);
}

function plural(n: unknown, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Reads one event's details with the names and content it refers to. */
class Reader {
  constructor(
    readonly details: Details,
    readonly context: DescribeContext,
  ) {}

  has(key: string): boolean {
    const value = this.details[key];
    return value !== undefined && value !== null && value !== "";
  }

  person(key: string): string {
    const id = this.details[key];
    const person = typeof id === "string" ? this.context.names.people.get(id) : undefined;
    return person ? `${person.name} (${person.email})` : "en person som inte längre finns i portalen";
  }

  municipality(key: string): string {
    const id = this.details[key];
    return (typeof id === "string" ? this.context.names.municipalities.get(id) : undefined) ?? "en annan kommun";
  }

  role(key = "role"): string {
    return ROLE_LABELS[String(this.details[key]) as keyof typeof ROLE_LABELS] ?? text(this.details[key]);
  }

  track(key = "track"): string {
    const slug = this.details[key];
    return this.context.content.tracks.find((t) => t.slug === slug)?.title ?? text(slug);
  }

  /** A step of a track: a course day ("träff") of the track, or one of its modules. */
  step(key: unknown): string {
    if (typeof key !== "string") return text(key);
    const track = this.context.content.tracks.find((t) => t.slug === this.details.track);
    return track?.sessions.find((s) => s.key === key)?.title ?? this.context.content.modules[key]?.title ?? key;
  }

  steps(key = "steps"): string {
    const value = this.details[key];
    const list = (Array.isArray(value) ? value : [value]).map((s) => `”${this.step(s)}”`);
    return list.length > 1 ? `${list.slice(0, -1).join(", ")} och ${list.at(-1)}` : list.join("");
  }

  contentTitle(): string {
    const { kind, slug } = this.details;
    if (kind === "module") return `modulen ”${(typeof slug === "string" && this.context.content.modules[slug]?.title) || text(slug)}”`;
    if (kind === "material") return `materialet ”${this.context.content.materials.find((m) => m.slug === slug)?.title ?? text(slug)}”`;
    return `”${text(slug)}”`;
  }

  value(key: string): string {
    const value = this.details[key];
    if (typeof value === "string") {
      const person = this.context.names.people.get(value);
      if (person) return `${person.name} (${person.email})`;
      const municipality = this.context.names.municipalities.get(value);
      if (municipality) return municipality;
      if (key === "track") return this.track();
      if (key === "step" && this.has("track")) return this.step(value);
      const known = valueLabels(key)?.[value];
      if (known) return known;
      if (ISO_TIMESTAMP.test(value) || ISO_DAY.test(value)) return day(value);
      return value;
    }
    if (key === "steps") return this.steps();
    return text(value);
  }

  /** Every detail not already said, as "Etikett: värde.", ids left out. */
  rest(said: string[] = []): string[] {
    return Object.keys(this.details)
      .filter((key) => !said.includes(key) && this.details[key] !== undefined)
      .filter((key) => !(ID_KEY.test(key) && !this.names(this.details[key])))
      .map((key) => `${DETAIL_LABELS[key] ?? "Annan uppgift"}: ${this.value(key)}.`);
  }

  private names(value: unknown): boolean {
    return typeof value === "string" && (this.context.names.people.has(value) || this.context.names.municipalities.has(value));
  }
}

type Describe = (d: Reader) => string[];

const when = (condition: unknown, sentence: () => string): string[] => (condition ? [sentence()] : []);

const roleOnly: Describe = (d) => [...when(d.has("role"), () => `Roll: ${d.role()}.`), ...d.rest(["role"])];

const SSO_FAILURES: Record<string, string> = {
  no_email: "Tjänsten skickade ingen e-postadress.",
  unverified: "Tjänsten hade inte bekräftat e-postadressen.",
  foreign_domain: "E-postadressen hör inte till kommunens domäner.",
  deactivated: "Kontot eller kommunen är avaktiverad.",
  other_municipality: "Kontot hör till en annan kommun.",
  not_invited: "Personen var inte inbjuden.",
};

function describeFilters(query: unknown, d: Reader, content: ContentIndex): string {
  if (typeof query !== "string" || query.replace(/^\?/, "") === "") return "Hela listan, utan urval.";
  const parts = [...new URLSearchParams(query)].map(([key, value]) => {
    if (key === "q") return `sökning ”${value}”`;
    if (key === "role") return `roll ${ROLE_LABELS[value as keyof typeof ROLE_LABELS] ?? value}`;
    if (key === "status") return `läge ${(ROSTER_STATUS_LABELS as Record<string, string>)[value] ?? value}`;
    if (key === "module") return `inte klara med ”${content.modules[value]?.title ?? value}”`;
    if (key === "sort") return `sorterad efter ${((ROSTER_SORT_LABELS as Record<string, string>)[value] ?? value).toLowerCase()}`;
    if (key === "dir") return value === "desc" ? "fallande" : "stigande";
    return `annan uppgift ${value}`;
  });
  return `Urval: ${parts.join(", ")}.`;
}

const PER_ACTION: Record<string, Describe> = {
  "invitation.created": (d) => [...when(d.has("role"), () => `Inbjuden som ${d.role()}.`), ...d.rest(["role"])],
  "invitation.withdrawn": (d) => [
    ...when(d.has("pendingCreditsDropped"), () => `${plural(d.details.pendingCreditsDropped, "väntande registrering", "väntande registreringar")} av tidigare utbildning togs bort med inbjudan.`),
    ...d.rest(["pendingCreditsDropped"]),
  ],
  "invitation.accepted": (d) => [
    ...when(d.has("role"), () => `Gick med som ${d.role()}.`),
    ...when(d.has("invitedBy"), () => `Inbjuden av ${d.person("invitedBy")}.`),
    ...d.rest(["role", "invitedBy"]),
  ],
  "user.created": (d) => [
    d.details.via === "user:create"
      ? `Skapat från kommandoraden som ${d.role()}.`
      : `Skapat vid första inloggningen${d.has("provider") ? ` via ${text(d.details.provider)}` : ""} som ${d.role()}.`,
    ...when(d.details.secondFactor === true, () => "Tvåstegsverifieringen var påslagen från början."),
    ...d.rest(["role", "via", "provider", "secondFactor"]),
  ],
  "signin.sso": (d) => [
    ...when(d.has("provider"), () => `Via ${text(d.details.provider)}${d.has("kind") ? ` (${d.value("kind")})` : ""}.`),
    ...when(d.details.created, () => "Kontot skapades vid inloggningen."),
    ...d.rest(["provider", "kind", "created"]),
  ],
  "signin.sso_failure": (d) => [
    SSO_FAILURES[String(d.details.reason)] ?? `Skäl: ${text(d.details.reason)}.`,
    ...when(d.has("provider"), () => `Via ${text(d.details.provider)}${d.has("kind") ? ` (${d.value("kind")})` : ""}.`),
    ...when(d.has("detail"), () => `Svar från tjänsten: ${text(d.details.detail)}`),
    ...d.rest(["reason", "provider", "kind", "detail"]),
  ],
  signout: (d) => [...when(d.details.session === "other", () => "En inloggning på en annan enhet avslutades."), ...d.rest(["session"])],
  "signout.everywhere": (d) => [...when(d.has("sessions"), () => `${plural(d.details.sessions, "inloggning", "inloggningar")} avslutades.`), ...d.rest(["sessions"])],
  "account.updated": (d) => [...when(d.details.field === "name", () => "Namnet ändrades."), ...d.rest(d.details.field === "name" ? ["field"] : [])],
  "mfa.failure": (d) => [...when(d.has("step"), () => `Fel kod ${d.value("step")}.`), ...d.rest(["step"])],
  "mfa.recovery_used": (d) => [...when(d.has("left"), () => `${plural(d.details.left, "reservkod", "reservkoder")} kvar.`), ...d.rest(["left"])],
  "municipality.created": (d) => [...when(d.has("slug"), () => `Namn i adresser: ${text(d.details.slug)}.`), ...d.rest(["slug"])],
  "municipality.updated": (d) => {
    const from = (d.details.from ?? {}) as Details;
    const to = (d.details.to ?? {}) as Details;
    const fields: Array<[string, string]> = [
      ["name", "Namnet"],
      ["slug", "Namnet i adresser"],
      ["county", "Länet"],
    ];
    const changed = fields.filter(([key]) => from[key] !== to[key]).map(([key, label]) => `${label} ändrades från ”${text(from[key])}” till ”${text(to[key])}”.`);
    return [...(changed.length > 0 ? changed : ["Inget ändrades."]), ...d.rest(["from", "to"])];
  },
  "localtext.saved": (d) => {
    const slot = LOCAL_SLOTS[d.details.slot as keyof typeof LOCAL_SLOTS]?.title ?? text(d.details.slot);
    return [
      d.details.cleared ? `Texten ”${slot}” tömdes.` : `Texten ”${slot}” sparades${d.has("length") ? ` (${plural(d.details.length, "tecken", "tecken")})` : ""}.`,
      ...d.rest(["slot", "cleared", "length"]),
    ];
  },
  "content.approved": (d) => [
    `Godkände ${d.contentTitle()}${typeof d.details.hash === "string" ? `, version ${d.details.hash.slice(0, 8)}` : ""}.`,
    ...when(d.has("comment"), () => `Kommentar: ${text(d.details.comment)}`),
    ...d.rest(["kind", "slug", "hash", "comment"]),
  ],
  "content.approval_withdrawn": (d) => [`Godkännandet av ${d.contentTitle()} återkallades.`, ...d.rest(["kind", "slug"])],
  "contact.created": (d) => [...when(d.has("name"), () => `Kortet ”${text(d.details.name)}” lades till.`), ...d.rest(["name"])],
  "contact.updated": (d) => [
    ...when(d.has("name"), () => `Kortet ”${text(d.details.name)}” ändrades.`),
    ...when(d.has("moved"), () => `Kortet flyttades ${d.value("moved")}.`),
    ...d.rest(["name", "moved"]),
  ],
  "municipality.profile": (d) => [...when(d.has("officialName"), () => `Officiellt namn: ${text(d.details.officialName)}.`), ...d.rest(["officialName"])],
  "municipality.logo": (d) =>
    d.details.removed
      ? ["Logotypen togs bort.", ...d.rest(["removed"])]
      : [
          `En ny logotyp laddades upp${d.has("contentType") ? ` (${text(d.details.contentType).replace(/^image\//, "").toUpperCase()}` : ""}${
            typeof d.details.bytes === "number" ? `, ${formatNumber(Math.max(1, Math.round(d.details.bytes / 1024)))} kB)` : d.has("contentType") ? ")" : ""
          }.`,
          ...d.rest(["contentType", "bytes", "sha256"]),
        ],
  "person.deactivated": (d) => [
    ...when(d.has("role"), () => `Roll: ${d.role()}.`),
    ...when(d.has("endedSessions"), () => `${plural(d.details.endedSessions, "inloggning", "inloggningar")} avslutades.`),
    ...d.rest(["role", "endedSessions"]),
  ],
  "person.reactivated": roleOnly,
  "person.anonymised": (d) => {
    const removed = (d.details.removed ?? {}) as Details;
    const parts = [
      ...when(typeof removed.sessions === "number", () => plural(removed.sessions, "inloggning", "inloggningar")),
      ...when(typeof removed.invitations === "number", () => plural(removed.invitations, "inbjudan", "inbjudningar")),
      ...when(typeof removed.emails === "number", () => plural(removed.emails, "e-postmeddelande", "e-postmeddelanden")),
    ];
    return [
      ...when(d.has("role"), () => `Roll: ${d.role()}.`),
      d.details.reason === "retention"
        ? `Gallrad efter ${d.has("retentionMonths") ? `${count(d.details.retentionMonths)} månader` : "en tid"} utan aktivitet.`
        : d.details.reason === "admin"
        ? "Borttagen av en administratör."
        : `Skäl: ${text(d.details.reason)}.`,
      ...when(d.details.wasDeactivated === true, () => "Kontot var avaktiverat."),
      ...when(parts.length > 0, () => `Borttaget: ${parts.join(", ")}.`),
      ...d.rest(["role", "reason", "retentionMonths", "wasDeactivated", "removed"]),
    ];
  },
  "certificate.issued": (d) => describeCertificate(d),
  "certificate.renewed": (d) => describeCertificate(d),
  "certificate.revoked": (d) => [
    `Intyg ${text(d.details.code)} i ${d.track()} återkallades.`,
    ...when(d.has("reason"), () => `Skäl: ${text(d.details.reason)}`),
    ...d.rest(["certificateId", "code", "track", "reason"]),
  ],
  "summary.sent": (d) => [
    `Sammanfattningen för ${month(d.details.month)}${typeof d.details.rows === "number" ? ` med ${plural(d.details.rows, "person", "personer")}` : ""}.`,
    ...d.rest(["month", "rows"]),
  ],
  "export.csv": (d) => describeExport(d),
  "export.xlsx": (d) => describeExport(d),
  "session.created": (d) => describeSession(d),
  "session.updated": (d) => describeSession(d),
  "session.cancelled": (d) => [
    ...when(d.has("startsAt"), () => `Träffen ${day(d.details.startsAt)} ställdes in.`),
    ...when(d.has("reason"), () => `Skäl: ${text(d.details.reason)}`),
    ...when(d.has("notified"), () => `${plural(d.details.notified, "person", "personer")} fick besked.`),
    ...d.rest(["sessionId", "startsAt", "reason", "notified"]),
  ],
  "session.attendance": (d) => [`${count(d.details.attended ?? 0)} närvarande, ${count(d.details.absent ?? 0)} frånvarande.`, ...d.rest(["sessionId", "attended", "absent"])],
  "session.partner_requested": (d) => [...when(d.has("partner"), () => `Förfrågan till ${d.municipality("partner")}.`), ...d.rest(["sessionId", "partner"])],
  "session.partner_accepted": (d) => describePartnerAnswer(d),
  "session.partner_declined": (d) => describePartnerAnswer(d),
  "prior.registered": (d) => [
    `${d.steps()} i ${d.track()}, genomfört ${day(d.details.completedOn)}.`,
    ...when(typeof d.details.skipped === "number" && d.details.skipped > 0, () => `${plural(d.details.skipped, "moment var", "moment var")} redan registrerade.`),
    ...when(d.details.import === true, () => (d.has("line") ? `Importerat från fil, rad ${count(d.details.line)}.` : "Importerat från fil.")),
    ...when(d.has("invitation"), () => "Räknat när personen antog sin inbjudan."),
    ...d.rest(["steps", "track", "completedOn", "skipped", "import", "line", "invitation"]),
  ],
  "prior.removed": (d) => [
    `${d.steps("step")} i ${d.track()}, genomfört ${day(d.details.completedOn)}, togs bort.`,
    ...when(d.has("reason"), () => `Skäl: ${text(d.details.reason)}`),
    ...d.rest(["step", "track", "completedOn", "reason"]),
  ],
  "prior.imported": (d) => {
    const n = (key: string) => (typeof d.details[key] === "number" ? (d.details[key] as number) : 0);
    return [
      `${plural(n("rows"), "rad", "rader")} i ${d.track()}: ${plural(n("created"), "ny registrering", "nya registreringar")} för ${plural(n("people"), "person", "personer")}.`,
      ...when(n("skipped") > 0, () => `${plural(n("skipped"), "registrering fanns", "registreringar fanns")} redan.`),
      ...when(n("invited") > 0, () => `${plural(n("invited"), "person bjöds", "personer bjöds")} in.`),
      ...when(n("waiting") > 0, () => `${plural(n("waiting"), "registrering väntar", "registreringar väntar")} på att ${plural(n("waitingPeople"), "person", "personer")} antar sin inbjudan.`),
      ...d.rest(["track", "rows", "created", "people", "skipped", "invited", "waiting", "waitingPeople"]),
    ];
  },
  "followup.published": (d) => {
    const [from, to] = typeof d.details.period === "string" ? d.details.period.split("/") : [];
    return [
      `”${text(d.details.title)}”${from && to ? `, ${day(from)} – ${day(to)}` : ""}.`,
      ...when(d.has("replaces"), () => "Ersätter en tidigare publicerad rapport."),
      ...d.rest(["title", "period", "replaces", "promise"]),
    ];
  },
  "promise.correction_started": (d) => ["En rättelse av ett publicerat löfte.", ...d.rest(["replaces"])],
  "promise.activity_recorded": (d) => [
    `Genomförd ${day(d.details.happenedOn)}${d.has("side") ? `, för ${d.value("side")}` : ""}.`,
    ...d.rest(["promiseId", "commitmentId", "activityId", "happenedOn", "side"]),
  ],
  "promise.activity_removed": (d) => [...when(d.has("side"), () => `Registrerad för ${d.value("side")}.`), ...d.rest(["promiseId", "commitmentId", "activityId", "side"])],
  "promise.status_set": (d) => [
    `Status: ${d.value("status")}${d.has("side") ? `, för ${d.value("side")}` : ""}.`,
    ...d.rest(["promiseId", "commitmentId", "status", "side"]),
  ],
  "promise.police_commentary": (d) => [...when(d.has("length"), () => `${plural(d.details.length, "tecken", "tecken")}.`), ...d.rest(["promiseId", "length"])],
  "identity_provider.saved": (d) => [
    `${d.value("kind")}${Array.isArray(d.details.domains) ? ` för ${text(d.details.domains)}` : ""}.`,
    ...when(d.has("accountPolicy"), () => `Får logga in: ${d.value("accountPolicy")}.`),
    ...when(d.has("issuer"), () => `Utfärdare: ${text(d.details.issuer)}.`),
    ...when(d.has("entityId"), () => `Identitetsleverantörens entity ID: ${text(d.details.entityId)}.`),
    ...when(d.details.secretChanged === true, () => "Klienthemligheten byttes."),
    ...d.rest(["kind", "domains", "accountPolicy", "issuer", "entityId", "secretChanged"]),
  ],
  "identity_provider.removed": (d) => [...when(d.has("kind"), () => `${d.value("kind")} togs bort.`), ...d.rest(["kind"])],
};

function describeCertificate(d: Reader): string[] {
  const valid = typeof d.details.expiresAt === "string" ? `, giltigt till och med ${formatLocalDate(lastValidDay(d.details.expiresAt))}` : "";
  return [
    `Intyg ${text(d.details.code)} i ${d.track()}${valid}.`,
    ...when(d.has("issuedFromTrainingOn"), () => `Räknat från utbildningen ${day(d.details.issuedFromTrainingOn)}.`),
    ...when(d.details.renewedBy === "booster", () => "Förnyat genom en boosterträff."),
    ...when(d.has("renews"), () => "Ersätter ett tidigare intyg."),
    ...d.rest(["certificateId", "code", "track", "expiresAt", "issuedFromTrainingOn", "renewedBy", "renews"]),
  ];
}

function describeExport(d: Reader): string[] {
  return [
    ...when(typeof d.details.rows === "number", () => `${plural(d.details.rows, "person", "personer")}.`),
    ...when("filters" in d.details, () => describeFilters(d.details.filters, d, d.context.content)),
    ...d.rest(["rows", "filters"]),
  ];
}

function describeSession(d: Reader): string[] {
  const what = d.has("step") ? `”${text(d.details.step)}”` : "Träffen";
  return [
    `${what}${d.has("startsAt") ? ` ${day(d.details.startsAt)}` : ""}${d.has("place") ? ` i ${text(d.details.place)}` : ""}${
      typeof d.details.capacity === "number" ? `, ${plural(d.details.capacity, "plats", "platser")}` : ""
    }.`,
    ...when(d.has("partner"), () => `Gemensam med ${d.municipality("partner")}.`),
    ...when(d.details.calendarChanged === true, () => "Ny tid eller plats skickades till de anmälda."),
    ...d.rest(["sessionId", "step", "startsAt", "place", "capacity", "partner", "calendarChanged"]),
  ];
}

function describePartnerAnswer(d: Reader): string[] {
  return [`${d.has("step") ? `”${text(d.details.step)}”` : "Träffen"}${d.has("startsAt") ? ` ${day(d.details.startsAt)}` : ""}.`, ...d.rest(["sessionId", "step", "startsAt"])];
}

/**
 * One event's details as sentences. Actions with a sentence of their own read as one; any
 * other details, and every detail an action does not expect, are listed with Swedish labels.
 */
export function describeAuditDetails(action: string, details: Details | null, context: DescribeContext): string[] {
  if (!details) return [];
  const reader = new Reader(details, context);
  const describe = PER_ACTION[action];
  return describe ? describe(reader) : reader.rest();
}

/** The ids in stored details that may name a person or municipality, for looking their names up first. */
export function referencedIds(details: Details | null): string[] {
  if (!details) return [];
  return Object.values(details).filter((value): value is string => typeof value === "string");
}
