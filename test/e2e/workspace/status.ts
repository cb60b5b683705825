// A publish being cancelled: a code TikTok's pages document that the reference does not list.
export function onCancelled(error: { code: string }): string {
  if (error.code === 'publish_not_cancellable') return 'too late to cancel';
  return 'cancelled';
}
