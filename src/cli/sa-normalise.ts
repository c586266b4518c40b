/**
 * SpamAssassin's normalisation of relay fields (Received.pm): brackets and other delimiters become `!`, an
 * `IPv6:` prefix and `%zone` suffix go. Used to compare our hops with its oracle and test vectors.
 */
export function saNormalise(value: string): string {
  return value.replace(/[[\]()<>|#\s\0]/g, '!');
}
