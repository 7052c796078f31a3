// Numbers as people read them ("1,234,567"): pages, mails and import messages alike.
const NUMBER = new Intl.NumberFormat("en-US");

export function count(n: number): string {
  return NUMBER.format(n);
}
