import {themeFor} from '../../components/theme.js';

describe('theme', () => {
  it('has colours by default and none at all when NO_COLOR is set', () => {
    expect(themeFor({}).accent).toBeDefined();
    expect(Object.values(themeFor({NO_COLOR: '1'})).filter((colour) => colour !== undefined)).toEqual([]);
  });
  it('ignores an empty NO_COLOR, as the convention says', () => {
    expect(themeFor({NO_COLOR: ''}).error).toBeDefined();
  });
});
