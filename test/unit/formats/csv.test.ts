import { describe, expect, it } from 'vitest';
import { exportDocs, sampleDocument } from './helpers';

describe('CSV tables', () => {
  it('writes mentions.csv, one row per mention, and stances.csv and agreements.csv, one row per frame, with RFC 4180 quoting', () => {
    const { files, report } = exportDocs('csv', [sampleDocument()]);
    expect([...files.keys()]).toEqual(['mentions.csv', 'stances.csv', 'agreements.csv']);
    const mentions = files.get('mentions.csv')!.slice(1).split('\r\n');
    expect(mentions[0]).toBe('document_id,mention_id,start_utf16,end_utf16,quote,label,entity_id,entity_name,note,annotator,origin,author,created_at,from,decision,provenance');
    expect(mentions[1]).toMatch(/^doc-1,[^,]+,0,6,Lavrov,PERSON,ent_lavrov,Sergey Lavrov,/);
    expect(files.get('stances.csv')).toBe(
      '\uFEFFdocument_id,frame_id,evidence_start_utf16,evidence_end_utf16,evidence_quote,' +
        'holder_kind,holder_text,holder_label,holder_start_utf16,holder_end_utf16,holder_entity_id,holder_entity_name,' +
        'target_kind,target_text,target_label,target_start_utf16,target_end_utf16,target_entity_id,target_entity_name,' +
        'polarity,note,annotator,origin,author,created_at,from,decision,provenance\r\n' +
        'doc-1,f1,12,38,told Mu\u0308ller: no ceasefire,mention,Lavrov,PERSON,0,6,ent_lavrov,Sergey Lavrov,mention,ceasefire,TOPIC,29,38,,,against,blunt,ana,manual,ana,2024-05-01T10:00:00.000Z,,,\r\n',
    );
    const [head, row] = files.get('agreements.csv')!.slice(1).split('\r\n');
    const cells = Object.fromEntries(head.split(',').map((h, i) => [h, row.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)[i]]));
    expect(cells).toMatchObject({
      party_kind: 'mention | entity | mention',
      party_text: 'Lavrov | Anna Müller | Mu\u0308ller',
      party_start_utf16: '0 |  | 17',
      party_entity_id: 'ent_lavrov | ent_muller | ',
      topic_kind: 'topic',
      topic_text: '"a ""ceasefire"" | truce"',
      status: 'failed',
    });
    // Every mention written is a row of mentions.csv (a pending suggestion is not one).
    expect(report).toMatchObject({ documents: 1, frames: 2, mentions: mentions.filter(Boolean).length - 1 });
  });

  it('quotes line breaks, commas and quotes so a spreadsheet reads one row per frame', () => {
    const doc = sampleDocument();
    doc.frames[0].note = 'said, "no"\nthen left';
    const stances = exportDocs('csv', [doc]).files.get('stances.csv')!;
    expect(stances).toContain(',"said, ""no""\nthen left",ana,');
  });
});
