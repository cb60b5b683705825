"""End-to-end fixture: an incomplete TikTok match."""


def on_tiktok_error(code: str) -> str:
    match code:
        case "scope_not_authorized":
            return "reconnect"
        case "internal" | "too many requests":
            return "retry"
    return "unknown"
