/**
 * The small handlers of CPython's default chain: HTTPErrorProcessor (non-2xx → error chain),
 * HTTPDefaultErrorHandler (the last resort: throw HTTPError) and UnknownHandler (no handler
 * for the scheme → URLError).
 */
import { HTTPError, URLError } from './errors.js';
import { BaseHandler } from './handler.js';
import type { HeaderLookup } from './message.js';
import type { Request } from './request.js';
import type { addinfourl, ByteSource } from './response.js';

/** Sends every non-2xx HTTP response to the opener's error chain (RFC 9110 §15.3: 2xx is success). */
export class HTTPErrorProcessor extends BaseHandler {
  override handlerOrder = 1000; // after all other processing

  async httpResponse(request: Request, response: addinfourl): Promise<addinfourl> {
    const code = response.code ?? 0;
    if (!(code >= 200 && code < 300)) {
      return (await this.parent.error('http', request, response, code, response.msg, response.info())) as addinfourl;
    }
    return response;
  }

  httpsResponse(request: Request, response: addinfourl): Promise<addinfourl> {
    return this.httpResponse(request, response);
  }
}

/** Throws HTTPError for any HTTP error status no other handler resolved. */
export class HTTPDefaultErrorHandler extends BaseHandler {
  httpErrorDefault(req: Request, fp: ByteSource | null, code: number, msg: string, hdrs: HeaderLookup): never {
    throw new HTTPError(req.fullUrl, code, msg, hdrs, fp);
  }
}

/** The end of the open chain: nothing else handled this scheme. */
export class UnknownHandler extends BaseHandler {
  unknownOpen(req: Request): never {
    throw new URLError(`unknown url type: ${req.type}`);
  }
}
