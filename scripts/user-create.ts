// SPDX-License-Identifier: EUPL-1.2
// Creates a person directly, without an invitation: how a real deployment gets its first admin.
//   npm run user:create -- --email E --name N --role R [--municipality SLUG] [--school S] [--totp-secret BASE32]
// The password comes from NEW_USER_PASSWORD, or is asked for on the terminal. --totp-secret
// creates the person already enrolled in the second factor, so a script or a test can sign in
// with a code it computes from the same secret.
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { z } from "zod";
import { passwordProblem, hashPassword } from "../app/modules/auth/password.server";
import { enrolWithSecret, normaliseTotpSecret } from "../app/modules/auth/second-factor.server";
import { recordAuditEvent } from "../app/modules/audit/audit.server";
import { fields } from "../app/lib/validation";
import { createDatabase } from "../db/client.server";
import { newId } from "../db/ids.server";
import { migrateToLatest } from "../db/migrate";
import { ROLES } from "../db/schema";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    municipality: { type: "string" },
    school: { type: "string" },
    "totp-secret": { type: "string" },
  },
});

const schema = z
  .object({
    email: fields.email(),
    name: fields.name(),
    role: z.enum(ROLES, "Rollen måste vara coach, school_staff, coordinator, admin eller polis."),
    municipality: z.string().optional(),
    school: z.string().optional(),
    "totp-secret": z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const secret = normaliseTotpSecret(value);
        if (!secret) ctx.addIssue({ code: "custom", message: "Nyckeln måste vara base32 (A–Z, 2–7), minst 16 tecken." });
        return secret ?? undefined;
      }),
  })
  // Admins and police partners belong to no municipality (a police partner is attached to promises at /admin/polis).
  .refine((v) => v.role === "admin" || v.role === "polis" || v.municipality, { message: "Alla utom admin och polis måste höra till en kommun: ange --municipality SLUG.", path: ["municipality"] });

const parsed = schema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
  console.error("Användning: npm run user:create -- --email E --name N --role R [--municipality SLUG] [--school S] [--totp-secret BASE32]");
  process.exit(2);
}
const input = parsed.data;

async function readPassword(): Promise<string> {
  if (process.env.NEW_USER_PASSWORD) return process.env.NEW_USER_PASSWORD;
  if (!process.stdin.isTTY) {
    console.error("Ange lösenordet i NEW_USER_PASSWORD eller kör kommandot i en terminal.");
    process.exit(2);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("Lösenord (minst 10 tecken): ");
  rl.close();
  return answer;
}

const password = await readPassword();
const problem = passwordProblem(password, { email: input.email });
if (problem) {
  console.error(problem);
  process.exit(2);
}

const db = createDatabase();
try {
  await migrateToLatest(db);
  let municipalityId: string | null = null;
  if (input.municipality) {
    const m = await db.selectFrom("municipality").select("id").where("slug", "=", input.municipality).executeTakeFirst();
    if (!m) {
      const known = await db.selectFrom("municipality").select("slug").orderBy("slug").execute();
      console.error(`Kommunen "${input.municipality}" finns inte. Kända: ${known.map((k) => k.slug).join(", ") || "(inga)"}.`);
      process.exitCode = 2;
    } else municipalityId = m.id;
  }
  if (!process.exitCode) {
    const taken = await db.selectFrom("user").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken) {
      console.error(`${input.email} har redan ett konto.`);
      process.exitCode = 2;
    } else {
      const id = newId();
      await db
        .insertInto("user")
        .values({
          id,
          email: input.email,
          name: input.name,
          role: input.role,
          municipality_id: input.role === "admin" || input.role === "polis" ? null : municipalityId,
          school: input.school ?? null,
          password_hash: await hashPassword(password),
          created_at: new Date().toISOString(),
          deactivated_at: null,
        })
        .execute();
      const totpSecret = input["totp-secret"];
      if (totpSecret) await enrolWithSecret(db, id, totpSecret);
      await recordAuditEvent(db, { action: "user.created", subject: id, municipalityId, details: { via: "user:create", role: input.role, secondFactor: Boolean(totpSecret) } });
      console.log(`Skapade ${input.role} ${input.email}${totpSecret ? " med tvåstegsverifiering" : ""}.`);
    }
  }
} finally {
  await db.destroy();
}
