/** The labeling config (label_config.xml) generated from the schema, so Label Studio shows everything the tasks hold. */
import type { LabelSchema } from '../model';
import { LABELS, TEXT } from './labelstudioTask';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A labeling config that shows everything the tasks hold. */
export function labelConfig(schema: LabelSchema): string {
  const lines = ['<View>', `  <Labels name="${LABELS}" toName="${TEXT}">`];
  for (const l of schema.labels) lines.push(`    <Label value="${xml(l.name)}" background="${l.color}"/>`);
  for (const f of schema.frameTypes) lines.push(`    <Label value="${xml(f.name)}" background="${f.color}"/>`);
  lines.push('  </Labels>', `  <Text name="${TEXT}" value="$text"/>`, '  <Relations>');
  // A relation type's frames are Label Studio relations labelled with the type; other frames' fillers relations labelled with the role.
  const roles = new Set(schema.frameTypes.flatMap((f) => (f.relation === 'directed' || f.relation === 'undirected' ? [f.name] : f.roles.map((r) => r.name))));
  for (const r of roles) lines.push(`    <Relation value="${xml(r)}"/>`);
  lines.push('  </Relations>');
  const attrs = new Map<string, Set<string>>();
  for (const f of schema.frameTypes) for (const a of f.attributes) for (const v of a.values) attrs.set(a.name, (attrs.get(a.name) ?? new Set()).add(v));
  for (const [name, values] of attrs) {
    lines.push(`  <Choices name="${xml(name)}" toName="${TEXT}" perRegion="true">`);
    for (const v of values) lines.push(`    <Choice value="${xml(v)}"/>`);
    lines.push('  </Choices>');
  }
  lines.push('</View>');
  return `${lines.join('\n')}\n`;
}
