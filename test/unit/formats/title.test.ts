import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../../src/core/formats/names';

describe('titles of imported plain-text articles', () => {
  it('skip page furniture before the headline', () => {
    expect(titleFromText('Share\n\nUnited States and Russian Federation report progress but no deal reached on Syria\n\nBody.', 'x.txt')).toBe(
      'United States and Russian Federation report progress but no deal reached on Syria',
    );
    expect(titleFromText('• $ 87.70 -0.69\n  • 95.44 -0.89\n\nLavrov: Russia and USA will not take part in talks\n', 'x.txt')).toBe('Lavrov: Russia and USA will not take part in talks');
  });

  it('fall back to the first line, then to the file name', () => {
    expect(titleFromText('Short\n\nAlso short', 'x.txt')).toBe('Short');
    expect(titleFromText('   \n', 'x.txt')).toBe('x.txt');
  });
});
