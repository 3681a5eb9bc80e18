/** A catalog for the specs: the regions of DOMAIN.md and a few indicators of each kind. */
import type { Catalog } from '../transform/catalog.js';

/** Every region below the district: the indicators these specs use are reported everywhere… */
const EVERYWHERE = ['140404001', '140404101', '140404102', '140404103', '140404104', '140404106', '140404107', '140404201', '140404202', '140404203', '140404400', '140404401', '140404406', 'P-YC-EQUIP'];

export const TEST_CATALOG: Catalog = {
  indicators: [
    { code: 'COAL_OUTPUT', name: '原煤产量', unit: '万吨', kind: 'flow', nonNegative: true, regionCodes: EVERYWHERE, aliases: ['原煤'] },
    { code: 'FAI', name: '固定资产投资', unit: '万元', kind: 'flow', nonNegative: true, regionCodes: EVERYWHERE },
    { code: 'ADV_CAPACITY_SHARE', name: '先进产能占比', unit: '%', kind: 'ratio', nonNegative: true, regionCodes: EVERYWHERE },
    { code: 'SMART_MINES', name: '智能化煤矿', unit: '座', kind: 'stock', nonNegative: true, regionCodes: EVERYWHERE },
    { code: 'PROFIT', name: '规上工业利润', unit: '万元', kind: 'flow', nonNegative: false, regionCodes: EVERYWHERE },
    // …except PV glass, which the plan has for 荫城镇 (and its park) and 郝家庄镇 only.
    { code: 'PV_GLASS', name: '光伏玻璃产量', unit: '万m²', kind: 'flow', nonNegative: true, regionCodes: ['140404102', '140404106', 'P-YC-EQUIP'] },
  ],
  regions: [
    { code: '140404', name: '上党区', kind: 'district', aliases: ['长治县'] },
    { code: '140404001', name: '韩店街道', kind: 'subdistrict', aliases: [] },
    { code: '140404101', name: '苏店镇', kind: 'town', aliases: [] },
    { code: '140404102', name: '荫城镇', kind: 'town', aliases: [] },
    { code: '140404103', name: '西火镇', kind: 'town', aliases: [] },
    { code: '140404104', name: '八义镇', kind: 'town', aliases: [] },
    { code: '140404106', name: '郝家庄镇', kind: 'town', aliases: [] },
    { code: '140404107', name: '南宋镇', kind: 'town', aliases: [] },
    { code: '140404201', name: '西池乡', kind: 'township', aliases: [] },
    { code: '140404202', name: '北呈乡', kind: 'township', aliases: [] },
    { code: '140404203', name: '东和乡', kind: 'township', aliases: [] },
    { code: '140404400', name: '振兴乡村生态文化旅游区', kind: 'special_zone', aliases: ['振兴小镇'] },
    { code: '140404401', name: '上党经济技术开发区', kind: 'development_zone', aliases: ['上党经开区'] },
    { code: '140404406', name: '长治市经济技术开发区上党区部分', kind: 'development_zone', aliases: ['长治经开区'] },
    // A park located in 荫城镇 whose loose name "荫城" collides with the town's.
    { code: 'P-YC-EQUIP', name: '先进装备制造园', kind: 'park', aliases: ['荫城园区', '荫城'] },
  ],
};
