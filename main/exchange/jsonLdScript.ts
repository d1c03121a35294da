/**
 * JSON meant to be pasted into an HTML `<script type="application/ld+json">`
 * element. The HTML parser ends a script element at the first `</script`
 * whatever the JSON says, so `<`, `>` and `&` inside strings are written as
 * \u003c, \u003e and \u0026 (the same string to any JSON reader), and so are
 * U+2028 and U+2029, which older JavaScript parsers read as line ends.
 */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
