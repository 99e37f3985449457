// SPDX-License-Identifier: EUPL-1.2
// Passwords that appear at the top of every leaked-password list, plus Swedish
// favourites. A password of 10+ characters that is on this list is refused.
export const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "0123456789", "1234512345", "1111111111", "0000000000", "1q2w3e4r5t",
  "qwertyuiop", "qwerty1234", "qwerty12345", "asdfghjkl1", "password12", "password123", "password1234",
  "passw0rd123", "iloveyou12", "abc1234567", "abcdefghij", "1qaz2wsx3edc", "zaq12wsx12", "football12",
  "baseball12", "superman12", "princess12", "sunshine12", "welcome123", "letmein123", "trustno123",
  "dragon1234", "monkey1234", "starwars12", "computer12", "michael123", "liverpool1", "chelsea123",
  "lösenord12", "lösenord123", "losenord12", "losenord123", "lösenord1234", "sommar2024", "sommar2025",
  "sommar2026", "vinter2024", "vinter2025", "vinter2026", "hosten2025", "hösten2025", "varen2025",
  "våren2025", "sverige123", "sverige1234", "stockholm1", "goteborg12", "göteborg12", "kalmar1234",
  "hogsby1234", "högsby1234", "monsteras1", "mönsterås1", "mönsterås123", "monsteras123", "kommunen123",
  "kommun1234", "välkommen1", "valkommen1", "välkommen123", "valkommen123", "hejhej1234", "hejsan1234",
  "coachportalen", "coachportalen1", "andtscoach1", "andts-coach", "qwertyuiopå", "asdfghjklö",
  "1234567890a", "a1234567890", "aaaaaaaaaa", "abcabcabc1", "password!1", "Password12", "Password123",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase()) || COMMON_PASSWORDS.has(password);
}
