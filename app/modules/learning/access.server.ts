// SPDX-License-Identifier: EUPL-1.2
// Who takes which training. Coaches and school staff take the tracks written for their
// role (a track's `audience`); coordinators and admins follow others' progress elsewhere
// and get 403 here. A track, module or lesson a person cannot take does not exist for
// them (404). A track's refresher module belongs to it only while it is open to the person.
import type { Kysely } from "kysely";
import type { ContentIndex, Lesson, Module, Track } from "~/content/content.server";
import { findTrack, findTrackModule } from "~/content/content.server";
import { can, MEMBER_ROLES, notFound, requireUser, type RequestArgs, type SessionUser } from "~/modules/access/permissions.server";
import { refresherAccess } from "~/modules/certification/certification.server";
import type { Database } from "~db/schema";

export async function requireLearner(args: RequestArgs): Promise<SessionUser> {
  return requireUser(args, { roles: MEMBER_ROLES });
}

export function tracksFor(content: ContentIndex, user: SessionUser): Track[] {
  return content.tracks.filter((track) => can.takeTrack(user, track));
}

export function requireTrack(content: ContentIndex, user: SessionUser, slug: string | undefined): Track {
  const track = slug ? findTrack(content, slug) : undefined;
  if (!track || !can.takeTrack(user, track)) notFound("Utbildningen finns inte.");
  return track;
}

export function requireModule(content: ContentIndex, track: Track, slug: string | undefined): Module {
  const module = slug ? findTrackModule(content, track, slug) : undefined;
  if (!module) notFound("Modulen finns inte i den här utbildningen.");
  return module;
}

/**
 * A module as this person may take it: one of the track's modules, or its refresher while
 * that is open to them (see refresherAccess); a closed refresher answers 404 with the reason.
 */
export async function requireLearningModule(
  db: Kysely<Database>,
  content: ContentIndex,
  user: SessionUser,
  track: Track,
  slug: string | undefined,
): Promise<Module> {
  if (slug && slug === track.refresher && !track.modules.includes(slug) && content.modules[slug]) {
    const access = await refresherAccess(db, { userId: user.id, track });
    if (!access.open) notFound(access.message);
    return content.modules[slug];
  }
  return requireModule(content, track, slug);
}

export function requireLesson(module: Module, slug: string | undefined): Lesson {
  const lesson = module.lessons.find((l) => l.slug === slug);
  if (!lesson) notFound("Lektionen finns inte.");
  return lesson;
}
