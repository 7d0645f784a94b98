// httpkit/parse = CPython's urllib.parse (3.11, with Debian's security fixes), exact to the character.
export { urlsplit, urlparse, urlunsplit, urlunparse, urldefrag } from './split.js';
export type { SplitOptions } from './split.js';
export { urljoin } from './join.js';
export type { JoinOptions } from './join.js';
export { quote, quotePlus, quoteFromBytes, unquote, unquotePlus, unquoteToBytes } from './quote.js';
export type { QuoteOptions, UnquoteOptions } from './quote.js';
export { urlencode, parseQs, parseQsl } from './query.js';
export type { ParseQsOptions, UrlencodeOptions, UrlencodeQuery, QuoteVia } from './query.js';
export {
  SplitResult, ParseResult, DefragResult, SplitResultBytes, ParseResultBytes, DefragResultBytes,
} from './results.js';
export { UnicodeError, UnicodeEncodeError, UnicodeDecodeError, LookupError } from './errors.js';
