/** What a client of the browser host (`parley serve`) sends: the per-run token rides in this header on every API request. */
export const TOKEN_HEADER = 'x-parley-token';
