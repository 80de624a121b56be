'use strict';
// The two reply values of the REST bench, as plain JSON-shaped objects (i64 ids as numbers below 2^53), shared by
// the Thrift backend, the fastify baseline and the nginx static files so every contender returns the same content.

/** Small: 6 fields, about 200 bytes of JSON. */
function small(id) {
  return {
    id,
    name: 'Augusta Ada King, Countess of Lovelace (née Byron), mathematician',
    email: 'augusta.ada.king.lovelace@analytical-engine.example.org',
    active: true,
    score: 98.625,
    visits: 1234567,
  };
}

/** Medium: nested lists of structs, about 6 KB of JSON. */
function medium(id) {
  const entries = [];
  for (let i = 0; i < 24; i++) {
    entries.push({
      id: 1000000 + i,
      title: `Entry number ${i} of the medium payload`,
      price: 19.5 + i,
      tags: [{ key: 'color', value: 'blue' }, { key: 'size', value: 'XL' }, { key: 'origin', value: 'made-in-eu' }],
      counts: [i, i * 2, i * 3, 65536 + i, 1000000 + i],
    });
  }
  return { id, owner: 'owner-of-the-medium-payload', entries };
}

module.exports = { small, medium };
