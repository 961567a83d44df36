import { engineSession } from '../src/kubectl/testing/engineSession.ts';
const s = engineSession(1);
for (const l of process.argv.slice(2)) { const r = s.run(l); console.log('$ '+l+'\n'+r.out+r.err+'['+r.code+']'); }
