// End-to-end fixture: an incomplete TikTok switch.
export function onTikTokError(code: string): string {
  switch (code) {
    case "access_token_invalid":
      return "reconnect";
    case "rate_limit_exceeded":
      return "retry";
    case "spam_risk_text":
      return "edit the caption";
  }
  return "unknown";
}
