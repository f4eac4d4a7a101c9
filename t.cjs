const j=require('nodejieba');
j.load({userDict: '/tmp/ud.txt', idfDict: '/tmp/idf.txt', stopWordDict: '/tmp/stop.txt'});
for (const s of process.argv.slice(2)) console.log(j.cut(s,true).join('|'));
