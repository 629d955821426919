/**
 * Public keys no honest party sends (SECURITY-TESTS #10, #11), after Wycheproof's x25519 and
 * ed25519 suites: X25519 u-coordinates of small order (libsodium's blocklist: 0, 1, the two
 * order-8 points, p-1, p, p+1) with and without the ignored top bit set, and Ed25519 points of
 * small order.
 */
const X25519_LOW_ORDER = [
    ['zero', '0000000000000000000000000000000000000000000000000000000000000000'],
    ['one (order 4)', '0100000000000000000000000000000000000000000000000000000000000000'],
    ['order 8 (a)', 'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'],
    ['order 8 (b)', '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157'],
    ['p-1 (order 2)', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
    ['p (non-canonical zero)', 'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
    ['p+1 (non-canonical one)', 'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
];
/** The 7 blocklisted u-coordinates and their 7 high-bit-set variants. */
export const WEAK_X25519_KEYS = X25519_LOW_ORDER.flatMap(([name, hex]) => {
    const plain = Buffer.from(hex, 'hex');
    const high = Buffer.from(plain);
    high[31] = high[31] | 0x80;
    return [
        { name, bytes: plain },
        { name: `${name}, top bit set`, bytes: high },
    ];
});
/** Ed25519 encodings of points of order 1, 2, 4 and 8. */
export const SMALL_ORDER_ED25519_KEYS = [
    ['identity (order 1)', '0100000000000000000000000000000000000000000000000000000000000000'],
    ['order 2', 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'],
    ['order 4 (a)', '0000000000000000000000000000000000000000000000000000000000000080'],
    ['order 4 (b)', '0000000000000000000000000000000000000000000000000000000000000000'],
    ['order 8 (a)', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'],
    ['order 8 (b)', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa'],
    ['order 8 (c)', '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'],
    ['order 8 (d)', '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85'],
].map(([name, hex]) => ({ name: name, bytes: Buffer.from(hex, 'hex') }));
//# sourceMappingURL=weakKeys.js.map