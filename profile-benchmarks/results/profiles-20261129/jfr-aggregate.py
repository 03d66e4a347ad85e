import json,sys,collections,subprocess
f=sys.argv[1]; must=sys.argv[2]; exclude=sys.argv[3] if len(sys.argv)>3 else None
out=subprocess.run(['jfr','print','--json','--stack-depth','96','--events','jdk.ExecutionSample',f],capture_output=True,text=True).stdout
ev=json.loads(out)['recording']['events']
selfc=collections.Counter(); inc=collections.Counter(); n=0; threads=collections.Counter()
for e in ev:
    st=e['values'].get('stackTrace')
    if not st: continue
    frames=[fr['method']['type']['name'].split('/')[-1]+'.'+fr['method']['name'] for fr in st['frames']]
    if not any(must in x for x in frames): continue
    if exclude and any(exclude in x for x in frames): continue
    t=e['values'].get('sampledThread') or {}
    threads[t.get('javaName')]+=1
    n+=1
    selfc[frames[0]]+=1
    for m in set(frames): inc[m]+=1
print('samples',n, dict(threads))
print('--- self top 25')
for m,c in selfc.most_common(25): print(f'{100*c/n:5.1f}% {m}')
print('--- inclusive top')
for m,c in inc.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 80):
    if 'jmh' in m or 'reflect' in m or 'Thread' in m or 'Lambda' in m: continue
    print(f'{100*c/n:5.1f}% {m}')
