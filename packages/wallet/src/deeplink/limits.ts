/** Size caps applied to incoming requests, in characters of the (decoded) URL text. */
export type DeeplinkLimits = {
  /** The whole request URL. */
  maxUrlLength: number
  /** The base58 `payload` parameter. */
  maxPayloadLength: number
  /** The `redirect_link` parameter. */
  maxRedirectLinkLength: number
  /** The `app_url` parameter. */
  maxAppUrlLength: number
}

/**
 * Default caps. base58 decoding is quadratic (bs58 decodes ~45k chars in ~2 s on a slow core), so the
 * payload cap is 32 KiB of text: room for ~12 max-size transactions, above Android's ~31k-char intent limit.
 */
export const defaultDeeplinkLimits: DeeplinkLimits = {
  maxUrlLength: 40 * 1024,
  maxPayloadLength: 32 * 1024,
  maxRedirectLinkLength: 4096,
  maxAppUrlLength: 2048,
}
