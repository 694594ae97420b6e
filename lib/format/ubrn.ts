/** A UBRN as e-RS letters print it: 0000 0007 0001. */
export function formatUbrn(ubrn: string): string {
  return /^\d{12}$/.test(ubrn) ? ubrn.replace(/(\d{4})(?=\d)/g, "$1 ") : ubrn;
}
