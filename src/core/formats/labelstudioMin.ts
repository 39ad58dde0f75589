/** Label Studio's JSON-MIN export (one flat record per annotation), read as full tasks. */
import { isRecord } from './assemble';

/** Keys Label Studio's JSON-MIN export adds beside the task's data and its results. */
const MIN_META = new Set(['id', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time']);

function isSpanList(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isRecord(x) && 'start' in x && 'end' in x);
}

/**
 * A JSON-MIN record (one per annotation: the task's data fields, then each
 * control's results by name) as a full task, so one reader reads both.
 * JSON-MIN keeps no relations, so frames come back without roles.
 */
export function fromJsonMin(record: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const result: unknown[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (MIN_META.has(k)) continue;
    if (isSpanList(v)) {
      v.forEach((x, n) => result.push({ id: `${k}-${n + 1}`, from_name: k, to_name: 'text', type: 'labels', value: x }));
    } else data[k] = v;
  }
  const task: Record<string, unknown> = { data, annotations: [{ result, ...(record.annotator !== undefined ? { completed_by: record.annotator } : {}) }] };
  if (typeof record.id === 'number' || typeof record.id === 'string') task.id = record.id;
  return task;
}

export function isFullTask(v: unknown): boolean {
  return isRecord(v) && (isRecord(v.data) || Array.isArray(v.annotations) || Array.isArray(v.predictions));
}
