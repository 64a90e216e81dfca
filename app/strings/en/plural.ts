/** English's two forms: one for exactly 1, the other for every other count. */
export const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);
