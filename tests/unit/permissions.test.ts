// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { can, type SessionUser, type Subject } from "~/modules/access/permissions.server";
import type { Role } from "~db/schema";

const HOGSBY = "m-hogsby";
const MONSTERAS = "m-monsteras";

function actor(role: Role, municipalityId: string | null, id = `${role}-${municipalityId}`): SessionUser {
  return { id, email: `${id}@test.example`, name: id, role, municipalityId, municipalitySlug: null, municipalityName: null, school: null };
}

const actors: SessionUser[] = [
  actor("coach", HOGSBY),
  actor("school_staff", HOGSBY),
  actor("coordinator", HOGSBY),
  actor("admin", null),
  actor("polis", null),
];

function person(role: Role, municipalityId: string | null): Subject {
  return { id: `p-${role}-${municipalityId}`, role, municipalityId };
}

describe("who may see a person's record", () => {
  // Every role of Högsby, against every non-admin role in Högsby and in Mönsterås, written out:
  // who may see whom ("H" Högsby, "M" Mönsterås).
  const expectations: Record<Role, Record<string, boolean>> = {
    coach: { "coach H": false, "school_staff H": false, "coordinator H": false, "coach M": false, "school_staff M": false, "coordinator M": false },
    school_staff: { "coach H": false, "school_staff H": false, "coordinator H": false, "coach M": false, "school_staff M": false, "coordinator M": false },
    coordinator: { "coach H": true, "school_staff H": true, "coordinator H": false, "coach M": false, "school_staff M": false, "coordinator M": false },
    admin: { "coach H": true, "school_staff H": true, "coordinator H": true, "coach M": true, "school_staff M": true, "coordinator M": true },
    // A police partner sees no coach's or anyone's record but their own.
    polis: { "coach H": false, "school_staff H": false, "coordinator H": false, "coach M": false, "school_staff M": false, "coordinator M": false },
  };
  for (const a of actors) {
    for (const municipality of [HOGSBY, MONSTERAS]) {
      for (const role of ["coach", "school_staff", "coordinator"] as const) {
        const expected = expectations[a.role][`${role} ${municipality === HOGSBY ? "H" : "M"}`];
        it(`${a.role} of Högsby ${expected ? "may" : "may not"} see a ${role} of ${municipality === HOGSBY ? "Högsby" : "Mönsterås"}`, () => {
          expect(can.viewPerson(a, person(role, municipality))).toBe(expected);
        });
      }
    }
  }

  it("everyone may see their own record", () => {
    for (const a of actors) expect(can.viewPerson(a, { id: a.id, role: a.role, municipalityId: a.municipalityId })).toBe(true);
  });

  it("a coordinator does not see the other coordinators of their own municipality", () => {
    expect(can.viewPerson(actor("coordinator", HOGSBY, "c1"), { id: "c2", role: "coordinator", municipalityId: HOGSBY })).toBe(false);
  });
});

describe("who may invite whom", () => {
  it("a coordinator invites coaches and school staff into their own municipality only", () => {
    const c = actor("coordinator", HOGSBY);
    expect(can.invite(c, "coach", HOGSBY)).toBe(true);
    expect(can.invite(c, "school_staff", HOGSBY)).toBe(true);
    expect(can.invite(c, "coach", MONSTERAS)).toBe(false);
    expect(can.invite(c, "coordinator", HOGSBY)).toBe(false);
    expect(can.invite(c, "admin", null)).toBe(false);
    expect(can.invite(c, "coach", null)).toBe(false);
  });

  it("an admin invites coordinators into any municipality and admins without one", () => {
    const a = actor("admin", null);
    expect(can.invite(a, "coordinator", HOGSBY)).toBe(true);
    expect(can.invite(a, "coordinator", MONSTERAS)).toBe(true);
    expect(can.invite(a, "admin", null)).toBe(true);
    expect(can.invite(a, "admin", HOGSBY)).toBe(false);
    expect(can.invite(a, "coordinator", null)).toBe(false);
  });

  it("a police partner invites nobody, and an admin invites a police partner only without a municipality", () => {
    for (const target of ["coach", "school_staff", "coordinator", "admin", "polis"] as const) {
      expect(can.invite(actor("polis", null), target, null)).toBe(false);
      expect(can.invite(actor("polis", null), target, HOGSBY)).toBe(false);
    }
    expect(can.invite(actor("admin", null), "polis", null)).toBe(true);
    expect(can.invite(actor("admin", null), "polis", HOGSBY)).toBe(false);
  });

  it("coaches and school staff invite nobody", () => {
    for (const role of ["coach", "school_staff"] as const) {
      for (const target of ["coach", "school_staff", "coordinator", "admin"] as const) {
        expect(can.invite(actor(role, HOGSBY), target, HOGSBY)).toBe(false);
      }
    }
  });
});

