/**
 * How a failure is written into a dead letter and a parked mark: `Name: message`, at most 2,000 characters. When the
 * failing input holds personal data only the error's name is kept, as a handler's message may quote a personal
 * value in plaintext (guarantee 14: a dead letter carries what the events table holds, or coordinates).
 */
export function failureText(error: unknown, holdsPersonalData: boolean): string {
  const name = error instanceof Error ? error.name : 'Error';
  if (holdsPersonalData) return `${name}: (message withheld: the input holds personal data)`;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2_000);
}
