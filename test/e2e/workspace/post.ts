// End-to-end fixture: hover a code, see the card.
export async function publish(upload: () => Promise<{ error: { code: string } }>): Promise<string> {
  const { error } = await upload();
  if (error.code === "spam_risk_too_many_pending_share") return "wait for the creator";
  return "done";
}
