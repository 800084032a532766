/** Result type shared by the per-kind parsers (the union's `ParseResult` is this over `Answer`). */
export type KindParseResult<A> = { ok: true; answer: A } | { ok: false; reason: string };
