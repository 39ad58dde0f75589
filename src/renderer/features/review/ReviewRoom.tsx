/** Review: the review screen, wired to the app store. */
import { useApp } from '../../app/store';
import { ReviewView } from './ReviewView';

export function ReviewRoom() {
  const info = useApp((s) => s.info);
  const openId = useApp((s) => s.doc?.doc.id ?? null);
  if (!info) return null;
  return <ReviewView schema={info.schema} initialDocId={openId} />;
}
