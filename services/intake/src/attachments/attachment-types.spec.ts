import { ATTACHMENT_CONTENT_TYPES } from '@hotline/vocabulary';
import { ATTACHMENT_CONTENT_TYPES_1764300004650 } from '../persistence/1764300004650-attachments.migration';

// The table's check constraint lists the types the vocabulary had when it was created: a type
// added to the vocabulary needs a migration that widens the constraint, or every upload of it fails.
describe('the attachments table and the vocabulary', () => {
  it('take the same content types', () => {
    expect(ATTACHMENT_CONTENT_TYPES_1764300004650).toEqual([...ATTACHMENT_CONTENT_TYPES]);
  });
});
