/** Scores are kept as integers in 1/100 points (87.25分 = 8725); shown exactly, never through a float. */
export function formatCenti(centi: number): string {
  if (!Number.isSafeInteger(centi)) throw new RangeError(`score must be an integer number of 1/100 points: ${centi}`);
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