describe("deactivating people and following municipalities", () => {
  it("a coordinator deactivates their own municipality's coaches, never another's, never themselves", () => {
    const c = actor("coordinator", HOGSBY);
    expect(can.deactivatePerson(c, person("coach", HOGSBY))).toBe(true);
    expect(can.deactivatePerson(c, person("coach", MONSTERAS))).toBe(false);
    expect(can.deactivatePerson(c, { id: c.id, role: "coordinator", municipalityId: HOGSBY })).toBe(false);
  });

  it("an admin deactivates anyone but themselves", () => {
    const a = actor("admin", null);
    expect(can.deactivatePerson(a, person("coordinator", MONSTERAS))).toBe(true);
    expect(can.deactivatePerson(a, { id: a.id, role: "admin", municipalityId: null })).toBe(false);
  });

  it("only an admin removes a person's personal data, never their own; a coordinator who may deactivate a coach may not", () => {
    const a = actor("admin", null);
    expect(can.anonymisePerson(a, person("coach", HOGSBY))).toBe(true);
    expect(can.anonymisePerson(a, person("school_staff", MONSTERAS))).toBe(true);
    expect(can.anonymisePerson(a, person("coordinator", MONSTERAS))).toBe(true);
    expect(can.anonymisePerson(a, { id: "another-admin", role: "admin", municipalityId: null })).toBe(true);
    expect(can.anonymisePerson(a, { id: a.id, role: "admin", municipalityId: null })).toBe(false);
    expect(can.anonymisePerson(actor("coordinator", HOGSBY), person("coach", HOGSBY))).toBe(false);
    expect(can.anonymisePerson(actor("coach", HOGSBY), person("coach", HOGSBY))).toBe(false);
    expect(can.anonymisePerson(actor("school_staff", HOGSBY), person("coach", HOGSBY))).toBe(false);
    const self = actor("coach", HOGSBY);
    expect(can.anonymisePerson(self, { id: self.id, role: "coach", municipalityId: HOGSBY })).toBe(false);
  });

  it("only the municipality's coordinator and admins follow a municipality", () => {
    expect(can.followMunicipality(actor("coordinator", HOGSBY), HOGSBY)).toBe(true);
    expect(can.followMunicipality(actor("coordinator", HOGSBY), MONSTERAS)).toBe(false);
    expect(can.followMunicipality(actor("coach", HOGSBY), HOGSBY)).toBe(false);
    expect(can.followMunicipality(actor("admin", null), MONSTERAS)).toBe(true);
  });

  it("only admins manage municipalities and read the outbox and audit log", () => {
    for (const a of actors) {
      const isAdmin = a.role === "admin";
      expect(can.manageMunicipalities(a)).toBe(isAdmin);
      expect(can.readOutbox(a)).toBe(isAdmin);
      expect(can.readAuditLog(a)).toBe(isAdmin);
    }
  });
});

describe("who follows up a medborgarlöfte", () => {
  const promise = { municipalityIds: [HOGSBY, MONSTERAS], partnerIds: ["polis-1"] };
  const partner = actor("polis", null, "polis-1");
  const otherPolice = actor("polis", null, "polis-2");
  const coordinator = actor("coordinator", HOGSBY);

  it("the attached police partner acts on the police's and the shared commitments, never the municipality's", () => {
    expect(can.followPromise(partner, promise)).toBe(true);
    expect(can.followUpCommitment(partner, promise, "polisen")).toBe(true);
    expect(can.followUpCommitment(partner, promise, "bada")).toBe(true);
    expect(can.followUpCommitment(partner, promise, "kommunen")).toBe(false);
    expect(can.writePoliceCommentary(partner, promise)).toBe(true);
  });

  it("a police partner not attached to the promise does nothing with it", () => {
    expect(can.followPromise(otherPolice, promise)).toBe(false);
    for (const owner of ["kommunen", "polisen", "bada"] as const) expect(can.followUpCommitment(otherPolice, promise, owner)).toBe(false);
    expect(can.writePoliceCommentary(otherPolice, promise)).toBe(false);
  });

  it("the coordinators act on the municipality's and the shared commitments and write no police commentary", () => {
    expect(can.followUpCommitment(coordinator, promise, "kommunen")).toBe(true);
    expect(can.followUpCommitment(coordinator, promise, "bada")).toBe(true);
    expect(can.followUpCommitment(coordinator, promise, "polisen")).toBe(false);
    expect(can.writePoliceCommentary(coordinator, promise)).toBe(false);
  });

  it("only an admin manages police partners", () => {
    for (const a of actors) expect(can.managePolicePartners(a)).toBe(a.role === "admin");
  });
});
