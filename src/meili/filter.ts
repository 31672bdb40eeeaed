/**
 * Building Meilisearch filter expressions from values that may come from users. Every value is a
 * double-quoted string with `\` and `"` escaped, so no value can close the string and add an
 * operator of its own:
 *   people = ["Donald Trump", 'x" OR source = "y'] → (people = "Donald Trump" OR people = "x\" OR source = \"y")
 */

/** Quotes a value for a filter expression. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute = v1 OR attribute = v2 …`, parenthesised; undefined for no values. */
export function anyOf(attribute: string, values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  return `(${values.map((v) => `${attribute} = ${quote(v)}`).join(' OR ')})`;
}

/** Joins clauses with AND, dropping empty ones; undefined when nothing is left. */
export function allOf(clauses: ReadonlyArray<string | undefined>): string | undefined {
  const present = clauses.filter((c): c is string => Boolean(c));
  return present.length === 0 ? undefined : present.join(' AND ');
}
