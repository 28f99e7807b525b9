/**
 * Customer-data masking (DESIGN "Rules every widget follows", customer data). The back end decides by the session's
 * role whether a session sees names and mobiles; masked is the default everywhere, the kit itself never unmasks.
 */

/**
 * A name keeps its first character and, with 3 or more, its last: 王*明, 李*, 欧**娜. Characters are code points, so a
 * rare character outside the BMP (𠮷) counts as one. A one-character name still gets its star, so the masked length
 * never tells a one-character name from a two-character one.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * A mobile keeps its first 3 and last 4 digits: 138****1234. Separators are dropped first (`138-0013-1234`). A number
 * too short to keep 7 digits and still hide some shows only stars, one per digit.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[\s\-()]/g, '');
  if (digits.length === 0) return '';
  if (digits.length < 9) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
