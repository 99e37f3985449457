// SPDX-License-Identifier: EUPL-1.2

/**
 * The municipality as it signs: the official name from its profile, else its name as registered,
 * with "kommun" added where the registered name lacks it ("Högsby" and "Högsby kommun" both
 * become "Högsby kommun"; "Region Kalmar län" stays as it is only once an official name is set).
 */
export function officialNameOf(name: string, officialName: string | null): string {
  if (officialName) return officialName;
  return /\bkommun$/i.test(name.trim()) ? name.trim() : `${name.trim()} kommun`;
}

/**
 * The Swedish genitive of a name: an "s" added, except after s, x or z, which take none
 * ("Högsby kommuns konto", "Vaxholms stads konto", but "Borås konto").
 */
export function genitiveOf(name: string): string {
  const trimmed = name.trim();
  return /[sxz]$/i.test(trimmed) ? trimmed : `${trimmed}s`;
}
